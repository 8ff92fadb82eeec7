/**
 * The Forge platform boundary, faked for tests: `@forge/api` (asUser/asApp → a fake Jira site that answers per
 * account; the real `route` is kept), `@forge/kvs` (an in-memory store with FAIL_IF_EXISTS, transactions, prefix
 * queries and the 240 KiB value limit) and `@forge/events` (a Queue that records pushes).
 *
 * Each test file mocks the modules with:
 *   jest.mock('@forge/api', () => require('./fakePlatform').forgeApiModule());
 *   jest.mock('@forge/kvs', () => require('./fakePlatform').forgeKvsModule());
 *   jest.mock('@forge/events', () => require('./fakePlatform').forgeEventsModule());
 */

// ---------------------------------------------------------------------------------------------------------------
// Fake Jira

export type Category = 'new' | 'indeterminate' | 'done';

export interface FakeIssue {
  id: string;
  key: string;
  project: string;
  type: string;
  summary: string;
  statusId: string;
  labels: string[];
  created: string;
  resolutiondate: string | null;
  resolution: string | null;
  priority: string | null;
  duedate: string | null;
  /** Account id of the creator (who put the labels there at creation). */
  creator?: string | null;
}

export interface FakeProject {
  id: string;
  key: string;
  name: string;
  simplified: boolean;
  issueTypes: string[];
}

export interface Perms {
  browse?: boolean;
  administerProject?: boolean;
}

export interface Call {
  as: string; // 'app' or an accountId
  method: string;
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

/** Status 9 has no category Jira names (a status of a broken or migrated workflow). */
export const STATUSES: Record<string, { name: string; category: Category | null }> = {
  '1': { name: 'To Do', category: 'new' },
  '2': { name: 'Backlog', category: 'new' },
  '3': { name: 'In Progress', category: 'indeterminate' },
  '4': { name: 'Done', category: 'done' },
  '9': { name: 'Triage', category: null },
};

/** Jira Cloud's standard priorities (highest first) and resolutions. */
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

export class FakeJira {
  projects = new Map<string, FakeProject>();
  issues = new Map<string, FakeIssue>();
  /** account → project key → permissions */
  perms = new Map<string, Map<string, Perms>>();
  jiraAdmins = new Set<string>();
  issueTypes: { id: string; name: string; scope?: { type: string } }[] = [
    { id: '10001', name: 'Incident' },
    { id: '10002', name: 'Epic' },
    { id: '10003', name: 'Task' },
  ];
  /** issue type scheme per project id, and the types in each scheme */
  schemes = new Map<string, { id: string; name: string; typeIds: string[] }>();
  comments: { issue: string; as: string; text: string }[] = [];
  calls: Call[] = [];
  /** Answers that replace the normal ones: first matching rule wins. */
  overrides: { match: (c: Call) => boolean; reply: (c: Call) => Reply | Promise<Reply>; times?: number }[] =
    [];
  /** Delay before every answer, in ms (for timing tests). */
  latencyMs = 0;
  private seq = 100;

  addProject(key: string, options: Partial<FakeProject> = {}): FakeProject {
    const p: FakeProject = {
      id: options.id ?? String(10_000 + this.projects.size),
      key,
      name: options.name ?? `Project ${key}`,
      simplified: options.simplified ?? false,
      issueTypes: options.issueTypes ?? ['Incident', 'Epic', 'Task', 'Innovation Idea'],
    };
    this.projects.set(key, p);
    if (!p.simplified)
      this.schemes.set(p.id, { id: `s${p.id}`, name: `${key} scheme`, typeIds: ['10001', '10002', '10003'] });
    return p;
  }

  grant(account: string, project: string, perms: Perms): void {
    if (!this.perms.has(account)) this.perms.set(account, new Map());
    this.perms.get(account)!.set(project, perms);
  }

  addIssue(issue: Partial<FakeIssue> & { project: string; type: string }): FakeIssue {
    const n = ++this.seq;
    const full: FakeIssue = {
      id: String(n),
      key: `${issue.project}-${n}`,
      summary: `Issue ${n}`,
      statusId: '1',
      labels: [],
      created: jiraTime(Date.now() - 10 * DAY),
      resolutiondate: null,
      resolution: null,
      priority: 'Medium',
      duedate: null,
      ...issue,
    };
    this.issues.set(full.key, full);
    return full;
  }

  override(match: (c: Call) => boolean, reply: (c: Call) => Reply | Promise<Reply>, times?: number): void {
    this.overrides.push({ match, reply, times });
  }

  /** Every call to Jira fails with `status` (as the app only, or for everyone). */
  failAll(status = 503, who: 'app' | 'all' = 'app'): void {
    this.override(
      (c) => who === 'all' || c.as === 'app',
      () => ({ status, body: { errorMessages: ['Jira is down'] } }),
    );
  }

  /** Browse projects: what issue reads need. Administering the project or Jira does not imply it (as in Jira). */
  private canBrowse(as: string, project: string): boolean {
    if (as === 'app') return true;
    return !!this.perms.get(as)?.get(project)?.browse;
  }

  /** Jira's "view" of a project (`/project/{key}`, `/project/search` by default): browse, or administer it or Jira. */
  private canView(as: string, project: string): boolean {
    if (as === 'app') return true;
    const p = this.perms.get(as)?.get(project);
    return !!(p?.browse || p?.administerProject || this.jiraAdmins.has(as));
  }

  private issueJson(i: FakeIssue) {
    const status = STATUSES[i.statusId]!;
    const project = this.projects.get(i.project)!;
    const named = (list: { id: string; name: string }[], name: string | null) =>
      name ? { id: list.find((x) => x.name === name)?.id ?? `x-${name}`, name } : null;
    return {
      id: i.id,
      key: i.key,
      fields: {
        summary: i.summary,
        issuetype: { id: this.typeId(i.type) ?? `p-${i.type}`, name: i.type },
        status: {
          id: i.statusId,
          name: status.name,
          statusCategory: status.category ? { key: status.category } : null,
        },
        statuscategorychangedate: i.resolutiondate ?? i.created,
        labels: i.labels,
        created: i.created,
        creator: i.creator ? { accountId: i.creator, displayName: i.creator } : null,
        resolutiondate: i.resolutiondate,
        resolution: named(RESOLUTIONS, i.resolution),
        priority: named(PRIORITIES, i.priority),
        duedate: i.duedate,
        project: { key: project.key, id: project.id, simplified: project.simplified },
      },
    };
  }

  async handle(call: Call): Promise<Reply> {
    this.calls.push(call);
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    for (const o of this.overrides) {
      if (o.times === 0) continue;
      if (o.match(call)) {
        if (o.times !== undefined) o.times--;
        return o.reply(call);
      }
    }
    return this.route(call);
  }

  private route(c: Call): Reply {
    const url = new URL(c.path, 'https://fake.atlassian.net');
    const p = url.pathname;
    const q = url.searchParams;
    const body = (c.body ?? {}) as Record<string, unknown>;
    let m: RegExpMatchArray | null;

    if (p === '/rest/api/3/mypermissions' && c.method === 'GET') {
      const wanted = (q.get('permissions') ?? '').split(',');
      const projectKey = q.get('projectKey');
      if (projectKey && !this.projects.has(projectKey)) {
        return {
          status: 404,
          body: { errorMessages: [`No project could be found with key '${projectKey}'.`] },
        };
      }
      const per = projectKey ? this.perms.get(c.as)?.get(projectKey) : undefined;
      const admin = this.jiraAdmins.has(c.as);
      const has: Record<string, boolean> = {
        BROWSE_PROJECTS: !!per?.browse,
        ADMINISTER_PROJECTS: !!(per?.administerProject || admin),
        ADMINISTER: admin,
      };
      return {
        status: 200,
        body: {
          permissions: Object.fromEntries(
            wanted.map((w) => [w, { key: w, havePermission: has[w] ?? false }]),
          ),
        },
      };
    }

    if (p === '/rest/api/3/priority/search' && c.method === 'GET')
      return { status: 200, body: { values: PRIORITIES, isLast: true } };
    if (p === '/rest/api/3/resolution/search' && c.method === 'GET')
      return { status: 200, body: { values: RESOLUTIONS, isLast: true } };
    if (p === '/rest/api/3/status' && c.method === 'GET') {
      return {
        status: 200,
        body: Object.entries(STATUSES).map(([id, st]) => ({
          id,
          name: st.name,
          statusCategory: st.category ? { key: st.category } : null,
        })),
      };
    }
    if (p === '/rest/api/3/changelog/bulkfetch' && c.method === 'POST')
      return { status: 200, body: { issueChangeLogs: [] } };
    if (p === '/rest/api/3/permissions/check' && c.method === 'POST') {
      if (c.as !== 'app' && !this.jiraAdmins.has(c.as))
        return { status: 403, body: { errorMessages: ['No'] } };
      const who = String(body.accountId ?? '');
      const ids = (
        (body.projectPermissions as { projects?: number[] }[] | undefined)?.[0]?.projects ?? []
      ).map(String);
      const admin = [...this.projects.values()]
        .filter((pr) => ids.includes(pr.id))
        .filter((pr) => this.jiraAdmins.has(who) || !!this.perms.get(who)?.get(pr.key)?.administerProject)
        .map((pr) => Number(pr.id));
      return {
        status: 200,
        body: {
          globalPermissions: [],
          projectPermissions: [{ permission: 'ADMINISTER_PROJECTS', projects: admin }],
        },
      };
    }

    if ((m = p.match(/^\/rest\/api\/3\/project\/([A-Z0-9_]+)$/)) && c.method === 'GET') {
      const project = this.projects.get(m[1]!);
      if (!project || !this.canView(c.as, project.key))
        return { status: 404, body: { errorMessages: ['No project'] } };
      const types = project.issueTypes.map((name) => ({
        id: this.typeId(name) ?? `p-${name}`,
        name,
        hierarchyLevel: name === 'Epic' ? 1 : 0,
      }));
      return {
        status: 200,
        body: {
          id: project.id,
          key: project.key,
          name: project.name,
          simplified: project.simplified,
          style: project.simplified ? 'next-gen' : 'classic',
          issueTypes: types,
        },
      };
    }

    if (p === '/rest/api/3/project/search' && c.method === 'GET') {
      const keys = q.getAll('keys');
      const query = (q.get('query') ?? '').toLowerCase();
      // `action`: view (default: browse, or administer the project or Jira) or browse (Browse projects only).
      const visible = (key: string) =>
        q.get('action') === 'browse' ? this.canBrowse(c.as, key) : this.canView(c.as, key);
      const values = [...this.projects.values()]
        .filter((pr) => visible(pr.key))
        .filter((pr) => (keys.length ? keys.includes(pr.key) : true))
        .filter(
          (pr) => !query || pr.key.toLowerCase().includes(query) || pr.name.toLowerCase().includes(query),
        )
        .map((pr) => ({ id: pr.id, key: pr.key, name: pr.name }));
      return { status: 200, body: { values, isLast: true } };
    }

    if (p === '/rest/api/3/search/jql' && (c.method === 'POST' || c.method === 'GET')) {
      const args =
        c.method === 'GET'
          ? { jql: q.get('jql'), maxResults: q.get('maxResults'), nextPageToken: q.get('nextPageToken') }
          : body;
      const jql = String(args.jql ?? '');
      // Only the project and type clauses are read (the app applies every other rule in code); a query of several
      // sources (`(project … AND issuetype in …) OR (…)`, the sweep) matches any of them.
      const scopes = [
        ...jql.matchAll(/project (?:= "([^"]+)"|in \(([^)]*)\)) AND issuetype in \(([^)]*)\)/g),
      ].map((m) => ({
        projects: m[1] ? [m[1]] : [...(m[2] ?? '').matchAll(/"([^"]+)"/g)].map((x) => x[1]!),
        types: (m[3] ?? '').split(',').map((x) => x.trim().replace(/^"|"$/g, '')),
      }));
      const all = [...this.issues.values()].filter(
        (i) =>
          scopes.some(
            ({ projects, types }) =>
              projects.includes(i.project) &&
              (types.includes(i.type) || types.includes(this.typeId(i.type) ?? `p-${i.type}`)),
          ) && this.canBrowse(c.as, i.project),
      );
      const start = args.nextPageToken ? Number(args.nextPageToken) : 0;
      const size = Number(args.maxResults ?? 50);
      const page = all.slice(start, start + size);
      const more = start + size < all.length;
      return {
        status: 200,
        body: {
          issues: page.map((i) => this.issueJson(i)),
          isLast: !more,
          ...(more ? { nextPageToken: String(start + size) } : {}),
        },
      };
    }

    if (p === '/rest/api/3/issue/bulkfetch' && c.method === 'POST') {
      const wanted = (body.issueIdsOrKeys as string[]) ?? [];
      const found = wanted.map((k) => this.issues.get(k)).filter((i): i is FakeIssue => !!i);
      const visible = found.filter((i) => this.canBrowse(c.as, i.project));
      return {
        status: 200,
        body: {
          issues: visible.map((i) => this.issueJson(i)),
          issueErrors: [],
        },
      };
    }

    if ((m = p.match(/^\/rest\/api\/3\/issue\/([A-Z0-9_]+-\d+)$/))) {
      const issue = this.issues.get(m[1]!);
      if (!issue || !this.canBrowse(c.as, issue.project)) {
        return {
          status: 404,
          body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'] },
        };
      }
      if (c.method === 'GET') return { status: 200, body: this.issueJson(issue) };
      if (c.method === 'PUT') {
        const update = (body.update as { labels?: { add?: string }[] } | undefined)?.labels ?? [];
        for (const u of update) if (u.add && !issue.labels.includes(u.add)) issue.labels.push(u.add);
        return { status: 204 };
      }
    }

    if ((m = p.match(/^\/rest\/api\/3\/issue\/([A-Z0-9_]+-\d+)\/comment$/)) && c.method === 'POST') {
      const issue = this.issues.get(m[1]!);
      if (!issue) return { status: 404, body: { errorMessages: ['Issue does not exist'] } };
      this.comments.push({ issue: issue.key, as: c.as, text: adfText(body.body) });
      return { status: 201, body: { id: String(this.comments.length) } };
    }

    if ((m = p.match(/^\/rest\/api\/3\/status\/(\w+)$/)) && c.method === 'GET') {
      const s = STATUSES[m[1]!];
      if (!s) return { status: 404, body: { errorMessages: ['No status'] } };
      return {
        status: 200,
        body: { id: m[1], name: s.name, statusCategory: s.category ? { key: s.category } : null },
      };
    }

    if (p === '/rest/api/3/jql/parse' && c.method === 'POST') {
      const queries = (body.queries as string[]) ?? [];
      // Like Jira, a project the caller cannot browse "does not exist" for them (strict validation).
      const unknownProjects = (query: string) =>
        [...query.matchAll(/project\s*=\s*"?([A-Z][A-Z0-9_]*)"?/g)]
          .map((m) => m[1]!)
          .filter((key) => !this.projects.has(key) || !this.canBrowse(c.as, key));
      return {
        status: 200,
        body: {
          queries: queries.map((query) => {
            const errors = [
              ...(/BAD/.test(query) ? [`Error in the JQL Query: the field 'BAD' does not exist.`] : []),
              ...unknownProjects(query).map(
                (k) => `The value '${k}' does not exist for the field 'project'.`,
              ),
            ];
            // A clause with WARN draws a warning only (Jira's experimental `warnings`, e.g. a deprecated function).
            const warnings = /WARN/.test(query) ? [`The function 'WARN' is deprecated.`] : [];
            return errors.length
              ? { query, errors }
              : { query, structure: {}, ...(warnings.length ? { warnings } : {}) };
          }),
        },
      };
    }

    if (p === '/rest/api/3/issuetype' && c.method === 'GET') return { status: 200, body: this.issueTypes };
    if (p === '/rest/api/3/issuetype' && c.method === 'POST') {
      if (!this.jiraAdmins.has(c.as))
        return { status: 403, body: { errorMessages: ['Administer Jira needed'] } };
      const created = { id: String(10_100 + this.issueTypes.length), name: String(body.name) };
      this.issueTypes.push(created);
      return { status: 201, body: created };
    }

    if (p === '/rest/api/3/issuetypescheme/project' && c.method === 'GET') {
      const scheme = this.schemes.get(q.get('projectId') ?? '');
      return {
        status: 200,
        body: {
          values: scheme
            ? [{ issueTypeScheme: { id: scheme.id, name: scheme.name }, projectIds: [q.get('projectId')] }]
            : [],
        },
      };
    }
    if (p === '/rest/api/3/issuetypescheme/mapping' && c.method === 'GET') {
      const scheme = [...this.schemes.values()].find((s) => s.id === q.get('issueTypeSchemeId'));
      return {
        status: 200,
        body: {
          values: (scheme?.typeIds ?? []).map((id) => ({ issueTypeSchemeId: scheme!.id, issueTypeId: id })),
          isLast: true,
        },
      };
    }
    if ((m = p.match(/^\/rest\/api\/3\/issuetypescheme\/(\w+)\/issuetype$/)) && c.method === 'PUT') {
      const scheme = [...this.schemes.values()].find((s) => s.id === m![1]);
      if (!scheme) return { status: 404 };
      for (const id of (body.issueTypeIds as string[]) ?? []) {
        if (scheme.typeIds.includes(id))
          return { status: 400, body: { errorMessages: ['already in scheme'] } };
        scheme.typeIds.push(id);
        const project = [...this.projects.values()].find((pr) => this.schemes.get(pr.id) === scheme);
        const name = this.issueTypes.find((t) => t.id === id)?.name;
        if (project && name && !project.issueTypes.includes(name)) project.issueTypes.push(name);
      }
      return { status: 204 };
    }
    if (p === '/rest/api/3/workflowscheme/project' && c.method === 'GET') {
      return {
        status: 200,
        body: {
          values: [
            {
              projectIds: [q.get('projectId')],
              workflowScheme: { name: 'WS', defaultWorkflow: 'Ideas workflow' },
            },
          ],
        },
      };
    }
    return { status: 404, body: { errorMessages: [`fake Jira has no ${c.method} ${p}`] } };
  }

  private typeId(name: string): string | undefined {
    return this.issueTypes.find((t) => !t.scope && t.name === name)?.id;
  }

  /** Calls of a kind, e.g. count('POST', /comment$/). */
  count(method: string, path: RegExp, as?: string): number {
    return this.calls.filter(
      (c) => c.method === method && path.test(c.path.split('?')[0]!) && (!as || c.as === as),
    ).length;
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

export const DAY = 86_400_000;

/** A Jira datetime `YYYY-MM-DDThh:mm:ss.sss+0000`. */
export function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// Fake KVS

export class FakeKvs {
  store = new Map<string, { value: unknown; expiresAt?: number }>();
  ops = { get: 0, set: 0, delete: 0, batchGet: 0, query: 0, transact: 0 };
  /** Throws on the next matching operation. */
  failures: { op: string; key?: RegExp; error: Error }[] = [];

  private fail(op: string, key?: string): void {
    const i = this.failures.findIndex(
      (f) => f.op === op && (!f.key || (key !== undefined && f.key.test(key))),
    );
    if (i >= 0) {
      const [f] = this.failures.splice(i, 1);
      throw f!.error;
    }
  }

  private live(key: string) {
    const e = this.store.get(key);
    if (e && e.expiresAt !== undefined && e.expiresAt <= Date.now()) {
      this.store.delete(key);
      return undefined;
    }
    return e;
  }

  private check(key: string, value: unknown): void {
    if (key.length > 500 || !/^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/.test(key))
      throw new Error(`invalid KVS key ${key}`);
    const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
    if (size > 240 * 1024) throw new Error(`KVS value for ${key} is ${size} bytes, over 240 KiB`);
  }

  readonly kvs = {
    get: async (key: string) => {
      this.ops.get++;
      this.fail('get', key);
      const e = this.live(key);
      return e ? structuredClone(e.value) : undefined;
    },
    set: async (
      key: string,
      value: unknown,
      options?: { keyPolicy?: string; ttl?: { value: number; unit: string } },
    ) => {
      this.ops.set++;
      this.fail('set', key);
      this.check(key, value);
      if (options?.keyPolicy === 'FAIL_IF_EXISTS' && this.live(key)) {
        const err = new Error('The key already exists') as Error & { code: string };
        err.code = 'KEY_ALREADY_EXISTS';
        throw err;
      }
      const ttl = options?.ttl;
      const mult: Record<string, number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: DAY };
      this.store.set(key, {
        value: structuredClone(value),
        ...(ttl ? { expiresAt: Date.now() + ttl.value * (mult[ttl.unit] ?? 1000) } : {}),
      });
    },
    delete: async (key: string) => {
      this.ops.delete++;
      this.fail('delete', key);
      this.store.delete(key);
    },
    batchGet: async (items: { key: string }[]) => {
      this.ops.batchGet++;
      const successfulKeys = items
        .map((i) => ({ key: i.key, e: this.live(i.key) }))
        .filter((x) => x.e)
        .map((x) => ({ key: x.key, value: structuredClone(x.e!.value) }));
      return { successfulKeys, failedKeys: [] };
    },
    query: () => {
      let prefix = '';
      let limit = 100;
      let cursor = 0;
      const builder = {
        where: (_p: string, clause: { values: [string] }) => {
          prefix = String(clause.values[0]);
          return builder;
        },
        limit: (n: number) => {
          limit = n;
          return builder;
        },
        cursor: (c: string) => {
          cursor = Number(c);
          return builder;
        },
        getMany: async () => {
          this.ops.query++;
          const all = [...this.store.keys()].filter((k) => k.startsWith(prefix) && this.live(k)).sort();
          const page = all.slice(cursor, cursor + limit);
          const next = cursor + limit < all.length ? String(cursor + limit) : undefined;
          return {
            results: page.map((key) => ({ key, value: structuredClone(this.store.get(key)!.value) })),
            nextCursor: next,
          };
        },
      };
      return builder;
    },
    transact: () => {
      const ops: ({ op: 'set'; key: string; value: unknown } | { op: 'delete'; key: string })[] = [];
      const builder = {
        set: (key: string, value: unknown) => {
          ops.push({ op: 'set', key, value });
          return builder;
        },
        delete: (key: string) => {
          ops.push({ op: 'delete', key });
          return builder;
        },
        check: () => builder,
        execute: async () => {
          this.ops.transact++;
          this.fail('transact', ops[0]?.key);
          for (const o of ops) if (o.op === 'set') this.check(o.key, o.value); // all or nothing
          for (const o of ops) {
            if (o.op === 'set') this.store.set(o.key, { value: structuredClone(o.value) });
            else this.store.delete(o.key);
          }
        },
      };
      return builder;
    },
  };

  value<T>(key: string): T | undefined {
    return this.live(key)?.value as T | undefined;
  }

  resetOps(): void {
    for (const k of Object.keys(this.ops) as (keyof typeof this.ops)[]) this.ops[k] = 0;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Fake events

export interface Pushed {
  queue: string;
  body: Record<string, unknown>;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
}

// ---------------------------------------------------------------------------------------------------------------
// The shared state and the module factories

export const platform = {
  jira: new FakeJira(),
  kvs: new FakeKvs(),
  pushed: [] as Pushed[],
  /** The account `asUser()` acts for (the invocation's principal). */
  currentAccount: null as string | null,
  reset(): void {
    this.jira = new FakeJira();
    this.kvs = new FakeKvs();
    this.pushed = [];
    this.currentAccount = null;
  },
};

function fakeResponse(reply: Reply) {
  const headers = Object.fromEntries(
    Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const text =
    reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  return {
    status: reply.status,
    ok: reply.status >= 200 && reply.status < 300,
    statusText: String(reply.status),
    headers: { get: (n: string) => headers[n.toLowerCase()] ?? null },
    text: async () => text,
    json: async () => JSON.parse(text),
  };
}

function requester(as: () => string) {
  return {
    requestJira: async (
      route: { value?: unknown; constructor?: { name?: string } },
      init: { method?: string; body?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
    ) => {
      // The real requestJira refuses anything but a Route made by the `route` tag.
      if (!route || route.constructor?.name !== 'ReadonlyRoute' || typeof route.value !== 'string') {
        throw new Error("You must create your route using the 'route' export from '@forge/api'.");
      }
      const reply = await platform.jira.handle({
        as: as(),
        method: init.method ?? 'GET',
        path: route.value,
        body: init.body ? JSON.parse(init.body) : undefined,
        headers: init.headers,
        signal: init.signal,
      });
      return fakeResponse(reply);
    },
  };
}

export function forgeApiModule() {
  const actual = jest.requireActual('@forge/api');
  const asUser = () =>
    requester(() => {
      if (!platform.currentAccount) throw new Error('asUser() outside a user invocation');
      return platform.currentAccount;
    });
  const asApp = () => requester(() => 'app');
  return {
    __esModule: true,
    ...actual,
    default: { ...actual.default, asUser, asApp },
    asUser,
    asApp,
    route: actual.route,
  };
}

export function forgeKvsModule() {
  const actual = jest.requireActual('@forge/kvs');
  const kvs = new Proxy(
    {},
    { get: (_t, prop) => (platform.kvs.kvs as Record<string | symbol, unknown>)[prop] },
  );
  return { __esModule: true, ...actual, kvs, default: kvs };
}

export function forgeEventsModule() {
  class Queue {
    constructor(private readonly params: { key: string }) {}
    async push(events: unknown) {
      const list = (Array.isArray(events) ? events : [events]) as Omit<Pushed, 'queue'>[];
      if (list.length > 50) throw new Error('TooManyEventsError');
      for (const e of list) {
        if (e.delayInSeconds !== undefined && (e.delayInSeconds < 0 || e.delayInSeconds > 900))
          throw new Error('InvalidPushSettingsError');
        platform.pushed.push({ queue: this.params.key, ...e });
      }
      return { jobId: `job-${platform.pushed.length}` };
    }
  }
  return { __esModule: true, Queue };
}
