/**
 * The Forge tests' platform: the real `@forge/api`, `@forge/kvs` and `@forge/events` over the Forge emulator
 * (dev/forge-emulator), with Jira served by the one fake Jira (dev/fake-jira) in process. Importing this module
 * installs the emulated egress; nothing is mocked.
 *
 * What follows is a thin test-facing adapter over the fake Jira's site model, so that tests can say
 * `platform.jira.addIssue({ project: 'OPS', type: 'Epic' })`, `grant('u-viewer', 'OPS', { browse: true })`,
 * `issue.statusId = '3'` or `platform.jira.count('GET', /search\/jql$/, 'app')`. Every Jira request goes through the
 * fake's whole pipeline: authentication by account, permissions (Browse Projects is not implied by administering),
 * the real JQL, paging, changelogs, comments, faults. Tests may also answer a request themselves (`override`), which
 * is the only place a reply does not come from the fake Jira.
 */
import { createFakeJiraApp, type FakeJiraApp, type FaultRule } from '../../dev/fake-jira/fakeJira';
import {
  addIssue as addSiteIssue,
  addIssueType,
  addProject as addSiteProject,
  canAdminister,
  canBrowse,
  createSite,
  deleteIssue,
  findProject,
  findUser,
  projectIssueTypes,
  renameIssueType,
  renameProjectKey,
  statusField,
  updateIssueFields,
  userRef,
  type CategoryKey,
  type FakeIssue as SiteIssue,
  type FakeIssueType,
  type FakeProject as SiteProject,
  type FakeSite,
  type FakeUser,
} from '../../dev/fake-jira/site';
import { formatJiraDateTime } from '../../dev/fake-jira/jiraTime';
import { APP_ACCOUNT_ID, installPlatform, type JiraCall } from '../../dev/forge-emulator/egress';
import { fakeJiraTarget } from '../../dev/forge-emulator/fakeJiraTarget';
import { KvsEmulator, type KvsCalls } from '../../dev/forge-emulator/kvs';

// ---------------------------------------------------------------------------------------------------------------
// Fake Jira

export type Category = 'new' | 'indeterminate' | 'done';

/** What a test gives `addIssue` (names, not Jira objects; datetimes as Jira writes them). */
export interface IssueInput {
  project: string;
  type: string;
  /** A key other than the project's next one (an issue moved from another project keeps its old key). */
  key?: string;
  summary?: string;
  statusId?: string;
  labels?: string[];
  created?: string;
  resolutiondate?: string | null;
  resolution?: string | null;
  priority?: string | null;
  duedate?: string | null;
  /** Account id of the creator (who put the labels there at creation). */
  creator?: string | null;
}

/**
 * An issue of the fake site, read and written live: setting `statusId`, `labels`, `type`, `summary`, `priority`,
 * `resolution`, `resolutiondate` or `duedate` edits it in Jira (with a changelog entry by `u-someone`, where Jira
 * records one).
 */
export interface FakeIssue {
  readonly id: string;
  readonly key: string;
  readonly project: string;
  type: string;
  summary: string;
  statusId: string;
  labels: string[];
  readonly created: string;
  resolutiondate: string | null;
  resolution: string | null;
  priority: string | null;
  duedate: string | null;
  readonly creator: string | null;
}

export interface FakeProject {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly simplified: boolean;
  /** The names of the project's issue types; setting them changes its issue type scheme (company-managed). */
  issueTypes: string[];
}

export interface Perms {
  browse?: boolean;
  administerProject?: boolean;
}

export interface Call {
  as: string; // 'app' or an accountId
  method: string;
  /** The path with its query string, as `requestJira` was given it. */
  path: string;
  body: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Status 9 is in Jira's "No Category" (a status of a broken or migrated workflow). */
export const STATUSES: Record<string, { name: string; category: Category | null }> = {
  '1': { name: 'To Do', category: 'new' },
  '2': { name: 'Backlog', category: 'new' },
  '3': { name: 'In Progress', category: 'indeterminate' },
  '4': { name: 'Done', category: 'done' },
  '9': { name: 'Triage', category: null },
};

/** Jira Cloud's standard priorities (highest first) and resolutions (the fake site's own). */
export const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];
export const RESOLUTIONS = [
  { id: '10000', name: 'Done' },
  { id: '10001', name: "Won't Do" },
  { id: '10002', name: 'Duplicate' },
  { id: '10003', name: 'Cannot Reproduce' },
  { id: '10004', name: 'Declined' },
];

const DEFAULT_TYPES = ['Incident', 'Epic', 'Task', 'Innovation Idea'];
const typeSpec = (name: string) => ({ name, hierarchyLevel: name === 'Epic' ? 1 : 0 });

/** A Map-like view (get, has, keys, values, iteration) over live objects. */
class View<T> {
  constructor(
    private readonly entries: () => [string, T][],
    private readonly remove: (key: string) => boolean = () => false,
  ) {}
  get(key: string): T | undefined {
    return this.entries().find(([k]) => k === key)?.[1];
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  keys(): IterableIterator<string> {
    const keys = this.entries().map(([k]) => k);
    return keys[Symbol.iterator]();
  }
  values(): IterableIterator<T> {
    const values = this.entries().map(([, v]) => v);
    return values[Symbol.iterator]();
  }
  [Symbol.iterator](): IterableIterator<[string, T]> {
    return this.entries()[Symbol.iterator]();
  }
  get size(): number {
    return this.entries().length;
  }
  /** Deletes the object from the fake site (e.g. an issue deleted in Jira). */
  delete(key: string): boolean {
    return this.remove(key);
  }
}

/** The accounts holding Administer Jira (a Set-like view over the site's users). */
class JiraAdmins {
  constructor(private readonly jira: FakeJira) {}
  add(accountId: string): this {
    this.jira.user(accountId).jiraAdmin = true;
    return this;
  }
  delete(accountId: string): boolean {
    const u = findUser(this.jira.site, accountId);
    const had = !!u?.jiraAdmin;
    if (u) u.jiraAdmin = false;
    return had;
  }
  has(accountId: string): boolean {
    return !!findUser(this.jira.site, accountId)?.jiraAdmin;
  }
}

function adfText(doc: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    const node = n as { text?: string; content?: unknown[] };
    if (typeof node?.text === 'string') out.push(node.text);
    node?.content?.forEach(walk);
  };
  walk(doc);
  return out.join('\n');
}

function named<T extends { name: string }>(list: readonly T[], name: string, what: string): T {
  const found = list.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`the fake site has no ${what} ${name}`);
  return found;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FakeJira {
  /** The fake Jira's site: the data every request is answered from. Its clock is `Date.now()`. */
  readonly site: FakeSite;
  /** The fake Jira's request pipeline (stats, faults). */
  readonly app: FakeJiraApp;
  /** Every request the app made, in order (also those a test answered with `override`). */
  calls: Call[] = [];
  /** Answers that replace the fake Jira's: first matching rule wins. */
  overrides: { match: (c: Call) => boolean; reply: (c: Call) => Reply | Promise<Reply>; times?: number }[] =
    [];
  /** Delay before every answer, in ms (for timing tests). */
  latencyMs = 0;
  readonly jiraAdmins = new JiraAdmins(this);
  /** Keys are numbered across the site, OPS-101, OPS-102, SECRET-103, … */
  private seq = 100;
  private readonly faults: FaultRule[] = [];
  private readonly target = fakeJiraTarget(() => this.app);

  constructor() {
    const site = createSite({ name: 'Phase Gate tests', now: Date.now() });
    // The site's clock is the test's (jest may mock Date.now): JQL's relative dates and write stamps follow it.
    Object.defineProperty(site, 'now', { get: () => Date.now(), set: () => {}, enumerable: true });
    for (const [id, s] of Object.entries(STATUSES)) {
      const category: CategoryKey = s.category ?? 'undefined';
      site.statuses.push({ id, name: s.name, category });
    }
    for (const name of ['Incident', 'Epic', 'Task']) addIssueType(site, typeSpec(name));
    site.users.push({
      accountId: APP_ACCOUNT_ID,
      email: 'phase-gate@connect.atlassian.com',
      token: '',
      displayName: 'Phase Gate',
      // The app user is in atlassian-addons-admin on a usual site: it browses and administers every project.
      jiraAdmin: true,
      browse: '*',
      administer: '*',
      timeZone: 'UTC',
      accountType: 'app',
    });
    this.site = site;
    this.app = createFakeJiraApp({ site, authMode: 'header' });
  }

  /** The site user of an account, created (licensed, with no permission) on first use. */
  user(accountId: string): FakeUser {
    let u = findUser(this.site, accountId);
    if (!u) {
      u = {
        accountId,
        email: `${accountId}@example.test`,
        token: '',
        displayName: accountId,
        jiraAdmin: false,
        browse: [],
        administer: [],
        timeZone: 'UTC',
        accountType: 'atlassian',
      };
      this.site.users.push(u);
    }
    return u;
  }

  private project(key: string): SiteProject {
    const p = findProject(this.site, key);
    if (!p) throw new Error(`no fake project ${key}`);
    return p;
  }

  /** Projects by key, each a live view. */
  get projects(): View<FakeProject> {
    return new View(() => this.site.projects.map((p) => [p.key, this.projectView(p)]));
  }

  private projectView(p: SiteProject): FakeProject {
    const site = this.site;
    return {
      get id() {
        return p.id;
      },
      get key() {
        return p.key;
      },
      get name() {
        return p.name;
      },
      get simplified() {
        return p.style === 'next-gen';
      },
      get issueTypes() {
        return projectIssueTypes(site, p).map((t) => t.name);
      },
      set issueTypes(names: string[]) {
        const scheme = site.issueTypeSchemes.find((s) => s.id === p.issueTypeSchemeId);
        if (!scheme) throw new Error(`${p.key} is team-managed: its types belong to it`);
        scheme.issueTypeIds = names.map((n) => addIssueType(site, typeSpec(n)).id);
        site.version++;
      },
    };
  }

  /** Issues by key, each a live view; `issues.delete(key)` deletes the issue in Jira. */
  get issues(): View<FakeIssue> {
    return new View(
      () => this.site.issues.map((i) => [i.key, this.issueView(i)]),
      (key) => {
        const issue = this.site.byKey.get(key);
        if (!issue) return false;
        deleteIssue(this.site, issue);
        return true;
      },
    );
  }

  /** account → project key → permissions (a view of the site's users). */
  get perms(): Map<string, Map<string, Perms>> {
    const out = new Map<string, Map<string, Perms>>();
    for (const u of this.site.users) {
      if (u.accountId === APP_ACCOUNT_ID) continue;
      const per = new Map<string, Perms>();
      for (const p of this.site.projects) {
        const browse = canBrowse(u, p.key);
        const administerProject = u.administer === '*' || u.administer.includes(p.key);
        if (browse || administerProject) per.set(p.key, { browse, administerProject });
      }
      out.set(u.accountId, per);
    }
    return out;
  }

  /** The site's issue types; setting `name` renames the type in Jira. */
  get issueTypes(): { id: string; name: string; scope?: { type: string } }[] {
    return this.site.issueTypes.map((t) => this.typeView(t));
  }

  private typeView(t: FakeIssueType): { id: string; name: string; scope?: { type: string } } {
    const site = this.site;
    return {
      id: t.id,
      get name() {
        return t.name;
      },
      set name(name: string) {
        renameIssueType(site, t, name);
      },
      ...(t.scopeProjectId ? { scope: { type: 'PROJECT' } } : {}),
    };
  }

  /** Comments on issues, oldest first: who wrote them (`app` for the app) and their plain text. */
  get comments(): { issue: string; as: string; text: string }[] {
    const out: { id: number; issue: string; as: string; text: string }[] = [];
    for (const [issueId, list] of this.site.comments) {
      const issue = this.site.byId.get(issueId);
      for (const c of list) {
        out.push({
          id: Number(c.id),
          issue: issue?.key ?? issueId,
          as: c.author.accountId,
          text: adfText(c.body),
        });
      }
    }
    return out.sort((a, b) => a.id - b.id).map(({ issue, as, text }) => ({ issue, as, text }));
  }

  addProject(
    key: string,
    options: { id?: string; name?: string; simplified?: boolean; issueTypes?: string[] } = {},
  ) {
    if (options.id) this.site.sequence.project = Number(options.id);
    const project = addSiteProject(this.site, {
      key,
      name: options.name ?? `Project ${key}`,
      style: options.simplified ? 'next-gen' : 'classic',
      issueTypes: (options.issueTypes ?? DEFAULT_TYPES).map(typeSpec),
    });
    return this.projectView(project);
  }

  /** Sets what `account` may do in `project` (replacing what it had there). */
  grant(account: string, project: string, perms: Perms): void {
    const u = this.user(account);
    const set = (list: readonly string[] | '*', on: boolean) => {
      const keys = list === '*' ? this.site.projects.map((p) => p.key) : [...list];
      const without = keys.filter((k) => k !== project);
      return on ? [...without, project] : without;
    };
    u.browse = set(u.browse, !!perms.browse);
    u.administer = set(u.administer, !!perms.administerProject);
  }

  addIssue(issue: IssueInput): FakeIssue {
    const project = this.project(issue.project);
    const n = ++this.seq;
    project.nextNumber = n;
    const created = issue.created ? Date.parse(issue.created) : Date.now() - 10 * DAY;
    if (issue.creator) this.user(issue.creator);
    const status = this.status(issue.statusId ?? '1');
    const resolution = issue.resolution ?? null;
    const stored = addSiteIssue(this.site, {
      project: project.key,
      type: issue.type,
      summary: issue.summary ?? `Issue ${n}`,
      status: status.name,
      created,
      resolution,
      resolved: resolution && issue.resolutiondate ? Date.parse(issue.resolutiondate) : null,
      priority: issue.priority === undefined ? 'Medium' : issue.priority,
      labels: issue.labels ?? [],
      dueDate: issue.duedate ?? null,
      creator: issue.creator ?? null,
      // Whatever its dates say, an issue put in Jira now was updated now (a sweep `updated >= …` finds it).
      updated: Date.now(),
    });
    if (issue.key && issue.key !== stored.key) {
      this.site.byKey.delete(stored.key);
      stored.key = issue.key;
      this.site.byKey.set(stored.key, stored);
    }
    return this.issueView(stored);
  }

  private status(id: string) {
    const s = this.site.statuses.find((x) => x.id === id);
    if (!s) throw new Error(`no fake status ${id}`);
    return s;
  }

  /** An edit made in Jira by someone (recorded in the issue's changelog). */
  private edit(issue: SiteIssue, patch: Parameters<typeof updateIssueFields>[2]): void {
    updateIssueFields(this.site, issue, patch, userRef(this.user('u-someone')));
  }

  private issueView(i: SiteIssue): FakeIssue {
    const site = this.site;
    const edit = (patch: Parameters<typeof updateIssueFields>[2]) => this.edit(i, patch);
    const status = (id: string) => this.status(id);
    const projectOf = () => this.project(i.fields.project.key);
    return {
      get id() {
        return i.id;
      },
      get key() {
        return i.key;
      },
      get project() {
        return i.fields.project.key;
      },
      get type() {
        return i.fields.issuetype.name;
      },
      set type(name: string) {
        if (name === i.fields.issuetype.name) return;
        const project = projectOf();
        const t = projectIssueTypes(site, project).find((x) => x.name === name);
        if (!t) throw new Error(`project ${project.key} has no issue type ${name}`);
        const { id, description, hierarchyLevel, subtask } = t;
        edit({ issuetype: { id, name, description, hierarchyLevel, subtask } });
      },
      get summary() {
        return i.fields.summary;
      },
      set summary(summary: string) {
        edit({ summary });
      },
      get statusId() {
        return i.fields.status.id;
      },
      set statusId(id: string) {
        edit({ status: statusField(status(id)) });
      },
      get labels() {
        return [...i.fields.labels];
      },
      set labels(labels: string[]) {
        edit({ labels: [...labels] });
      },
      get created() {
        return i.fields.created;
      },
      get resolutiondate() {
        return i.fields.resolutiondate;
      },
      set resolutiondate(at: string | null) {
        edit({ resolutiondate: at === null ? null : formatJiraDateTime(Date.parse(at), '+0000') });
      },
      get resolution() {
        return i.fields.resolution?.name ?? null;
      },
      set resolution(name: string | null) {
        const r = name === null ? null : named(site.resolutions, name, 'resolution');
        edit({ resolution: r && { id: r.id, name: r.name, description: r.description ?? '' } });
      },
      get priority() {
        return i.fields.priority?.name ?? null;
      },
      set priority(name: string | null) {
        const p = name === null ? null : named(site.priorities, name, 'priority');
        edit({ priority: p && { id: p.id, name: p.name } });
      },
      get duedate() {
        return i.fields.duedate;
      },
      set duedate(day: string | null) {
        edit({ duedate: day });
      },
      get creator() {
        return i.fields.creator?.accountId ?? null;
      },
    };
  }

  /** Jira changes the project's key (its id stays; issues are re-keyed, their old keys still resolve). */
  renameProject(from: string, to: string): void {
    renameProjectKey(this.site, this.project(from), to);
  }

  /**
   * An issue type deleted in Jira (issues of the type move to `alternative`, as Jira asks when deleting a type in
   * use): the site then has no type of that name.
   */
  removeIssueType(name: string, alternative = 'Task'): void {
    const gone = this.site.issueTypes.filter((t) => t.name === name);
    for (const t of gone) {
      for (const issue of this.site.issues.filter((x) => x.fields.issuetype.id === t.id)) {
        this.issueView(issue).type = alternative;
      }
      for (const s of this.site.issueTypeSchemes) s.issueTypeIds = s.issueTypeIds.filter((id) => id !== t.id);
    }
    this.site.issueTypes = this.site.issueTypes.filter((t) => !gone.includes(t));
    this.site.version++;
  }

  override(match: (c: Call) => boolean, reply: (c: Call) => Reply | Promise<Reply>, times?: number): void {
    this.overrides.push({ match, reply, times });
  }

  /** Every call to Jira fails with `status` (as the app only, or for everyone): a fault of the fake Jira. */
  failAll(status: NonNullable<FaultRule['status']> = 503, who: 'app' | 'all' = 'app'): void {
    this.faults.push({ status, ...(who === 'app' ? { account: APP_ACCOUNT_ID } : {}) });
    this.app.setFaults(this.faults);
  }

  /** Whether `account` may browse / administer `project` in the fake Jira. */
  can(account: string, project: string): { browse: boolean; administer: boolean } {
    const u = this.user(account);
    return { browse: canBrowse(u, project), administer: canAdminister(u, project) };
  }

  /** Answers one request of the real `@forge/api` (the emulator's Jira target). */
  async handle(call: JiraCall): Promise<Response> {
    const c: Call = {
      as: call.accountId,
      method: call.method,
      path: call.path,
      body: call.body ? (JSON.parse(call.body) as unknown) : undefined,
      headers: call.headers,
      ...(call.signal ? { signal: call.signal } : {}),
    };
    this.calls.push(c);
    this.user(call.accountId); // every account of the site is a user of Jira (with what it was granted)
    if (this.latencyMs) await sleep(this.latencyMs);
    for (const o of this.overrides) {
      if (o.times === 0) continue;
      if (o.match(c)) {
        if (o.times !== undefined) o.times--;
        const reply = await o.reply(c);
        const empty = reply.body === undefined || reply.status === 204;
        return new Response(
          empty ? null : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body),
          {
            status: reply.status,
            headers: { ...(empty ? {} : { 'content-type': 'application/json' }), ...reply.headers },
          },
        );
      }
    }
    const response = await this.target.handle(call);
    return c.method === 'POST' && c.path.startsWith('/rest/api/3/jql/parse')
      ? withParserWarnings(response)
      : response;
  }

  /** Calls of a kind, e.g. count('POST', /comment$/). */
  count(method: string, path: RegExp, as?: string): number {
    return this.calls.filter(
      (c) => c.method === method && path.test(c.path.split('?')[0]!) && (!as || c.as === as),
    ).length;
  }
}

/**
 * Jira's parser may accept a clause and still warn about it (its experimental `warnings`, e.g. for a deprecated
 * function). The fake Jira's parser knows no such clause, so here a value WARN stands for one.
 */
async function withParserWarnings(response: Response): Promise<Response> {
  if (response.status !== 200) return response;
  const body = (await response.json()) as { queries?: { query: string; warnings?: string[] }[] };
  for (const q of body.queries ?? []) {
    if (/\bWARN\b/.test(q.query)) q.warnings = [...(q.warnings ?? []), `The function 'WARN' is deprecated.`];
  }
  return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
}

export const DAY = 86_400_000;

/** A Jira datetime `YYYY-MM-DDThh:mm:ss.sss+0000`. */
export function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// Storage: the emulator's KVS, behind the real @forge/kvs

const store = new KvsEmulator(null, () => Date.now());

/** Storage as tests inspect it: values, per-call counts and faults (all on the emulator's KVS). */
export const kvsView = {
  emulator: store,
  /** The live value of a key (not counted). */
  value<T>(key: string): T | undefined {
    return store.peek<T>(key);
  },
  /** Puts or removes a value behind the app's back (not counted). */
  store: {
    set(key: string, entry: { value: unknown; expiresAt?: number }): void {
      store.seed(key, entry.value, entry.expiresAt);
    },
    delete(key: string): void {
      store.remove(key);
    },
    has(key: string): boolean {
      return store.peek(key) !== undefined;
    },
    get(key: string): { value: unknown; expiresAt?: number } | undefined {
      return store.entries().find(([k]) => k === key)?.[1];
    },
    keys(): string[] {
      return store.keys();
    },
  },
  /** Requests per `@forge/kvs` call since the last `resetOps`. */
  get ops(): KvsCalls {
    return store.calls;
  },
  /** Plain keys read since the last `resetOps`, each with the bytes of the value returned (0: none). */
  get reads(): { key: string; bytes: number }[] {
    return store.reads;
  },
  resetOps(): void {
    store.resetCalls();
  },
  /** The next matching operation fails (the KVS answers 500 with the error's message). */
  failures: {
    push(...list: { op: keyof KvsCalls; key?: RegExp; error: Error }[]): number {
      for (const f of list)
        store.faults.push({ op: f.op, ...(f.key ? { key: f.key } : {}), message: f.error.message });
      return store.faults.length;
    },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Events

export interface Pushed {
  queue: string;
  body: Record<string, unknown>;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
}

// ---------------------------------------------------------------------------------------------------------------
// The shared state

export const platform = {
  jira: new FakeJira(),
  kvs: kvsView,
  /** Events pushed with `@forge/events` (recorded; no consumer runs them unless a test calls it). */
  pushed: [] as Pushed[],
  /** The account `asUser()` acts for outside a resolver invocation. */
  currentAccount: null as string | null,
  reset(): void {
    this.jira = new FakeJira();
    store.clear();
    store.faults.length = 0;
    store.resetCalls();
    this.pushed = [];
    this.currentAccount = null;
  },
};

installPlatform({
  jira: { kind: 'handler', handle: (call) => platform.jira.handle(call) },
  kvs: store,
  onQueuePush: (request) => {
    for (const raw of request.payload) {
      const e = raw as Omit<Pushed, 'queue'>;
      platform.pushed.push({ queue: request.queueName, ...e });
    }
  },
  currentAccount: () => platform.currentAccount,
});

/**
 * For a test file that still mocks the @forge packages with these factories (as before the emulator): the real
 * modules, so such a file runs on the emulator too (this platform needs no mock).
 */
export const forgeApiModule = () => jest.requireActual('@forge/api');
export const forgeKvsModule = () => jest.requireActual('@forge/kvs');
export const forgeEventsModule = () => jest.requireActual('@forge/events');
