/**
 * The data model of a fake Jira Cloud site: users, projects, issue types and their schemes, priorities,
 * resolutions, statuses and issues. Issues are stored in Jira's own JSON shape (`fields.issuetype.name`,
 * `fields.status.statusCategory.key`, `created` as `2026-05-01T10:20:30.000+0530`, …) so that the fake server can hand
 * them out as they are.
 *
 * A site is plain in-memory data; `createSite` makes an empty one with Jira's standard catalogue, `addIssue` and the
 * other helpers fill it. Writes go through `updateIssueFields` so that the search cache and indexes notice them.
 */
import { formatJiraDateTime } from './jiraTime';

/**
 * Jira's status category keys. 'undefined' is Jira's own "No Category" (id 1): a status of a broken or migrated
 * workflow can be in it, and apps must not read it as To Do, In Progress or Done.
 */
export type CategoryKey = 'new' | 'indeterminate' | 'done' | 'undefined';

export interface FakeUser {
  accountId: string;
  email: string;
  /** The API token for basic auth (`email:token`). */
  token: string;
  displayName: string;
  /** Holds the global "Administer Jira" permission. */
  jiraAdmin: boolean;
  /** Project keys this user can browse, or '*' for all. */
  browse: readonly string[] | '*';
  /** Project keys this user administers, or '*' for all. */
  administer: readonly string[] | '*';
  timeZone: string;
  accountType: 'atlassian' | 'app';
}

export interface FakeIssueType {
  id: string;
  name: string;
  description: string;
  /** 1 = epic, 0 = standard, -1 = subtask. */
  hierarchyLevel: number;
  subtask: boolean;
  /** For types of a team-managed project: that project's id. */
  scopeProjectId?: string;
  /** The English name when `name` is a localized one (what Jira's API returns as `untranslatedName`). */
  untranslatedName?: string;
}

export interface FakeIssueTypeScheme {
  id: string;
  name: string;
  isDefault: boolean;
  issueTypeIds: string[];
}

export interface FakeProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey: 'software' | 'service_desk' | 'business';
  /** 'classic' = company-managed, 'next-gen' = team-managed. */
  style: 'classic' | 'next-gen';
  /** Company-managed projects use a scheme; team-managed ones own their types (`scopeProjectId`). */
  issueTypeSchemeId: string | null;
  leadAccountId: string;
  components: { id: string; name: string }[];
  /** The number of the next issue key. */
  nextNumber: number;
}

export interface FakeStatus {
  id: string;
  name: string;
  category: CategoryKey;
}

export interface FakeNamed {
  id: string;
  /** The name as the API returns it (localized when `untranslatedName` is set). */
  name: string;
  description?: string;
  /** The English name when `name` is a localized one. */
  untranslatedName?: string;
}

/** One item of a changelog entry, in Jira's shape. */
export interface FakeChangelogItem {
  field: string;
  fieldId: string;
  fieldtype: 'jira';
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/** One changelog entry ("change history") of an issue, in Jira's shape. */
export interface FakeChangelogEntry {
  id: string;
  /** Jira datetime, e.g. `2026-05-01T10:20:30.000+0000`. */
  created: string;
  author: JiraUserRef;
  items: FakeChangelogItem[];
}

export interface JiraUserRef {
  accountId: string;
  displayName: string;
  accountType: string;
  active: boolean;
}

/** The fields of a stored issue, in Jira's JSON shape. */
export interface FakeIssueFields {
  summary: string;
  description: unknown;
  issuetype: { id: string; name: string; description: string; hierarchyLevel: number; subtask: boolean };
  project: { id: string; key: string; name: string; projectTypeKey: string; simplified: boolean };
  status: {
    id: string;
    name: string;
    description: string;
    statusCategory: { id: number; key: CategoryKey; colorName: string; name: string };
  };
  priority: { id: string; name: string } | null;
  labels: string[];
  resolution: { id: string; name: string; description: string } | null;
  created: string;
  updated: string;
  resolutiondate: string | null;
  statuscategorychangedate: string;
  duedate: string | null;
  components: { id: string; name: string }[];
  reporter: JiraUserRef | null;
  assignee: JiraUserRef | null;
  creator: JiraUserRef | null;
  /** Seconds (Σ over the issue and its sub-tasks); null when not estimated. */
  aggregatetimeoriginalestimate: number | null;
  /** Seconds logged (Σ over the issue and its sub-tasks); null when none. */
  aggregatetimespent: number | null;
}

export interface FakeIssue {
  id: string;
  key: string;
  /** Replaced as a whole on every write (see `updateIssueFields`), never mutated in place. */
  fields: FakeIssueFields;
  /** Change histories, oldest first (served by `POST /rest/api/3/changelog/bulkfetch`). */
  changelog?: FakeChangelogEntry[];
}

export interface FakeComment {
  id: string;
  author: JiraUserRef;
  body: unknown;
  created: string;
  updated: string;
}

export interface FakeSite {
  name: string;
  /** The language of error texts ('en' default; 'de' is translated). Tests must never depend on the texts. */
  locale?: string;
  /** The zone JQL date literals are read in (Jira uses the searching user's zone; the fake uses one per site). */
  timeZone: string;
  /** The site's clock (epoch ms): relative JQL dates and write timestamps use it, so tests are deterministic. */
  now: number;
  users: FakeUser[];
  projects: FakeProject[];
  issueTypes: FakeIssueType[];
  issueTypeSchemes: FakeIssueTypeScheme[];
  /** Highest first. */
  priorities: FakeNamed[];
  resolutions: FakeNamed[];
  statuses: FakeStatus[];
  issues: FakeIssue[];
  comments: Map<string, FakeComment[]>;
  byKey: Map<string, FakeIssue>;
  byId: Map<string, FakeIssue>;
  /** Next ids for new objects. */
  sequence: {
    issue: number;
    issueType: number;
    comment: number;
    scheme: number;
    project: number;
    status: number;
    /** Next changelog entry id (optional for sites built before changelogs existed). */
    changelog?: number;
  };
  /** Bumped on every write: search results cached for an older version are stale. */
  version: number;
  /**
   * Workflows (by name) whose transitions carry the app's validator, with those transitions' names. Absent: none
   * (as on a site where the admin has not added it yet).
   */
  appValidators?: Record<string, string[]>;
}

export const CATEGORIES: Record<
  CategoryKey,
  { id: number; key: CategoryKey; colorName: string; name: string }
> = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
  undefined: { id: 1, key: 'undefined', colorName: 'medium-gray', name: 'No Category' },
};

/** The id of every site's default issue type scheme. */
export const DEFAULT_SCHEME_ID = '10000';

/** Jira Cloud's standard priorities, highest first. */
const STANDARD_PRIORITIES: FakeNamed[] = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

const STANDARD_RESOLUTIONS: FakeNamed[] = [
  { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  { id: '10001', name: "Won't Do", description: 'This issue won\u2019t be actioned.' },
  { id: '10002', name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
  { id: '10003', name: 'Cannot Reproduce', description: 'All attempts at reproducing this issue failed.' },
  { id: '10004', name: 'Declined', description: 'This request was declined.' },
];

export interface CreateSiteOptions {
  name?: string;
  timeZone?: string;
  now: number;
  locale?: string;
}

/** An empty site with Jira's standard priorities and resolutions and an empty default issue type scheme. */
export function createSite(options: CreateSiteOptions): FakeSite {
  return {
    name: options.name ?? 'Fake Jira',
    ...(options.locale ? { locale: options.locale } : {}),
    timeZone: options.timeZone ?? 'UTC',
    now: options.now,
    users: [],
    projects: [],
    issueTypes: [],
    issueTypeSchemes: [
      { id: DEFAULT_SCHEME_ID, name: 'Default Issue Type Scheme', isDefault: true, issueTypeIds: [] },
    ],
    priorities: STANDARD_PRIORITIES.map((p) => ({ ...p })),
    resolutions: STANDARD_RESOLUTIONS.map((r) => ({ ...r })),
    statuses: [],
    issues: [],
    comments: new Map(),
    byKey: new Map(),
    byId: new Map(),
    sequence: {
      issue: 10001,
      issueType: 10001,
      comment: 10001,
      scheme: 10001,
      project: 10001,
      status: 10001,
      changelog: 10001,
    },
    version: 0,
  };
}

const lower = (s: string) => s.toLowerCase();

/**
 * For the data builders (not the API): whether an object is called this, by its name or its English name, so that
 * a builder can write 'Epic' on a site whose types are translated.
 */
function matchesName(x: { name: string; untranslatedName?: string }, name: string): boolean {
  return lower(x.name) === lower(name) || (!!x.untranslatedName && lower(x.untranslatedName) === lower(name));
}

/** Adds (or returns the existing) issue type. Company-wide types also join the default scheme, as in Jira. */
export function addIssueType(
  site: FakeSite,
  spec: {
    name: string;
    description?: string;
    hierarchyLevel?: number;
    scopeProjectId?: string;
    untranslatedName?: string;
  },
): FakeIssueType {
  const existing = site.issueTypes.find(
    (t) => matchesName(t, spec.name) && t.scopeProjectId === spec.scopeProjectId,
  );
  if (existing) return existing;
  const level = spec.hierarchyLevel ?? 0;
  const type: FakeIssueType = {
    id: String(site.sequence.issueType++),
    name: spec.name,
    description: spec.description ?? '',
    hierarchyLevel: level,
    subtask: level < 0,
    ...(spec.scopeProjectId ? { scopeProjectId: spec.scopeProjectId } : {}),
    ...(spec.untranslatedName ? { untranslatedName: spec.untranslatedName } : {}),
  };
  site.issueTypes.push(type);
  if (!spec.scopeProjectId) site.issueTypeSchemes.find((s) => s.isDefault)?.issueTypeIds.push(type.id);
  site.version++;
  return type;
}

/** Adds (or returns the existing) status. */
export function addStatus(site: FakeSite, name: string, category: CategoryKey): FakeStatus {
  const existing = site.statuses.find((s) => lower(s.name) === lower(name));
  if (existing) return existing;
  const status = { id: String(site.sequence.status++), name, category };
  site.statuses.push(status);
  return status;
}

export interface ProjectSpec {
  key: string;
  name: string;
  projectTypeKey?: FakeProject['projectTypeKey'];
  style?: FakeProject['style'];
  leadAccountId?: string;
  /** Issue type names. Company-managed: a scheme "KEY: Scheme" with these site types; team-managed: own types. */
  issueTypes: readonly {
    name: string;
    hierarchyLevel?: number;
    description?: string;
    untranslatedName?: string;
  }[];
  components?: readonly string[];
}

/** Adds a project with its issue types (a scheme of its own for company-managed projects). */
export function addProject(site: FakeSite, spec: ProjectSpec): FakeProject {
  if (findProject(site, spec.key)) throw new Error(`project ${spec.key} exists`);
  const style = spec.style ?? 'classic';
  const id = String(site.sequence.project++);
  const project: FakeProject = {
    id,
    key: spec.key,
    name: spec.name,
    projectTypeKey: spec.projectTypeKey ?? 'software',
    style,
    issueTypeSchemeId: null,
    leadAccountId: spec.leadAccountId ?? '',
    components: (spec.components ?? []).map((name, i) => ({ id: String(Number(id) * 100 + i), name })),
    nextNumber: 1,
  };
  if (style === 'classic') {
    const ids = spec.issueTypes.map((t) => addIssueType(site, t).id);
    const scheme: FakeIssueTypeScheme = {
      id: String(site.sequence.scheme++),
      name: `${spec.key}: ${spec.projectTypeKey === 'service_desk' ? 'Service Management' : 'Software'} Issue Type Scheme`,
      isDefault: false,
      issueTypeIds: ids,
    };
    site.issueTypeSchemes.push(scheme);
    project.issueTypeSchemeId = scheme.id;
  } else {
    for (const t of spec.issueTypes) addIssueType(site, { ...t, scopeProjectId: id });
  }
  site.projects.push(project);
  site.version++;
  return project;
}

/** A project by key (case-insensitive) or id. */
export function findProject(site: FakeSite, keyOrId: string): FakeProject | undefined {
  const k = keyOrId.toUpperCase();
  return site.projects.find((p) => p.key === k || p.id === keyOrId);
}

/** The issue types a project offers: its scheme's (company-managed) or its own (team-managed). */
export function projectIssueTypes(site: FakeSite, project: FakeProject): FakeIssueType[] {
  if (project.style === 'next-gen') return site.issueTypes.filter((t) => t.scopeProjectId === project.id);
  const scheme = site.issueTypeSchemes.find((s) => s.id === project.issueTypeSchemeId);
  const ids = scheme?.issueTypeIds ?? [];
  return ids.map((id) => site.issueTypes.find((t) => t.id === id)).filter((t): t is FakeIssueType => !!t);
}

/** An issue by key (case-insensitive) or id. */
export function findIssue(site: FakeSite, keyOrId: string): FakeIssue | undefined {
  return site.byKey.get(keyOrId.toUpperCase()) ?? site.byId.get(keyOrId);
}

/** A user by account id. */
export function findUser(site: FakeSite, accountId: string): FakeUser | undefined {
  return site.users.find((u) => u.accountId === accountId);
}

/** The `{accountId, displayName, …}` reference Jira puts in `reporter`, `assignee` and comment authors. */
export function userRef(user: FakeUser): JiraUserRef {
  return {
    accountId: user.accountId,
    displayName: user.displayName,
    accountType: user.accountType,
    active: true,
  };
}

export interface IssueSpec {
  project: string;
  type: string;
  summary: string;
  status: string;
  /** Creation instant (epoch ms). */
  created: number;
  /** Resolution instant; requires `resolution`. */
  resolved?: number | null;
  resolution?: string | null;
  priority?: string | null;
  labels?: readonly string[];
  dueDate?: string | null;
  components?: readonly string[];
  reporter?: string;
  assignee?: string | null;
  /** The offset the datetimes are written in, e.g. '+0530'. */
  offset?: string;
  /** Last update instant; defaults to the resolution or creation instant. */
  updated?: number;
  description?: string;
  /** Account id of the creator; defaults to the reporter. */
  creator?: string | null;
  /** Original estimate and time spent, in seconds. */
  originalEstimateSeconds?: number | null;
  timeSpentSeconds?: number | null;
  /** When the status category last changed (defaults as before: created for To Do, else resolved/updated). */
  statusCategoryChanged?: number;
  /** Change histories, oldest first (see `changelogEntry`). */
  changelog?: FakeChangelogEntry[];
}

function adf(text: string): unknown {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

function named<T extends FakeNamed>(list: readonly T[], name: string, what: string): T {
  const found = list.find((x) => matchesName(x, name));
  if (!found) throw new Error(`unknown ${what} ${JSON.stringify(name)}`);
  return found;
}

/** The issue type a project offers under this name. */
function projectType(site: FakeSite, project: FakeProject, name: string): FakeIssueType {
  const type = projectIssueTypes(site, project).find((t) => matchesName(t, name));
  if (!type) throw new Error(`project ${project.key} has no issue type ${JSON.stringify(name)}`);
  return type;
}

/** Builds the Jira JSON status object. */
export function statusField(status: FakeStatus): FakeIssueFields['status'] {
  return {
    id: status.id,
    name: status.name,
    description: '',
    statusCategory: { ...CATEGORIES[status.category] },
  };
}

/**
 * The reference objects issues share (issue type, project, status, priority, resolution, users, components): built
 * once per site and frozen, so that 40 000 issues do not make 40 000 copies of each.
 */
const sharedRefs = new WeakMap<FakeSite, Map<string, unknown>>();

function shared<T extends object>(site: FakeSite, key: string, make: () => T): T {
  let refs = sharedRefs.get(site);
  if (!refs) sharedRefs.set(site, (refs = new Map()));
  let value = refs.get(key) as T | undefined;
  if (value === undefined) {
    value = deepFreeze(make());
    refs.set(key, value);
  }
  return value;
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (v && typeof v === 'object') deepFreeze(v as object);
  return Object.freeze(value);
}

/**
 * Adds an issue, numbering it in its project (`OPS-1`, `OPS-2`, …). The shared reference objects in its fields are
 * frozen; writes replace them (see `updateIssueFields`).
 * @throws Error for an unknown project, type, status, priority, resolution or user (a bug in the data builder).
 */
export function addIssue(site: FakeSite, spec: IssueSpec): FakeIssue {
  const project = findProject(site, spec.project);
  if (!project) throw new Error(`unknown project ${spec.project}`);
  const issuetype = shared(site, `type:${project.id}:${lower(spec.type)}`, () => {
    const t = projectType(site, project, spec.type);
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      hierarchyLevel: t.hierarchyLevel,
      subtask: t.subtask,
    };
  });
  const status = shared(site, `status:${lower(spec.status)}`, () =>
    statusField(named(site.statuses, spec.status, 'status')),
  );
  const user = (accountId: string) =>
    shared(site, `user:${accountId}`, () => {
      const u = findUser(site, accountId);
      if (!u) throw new Error(`unknown user ${accountId}`);
      return userRef(u);
    });
  const offset = spec.offset ?? '+0000';
  const resolved = spec.resolution ? (spec.resolved ?? spec.created) : null;
  const statusChanged =
    spec.statusCategoryChanged ??
    (status.statusCategory.key === 'new' ? spec.created : (resolved ?? spec.updated ?? spec.created));
  const createdText = formatJiraDateTime(spec.created, offset);
  const resolvedText = resolved === null ? null : formatJiraDateTime(resolved, offset);
  const when = (instant: number) =>
    instant === spec.created
      ? createdText
      : instant === resolved
        ? resolvedText!
        : formatJiraDateTime(instant, offset);
  const issue: FakeIssue = {
    id: String(site.sequence.issue++),
    key: `${project.key}-${project.nextNumber++}`,
    fields: {
      summary: spec.summary,
      description: spec.description ? adf(spec.description) : null,
      issuetype,
      project: shared(site, `project:${project.id}`, () => ({
        id: project.id,
        key: project.key,
        name: project.name,
        projectTypeKey: project.projectTypeKey,
        simplified: project.style === 'next-gen',
      })),
      status,
      priority: spec.priority
        ? shared(site, `priority:${lower(spec.priority)}`, () => {
            const p = named(site.priorities, spec.priority!, 'priority');
            return { id: p.id, name: p.name };
          })
        : null,
      labels: [...(spec.labels ?? [])],
      resolution: spec.resolution
        ? shared(site, `resolution:${lower(spec.resolution)}`, () => {
            const r = named(site.resolutions, spec.resolution!, 'resolution');
            return { id: r.id, name: r.name, description: r.description ?? '' };
          })
        : null,
      created: when(spec.created),
      updated: when(spec.updated ?? resolved ?? spec.created),
      resolutiondate: resolvedText,
      statuscategorychangedate: when(statusChanged),
      duedate: spec.dueDate ?? null,
      components: (spec.components ?? []).map((name) =>
        shared(site, `component:${project.id}:${lower(name)}`, () => {
          const c = project.components.find((x) => lower(x.name) === lower(name));
          if (!c) throw new Error(`project ${project.key} has no component ${name}`);
          return { ...c };
        }),
      ),
      reporter: spec.reporter ? user(spec.reporter) : null,
      assignee: spec.assignee ? user(spec.assignee) : null,
      creator:
        spec.creator === null
          ? null
          : (spec.creator ?? spec.reporter)
            ? user((spec.creator ?? spec.reporter)!)
            : null,
      aggregatetimeoriginalestimate: spec.originalEstimateSeconds ?? null,
      aggregatetimespent: spec.timeSpentSeconds ?? null,
    },
    ...(spec.changelog && spec.changelog.length > 0 ? { changelog: [...spec.changelog] } : {}),
  };
  site.issues.push(issue);
  site.byKey.set(issue.key, issue);
  site.byId.set(issue.id, issue);
  site.version++;
  return issue;
}

/** A `status` changelog item (from/to are status ids). */
export function statusItem(from: FakeStatus | null, to: FakeStatus): FakeChangelogItem {
  return {
    field: 'status',
    fieldId: 'status',
    fieldtype: 'jira',
    from: from?.id ?? null,
    fromString: from?.name ?? null,
    to: to.id,
    toString: to.name,
  };
}

/** A `duedate` changelog item (from/to are 'YYYY-MM-DD'; the strings are Jira's `YYYY-MM-DD 00:00:00.0`). */
export function dueDateItem(from: string | null, to: string | null): FakeChangelogItem {
  const text = (d: string | null) => (d === null ? null : `${d} 00:00:00.0`);
  return {
    field: 'duedate',
    fieldId: 'duedate',
    fieldtype: 'jira',
    from,
    fromString: text(from),
    to,
    toString: text(to),
  };
}

/** A `labels` changelog item (the strings are space-separated labels; null when there were none). */
export function labelsItem(from: readonly string[], to: readonly string[]): FakeChangelogItem {
  const text = (l: readonly string[]) => (l.length === 0 ? null : l.join(' '));
  return {
    field: 'labels',
    fieldId: 'labels',
    fieldtype: 'jira',
    from: null,
    fromString: text(from),
    to: null,
    toString: text(to),
  };
}

/** A `resolution` changelog item. */
export function resolutionItem(
  from: { id: string; name: string } | null,
  to: { id: string; name: string } | null,
): FakeChangelogItem {
  return {
    field: 'resolution',
    fieldId: 'resolution',
    fieldtype: 'jira',
    from: from?.id ?? null,
    fromString: from?.name ?? null,
    to: to?.id ?? null,
    toString: to?.name ?? null,
  };
}

/** A changelog entry with the site's next id (for builders; `updateIssueFields` makes its own). */
export function changelogEntry(
  site: FakeSite,
  at: number,
  author: JiraUserRef,
  items: FakeChangelogItem[],
  offset = '+0000',
): FakeChangelogEntry {
  site.sequence.changelog ??= 10001;
  return { id: String(site.sequence.changelog++), created: formatJiraDateTime(at, offset), author, items };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Replaces some fields of an issue (a write): the fields object is replaced, never mutated, and the site version
 * moves. As in Jira, a change of status, resolution, due date or labels appends one changelog entry by `author`
 * (when given) at the site's clock; a change of status category also moves `statuscategorychangedate`.
 */
export function updateIssueFields(
  site: FakeSite,
  issue: FakeIssue,
  patch: Partial<FakeIssueFields>,
  author?: JiraUserRef,
): void {
  const old = issue.fields;
  const now = formatJiraDateTime(site.now, '+0000');
  const items: FakeChangelogItem[] = [];
  if (patch.status && patch.status.id !== old.status.id) {
    const from = site.statuses.find((s) => s.id === old.status.id) ?? null;
    const to = site.statuses.find((s) => s.id === patch.status!.id);
    if (to) items.push(statusItem(from, to));
  }
  if (patch.resolution !== undefined && (patch.resolution?.id ?? null) !== (old.resolution?.id ?? null))
    items.push(resolutionItem(old.resolution, patch.resolution));
  if (patch.duedate !== undefined && patch.duedate !== old.duedate)
    items.push(dueDateItem(old.duedate, patch.duedate));
  if (patch.labels && !sameList(patch.labels, old.labels)) items.push(labelsItem(old.labels, patch.labels));
  const extra: Partial<FakeIssueFields> = {};
  if (patch.status && patch.status.statusCategory.key !== old.status.statusCategory.key)
    extra.statuscategorychangedate = now;
  issue.fields = { ...old, ...patch, ...extra, updated: now };
  if (author && items.length > 0)
    issue.changelog = [...(issue.changelog ?? []), changelogEntry(site, site.now, author, items)];
  site.version++;
}

/**
 * Moves an issue to a status as a workflow transition would: entering the Done category sets the resolution
 * (`resolution`, default the site's first one, "Done") and `resolutiondate`; leaving it clears both. The change is
 * recorded in the changelog by `author`.
 * @throws Error for an unknown status or resolution (a bug in the caller).
 */
export function transitionIssue(
  site: FakeSite,
  issue: FakeIssue,
  statusName: string,
  author: JiraUserRef,
  resolution?: string | null,
): void {
  const status = named(site.statuses, statusName, 'status');
  const patch: Partial<FakeIssueFields> = { status: statusField(status) };
  const now = formatJiraDateTime(site.now, '+0000');
  if (status.category === 'done') {
    if (resolution === null) patch.resolution = null;
    else if (resolution !== undefined || !issue.fields.resolution) {
      const r = resolution ? named(site.resolutions, resolution, 'resolution') : site.resolutions[0]!;
      patch.resolution = { id: r.id, name: r.name, description: r.description ?? '' };
    }
    if (patch.resolution !== null && issue.fields.status.statusCategory.key !== 'done')
      patch.resolutiondate = now;
  } else if (issue.fields.resolution) {
    patch.resolution = null;
    patch.resolutiondate = null;
  }
  updateIssueFields(site, issue, patch, author);
}

/**
 * True when the user holds Browse Projects in the project: what reading its issues needs. As in Jira, neither
 * Administer Projects nor Administer Jira implies it (an administrator may manage a project whose issues they cannot
 * see).
 */
export function canBrowse(user: FakeUser, projectKey: string): boolean {
  return user.browse === '*' || user.browse.includes(projectKey);
}

/** True when the user administers the project (Jira admins administer every project). */
export function canAdminister(user: FakeUser, projectKey: string): boolean {
  return user.jiraAdmin || user.administer === '*' || user.administer.includes(projectKey);
}

/**
 * True when the user may "view" the project itself (not its issues): Browse Projects, Administer Projects or
 * Administer Jira, as Jira's `GET /project/{key}` and `GET /project/search?action=view` (the default) decide.
 */
export function canView(user: FakeUser, projectKey: string): boolean {
  return canBrowse(user, projectKey) || canAdminister(user, projectKey);
}

/** Drops the cached reference objects of a site (after a rename, so new issues get the new names). */
function forgetShared(site: FakeSite): void {
  sharedRefs.delete(site);
}

/**
 * Changes a project's key as Jira does: the project keeps its id, its issues are re-keyed (`OPS-7` → `OPS2-7`) and
 * their old keys still resolve; permissions follow the project.
 */
export function renameProjectKey(site: FakeSite, project: FakeProject, newKey: string): void {
  const from = project.key;
  const to = newKey.toUpperCase();
  if (from === to) return;
  if (findProject(site, to)) throw new Error(`project ${to} exists`);
  project.key = to;
  forgetShared(site);
  const ref = (f: FakeIssueFields['project']) => ({ ...f, key: to });
  for (const issue of site.issues) {
    if (issue.fields.project.id !== project.id) continue;
    const number = issue.key.slice(issue.key.lastIndexOf('-') + 1);
    if (issue.key.startsWith(`${from}-`)) {
      issue.key = `${to}-${number}`;
      site.byKey.set(issue.key, issue); // the old key stays in byKey: it still resolves
    }
    issue.fields = { ...issue.fields, project: ref(issue.fields.project) };
  }
  const moved = (list: readonly string[] | '*') =>
    list === '*' ? list : list.map((k) => (k === from ? to : k));
  for (const user of site.users) {
    user.browse = moved(user.browse);
    user.administer = moved(user.administer);
  }
  site.version++;
}

/** Renames an issue type: every issue of the type shows the new name (no changelog entry, as in Jira). */
export function renameIssueType(site: FakeSite, type: FakeIssueType, name: string): void {
  type.name = name;
  forgetShared(site);
  for (const issue of site.issues) {
    if (issue.fields.issuetype.id !== type.id) continue;
    issue.fields = { ...issue.fields, issuetype: { ...issue.fields.issuetype, name } };
  }
  site.version++;
}

/** Deletes an issue: it is gone for every request (searches, reads by key or id). */
export function deleteIssue(site: FakeSite, issue: FakeIssue): void {
  const at = site.issues.indexOf(issue);
  if (at >= 0) site.issues.splice(at, 1);
  for (const [k, v] of site.byKey) if (v === issue) site.byKey.delete(k);
  site.byId.delete(issue.id);
  site.comments.delete(issue.id);
  site.version++;
}
