/**
 * Building blocks for the oracle's fake sites (random and probe): site flavours (a default English site, a Jira
 * Service Management site with `[System] Incident` and priorities renamed P1–P5, a German site whose names are
 * translated and whose API gives the English `untranslatedName`), and an issue builder that writes a changelog
 * (status, due date and label changes, each by an author) and sets the issue's fields to where the changes end.
 * Everything goes through the fake Jira Cloud's own helpers (dev/fake-jira/site.ts).
 */
import { addStandardStatuses, SERVICE_TYPES, SOFTWARE_TYPES } from '../../dev/fake-jira/catalogue';
import { DEMO_USERS } from '../../dev/demo-org/demoSite';
import {
  addIssue,
  addProject,
  changelogEntry,
  createSite,
  dueDateItem,
  findUser,
  labelsItem,
  statusItem,
  userRef,
  updateIssueFields,
  type FakeChangelogEntry,
  type FakeIssue,
  type FakeProject,
  type FakeSite,
  type IssueSpec,
} from '../../dev/fake-jira/site';

export type Flavour = 'default' | 'jsm' | 'translated';

interface TypeSpec {
  name: string;
  hierarchyLevel?: number;
  description?: string;
  untranslatedName?: string;
}

const JSM_SERVICE_TYPES: TypeSpec[] = [
  {
    name: '[System] Incident',
    description: 'For system outages or incidents. Created by Jira Service Management.',
  },
  { name: '[System] Service request', description: 'Created by Jira Service Management.' },
  { name: '[System] Problem', description: 'Track underlying causes of incidents.' },
  { name: 'Task', description: 'A small, distinct piece of work.' },
  { name: 'Epic', hierarchyLevel: 1, description: 'A large piece of work.' },
  { name: 'Innovation Idea', description: 'A staff idea.' },
  { name: 'Sub-task', hierarchyLevel: -1, description: 'A small piece of work.' },
];

/** German names with the English `untranslatedName` (what Jira's API returns on a German site). */
const DE_TYPES: TypeSpec[] = [
  { name: 'Epos', untranslatedName: 'Epic', hierarchyLevel: 1 },
  { name: 'Geschichte', untranslatedName: 'Story' },
  { name: 'Aufgabe', untranslatedName: 'Task' },
  { name: 'Fehler', untranslatedName: 'Bug' },
  { name: 'Vorfall', untranslatedName: 'Incident' },
  { name: 'Innovation Idea' },
  { name: 'Unteraufgabe', untranslatedName: 'Sub-task', hierarchyLevel: -1 },
];

const DE_PRIORITIES = ['Höchste', 'Hoch', 'Mittel', 'Niedrig', 'Niedrigste'];
const DE_RESOLUTIONS: Record<string, string> = {
  Done: 'Fertig',
  "Won't Do": 'Wird nicht erledigt',
  Duplicate: 'Duplikat',
  'Cannot Reproduce': 'Nicht reproduzierbar',
  Declined: 'Abgelehnt',
  Fixed: 'Behoben',
  "Won't Fix": 'Wird nicht behoben',
};

/** The issue types of a project of this kind on a site of this flavour. */
export function projectTypes(flavour: Flavour, kind: 'software' | 'service'): TypeSpec[] {
  if (flavour === 'translated') return DE_TYPES;
  if (flavour === 'jsm' && kind === 'service') return JSM_SERVICE_TYPES;
  return kind === 'service' ? SERVICE_TYPES : SOFTWARE_TYPES;
}

/** The staff user: browses everything, administers nothing (so never a default bypass approver). */
export const STAFF = DEMO_USERS.staff;
export const ADMIN = DEMO_USERS.admin;

/** A site of a flavour with the admin (Jira admin) and the staff user, the standard statuses and resolutions. */
export function flavouredSite(
  flavour: Flavour,
  options: { name: string; now: number; jiraUserTimeZone: string },
): FakeSite {
  const site = createSite({
    name: options.name,
    timeZone: options.jiraUserTimeZone,
    now: options.now,
    ...(flavour === 'translated' ? { locale: 'de' } : {}),
  });
  site.users.push(
    {
      ...ADMIN,
      jiraAdmin: true,
      browse: '*',
      administer: '*',
      timeZone: options.jiraUserTimeZone,
      accountType: 'atlassian',
    },
    {
      ...STAFF,
      jiraAdmin: false,
      browse: '*',
      administer: [],
      timeZone: 'UTC',
      accountType: 'atlassian',
    },
  );
  site.resolutions.push({ id: '10005', name: 'Fixed' }, { id: '10006', name: "Won't Fix" });
  if (flavour === 'jsm') site.priorities.forEach((p, i) => (p.name = `P${i + 1}`));
  if (flavour === 'translated') {
    site.priorities.forEach((p, i) => {
      p.untranslatedName = p.name;
      p.name = DE_PRIORITIES[i]!;
    });
    site.resolutions.forEach((r) => {
      const de = DE_RESOLUTIONS[r.name];
      if (de) {
        r.untranslatedName = r.name;
        r.name = de;
      }
    });
  }
  addStandardStatuses(site);
  return site;
}

export function addFlavouredProject(
  site: FakeSite,
  flavour: Flavour,
  spec: { key: string; name: string; kind: 'software' | 'service'; style?: 'classic' | 'next-gen' },
  extraTypes: TypeSpec[] = [],
): FakeProject {
  return addProject(site, {
    key: spec.key,
    name: spec.name,
    projectTypeKey: spec.kind === 'service' ? 'service_desk' : 'software',
    style: spec.style ?? 'classic',
    issueTypes: [...projectTypes(flavour, spec.kind), ...extraTypes],
  });
}

/** One change of an issue: a status, a due date and/or labels, at an instant, by an account. */
export interface Change {
  at: number;
  status?: string;
  due?: string | null;
  labels?: string[];
  by?: string;
  offset?: string;
}

export interface HistorySpec extends Omit<IssueSpec, 'changelog' | 'statusCategoryChanged'> {
  /** The initial status, due date and labels are `status`, `dueDate` and `labels`; `changes` move them. */
  changes?: Change[];
  /** Overrides the derived `statuscategorychangedate` (for an issue without a status history). */
  statusCategoryChanged?: number;
}

/**
 * Adds an issue whose fields end where its changes lead (status, due date, labels), with a changelog entry per
 * change and `statuscategorychangedate` at the last change of status category.
 */
export function addIssueWithHistory(site: FakeSite, spec: HistorySpec): FakeIssue {
  const statusOf = (name: string) => {
    const s = site.statuses.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new Error(`unknown status ${name}`);
    return s;
  };
  let status = statusOf(spec.status);
  let due = spec.dueDate ?? null;
  let labels = [...(spec.labels ?? [])];
  let categoryChanged: number | undefined;
  const entries: FakeChangelogEntry[] = [];
  const changes = [...(spec.changes ?? [])].sort((a, b) => a.at - b.at);
  for (const c of changes) {
    const items = [];
    if (c.status !== undefined) {
      const to = statusOf(c.status);
      if (to.id !== status.id) {
        items.push(statusItem(status, to));
        if (to.category !== status.category) categoryChanged = c.at;
        status = to;
      }
    }
    if (c.due !== undefined && c.due !== due) {
      items.push(dueDateItem(due, c.due));
      due = c.due;
    }
    if (c.labels !== undefined && c.labels.join(' ') !== labels.join(' ')) {
      items.push(labelsItem(labels, c.labels));
      labels = [...c.labels];
    }
    if (items.length === 0) continue;
    const author = findUser(site, c.by ?? spec.reporter ?? ADMIN.accountId);
    if (!author) throw new Error(`unknown user ${c.by}`);
    entries.push(changelogEntry(site, c.at, userRef(author), items, c.offset ?? spec.offset ?? '+0000'));
  }
  const { changes: _changes, ...rest } = spec;
  void _changes;
  return addIssue(site, {
    ...rest,
    status: status.name,
    dueDate: due,
    labels,
    ...(spec.statusCategoryChanged !== undefined || categoryChanged !== undefined
      ? { statusCategoryChanged: spec.statusCategoryChanged ?? categoryChanged }
      : {}),
    changelog: entries,
  });
}

/** Writes the issue's resolution under another spelling (same id), as some sites and imports do. */
export function respellResolution(site: FakeSite, issue: FakeIssue, writtenAs: string): void {
  const r = issue.fields.resolution;
  if (!r) return;
  updateIssueFields(site, issue, { resolution: { id: r.id, name: writtenAs, description: r.description } });
}
