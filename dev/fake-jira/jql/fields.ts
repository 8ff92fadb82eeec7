/**
 * The JQL fields the fake knows: their names and aliases (case-insensitive), what kind of values they hold and how
 * a written value (a name, an id, "Unresolved") maps to the stored ids — or does not exist on the site.
 */
import { canBrowse, type FakeSite, type FakeUser } from '../site';
import type { Operator } from './parser';
import type { Row } from './rows';

export interface JqlEnv {
  site: FakeSite;
  /** The searching user: values and results are limited to what they can browse. */
  user?: FakeUser;
  now: number;
  timeZone: string;
  /** When present, clause errors are collected here (Jira reports every bad value at once) instead of thrown. */
  errors?: string[];
}

/** A JQL problem that is not syntax: an unknown field, value, function or operator. Worded like Jira. */
export class JqlSemanticError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqlSemanticError';
  }
}

export type FieldKind = 'scalar' | 'multi' | 'datetime' | 'date' | 'key' | 'text';

interface FieldBase {
  /** The canonical name (used in the parse endpoint's structure). */
  name: string;
  aliases: string[];
  operators: readonly Operator[];
}

/** A single-valued field whose values are ids (project, issuetype, status, priority, resolution, users). */
export interface ScalarField extends FieldBase {
  kind: 'scalar';
  get: (row: Row) => string | null;
  /** The stored ids a written value stands for (may include null, e.g. "Unresolved"); empty when none exists. */
  resolve: (value: string, env: JqlEnv) => (string | null)[];
  /** For ordering operators (priority): the rank of a stored id. */
  rank?: (row: Row) => number | null;
  rankOf?: (id: string, env: JqlEnv) => number | null;
  functions?: Record<string, (env: JqlEnv) => string | null>;
}

/** A multi-valued field of lower-cased names (labels, components). */
export interface MultiField extends FieldBase {
  kind: 'multi';
  get: (row: Row) => string[];
  /** Whether a name must exist on the site (components must; labels need not). */
  exists?: (value: string, env: JqlEnv) => boolean;
}

export interface DateField extends FieldBase {
  kind: 'datetime' | 'date';
  getInstant: (row: Row) => number | null;
  getDate: (row: Row) => string | null;
}

export interface KeyField extends FieldBase {
  kind: 'key';
}

export interface TextField extends FieldBase {
  kind: 'text';
  get: (row: Row) => string;
}

export type FieldDef = ScalarField | MultiField | DateField | KeyField | TextField;

const EQUALITY: Operator[] = ['=', '!=', 'in', 'not in', 'is', 'is not'];
const ORDERED: Operator[] = [...EQUALITY, '<', '>', '<=', '>='];
const TEXT: Operator[] = ['~', '!~', 'is', 'is not'];

const lower = (s: string) => s.toLowerCase();
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function namedIds(list: readonly { id: string; name: string }[], value: string): string[] {
  return list.filter((x) => x.id === value || same(x.name, value)).map((x) => x.id);
}

function visibleProjects(env: JqlEnv) {
  return env.site.projects.filter((p) => !env.user || canBrowse(env.user, p.key));
}

const CATEGORY_NAMES: Record<string, string> = {
  'to do': 'new',
  new: 'new',
  '2': 'new',
  'in progress': 'indeterminate',
  indeterminate: 'indeterminate',
  '4': 'indeterminate',
  done: 'done',
  complete: 'done',
  '3': 'done',
};

function userField(name: string, get: (row: Row) => string | null): ScalarField {
  return {
    kind: 'scalar',
    name,
    aliases: [],
    operators: EQUALITY,
    get,
    resolve: (value, env) =>
      env.site.users.filter((u) => u.accountId === value || same(u.email, value)).map((u) => u.accountId),
    functions: { currentuser: (env) => env.user?.accountId ?? null },
  };
}

export const FIELDS: FieldDef[] = [
  {
    kind: 'scalar',
    name: 'project',
    aliases: [],
    operators: EQUALITY,
    get: (r) => r.projectId,
    resolve: (value, env) =>
      visibleProjects(env)
        .filter((p) => same(p.key, value) || p.id === value || same(p.name, value))
        .map((p) => p.id),
  },
  {
    kind: 'scalar',
    name: 'issuetype',
    aliases: ['type'],
    operators: EQUALITY,
    get: (r) => r.typeId,
    resolve: (value, env) => namedIds(env.site.issueTypes, value),
  },
  {
    kind: 'scalar',
    name: 'status',
    aliases: [],
    operators: EQUALITY,
    get: (r) => r.statusId,
    resolve: (value, env) => namedIds(env.site.statuses, value),
  },
  {
    kind: 'scalar',
    name: 'statusCategory',
    aliases: [],
    operators: EQUALITY,
    get: (r) => r.category,
    resolve: (value) => {
      const key = CATEGORY_NAMES[lower(value.trim())];
      return key ? [key] : [];
    },
  },
  {
    kind: 'scalar',
    name: 'priority',
    aliases: [],
    operators: ORDERED,
    get: (r) => r.priorityId,
    resolve: (value, env) => namedIds(env.site.priorities, value),
    rank: (r) => r.priorityRank,
    rankOf: (id, env) => {
      const i = env.site.priorities.findIndex((p) => p.id === id);
      return i < 0 ? null : env.site.priorities.length - i;
    },
  },
  {
    kind: 'scalar',
    name: 'resolution',
    aliases: [],
    operators: EQUALITY,
    get: (r) => r.resolutionId,
    resolve: (value, env) =>
      same(value.trim(), 'Unresolved') ? [null] : namedIds(env.site.resolutions, value),
  },
  userField('reporter', (r) => r.reporter),
  userField('assignee', (r) => r.assignee),
  {
    kind: 'multi',
    name: 'labels',
    aliases: ['label'],
    operators: EQUALITY,
    get: (r) => r.labels,
  },
  {
    kind: 'multi',
    name: 'component',
    aliases: ['components'],
    operators: EQUALITY,
    get: (r) => r.components,
    exists: (value, env) => visibleProjects(env).some((p) => p.components.some((c) => same(c.name, value))),
  },
  {
    kind: 'datetime',
    name: 'created',
    aliases: ['createddate'],
    operators: ORDERED,
    getInstant: (r) => r.created,
    getDate: () => null,
  },
  {
    kind: 'datetime',
    name: 'updated',
    aliases: ['updateddate'],
    operators: ORDERED,
    getInstant: (r) => r.updated,
    getDate: () => null,
  },
  {
    kind: 'datetime',
    name: 'resolutiondate',
    aliases: ['resolved'],
    operators: ORDERED,
    getInstant: (r) => r.resolved,
    getDate: () => null,
  },
  {
    kind: 'datetime',
    name: 'statusCategoryChangedDate',
    aliases: [],
    operators: ORDERED,
    getInstant: (r) => r.statusCategoryChanged,
    getDate: () => null,
  },
  {
    kind: 'date',
    name: 'duedate',
    aliases: ['due'],
    operators: ORDERED,
    getInstant: () => null,
    getDate: (r) => r.due,
  },
  { kind: 'key', name: 'key', aliases: ['issuekey', 'id', 'issue'], operators: ORDERED },
  { kind: 'text', name: 'summary', aliases: [], operators: TEXT, get: (r) => lower(r.summary) },
  { kind: 'text', name: 'text', aliases: ['description'], operators: TEXT, get: (r) => r.text },
];

const BY_NAME = new Map<string, FieldDef>();
for (const f of FIELDS) for (const n of [f.name, ...f.aliases]) BY_NAME.set(lower(n), f);

/** The field a name (or alias) stands for, case-insensitive. */
export function findField(name: string): FieldDef | undefined {
  return BY_NAME.get(lower(name.trim()));
}

/** Jira's message for an unknown field. */
export function unknownField(name: string): JqlSemanticError {
  return new JqlSemanticError(`Field '${name}' does not exist or you do not have permission to view it.`);
}
