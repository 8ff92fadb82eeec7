/**
 * A small JQL engine for the fake Jira: parse, check and run a query against a `FakeSite` the way Jira Cloud does
 * for what the app sends and the common clauses users write.
 *
 * Supported: AND, OR, NOT (and &&, ||, !), parentheses, ORDER BY (≤ 7 fields, ASC|DESC); the operators =, !=, <, >,
 * <=, >=, ~, !~, IN, NOT IN, IS [NOT] EMPTY|NULL; quoted ("…", '…') and unquoted values; the fields project,
 * issuetype/type, status, statusCategory, priority, resolution, labels, component(s), created(Date),
 * updated(Date), resolutiondate/resolved, duedate/due, key/issuekey/id, summary, text, reporter, assignee.
 * Date literals and functions are read in the site's time zone (see `jql/dates.ts`).
 *
 * Failures come back as values shaped like Jira's 400 body, never as exceptions.
 */
import { compileOrder, compileWhere } from './jql/evaluate';
import { JqlSemanticError, type JqlEnv } from './jql/fields';
import { JqlSyntaxError } from './jql/lexer';
import { parseQuery, type JqlNode, type JqlQuery, type Operand } from './jql/parser';
import { rowOf, type Row } from './jql/rows';
import { canBrowse, type FakeIssue, type FakeSite, type FakeUser } from './site';

export type { JqlQuery } from './jql/parser';

/** Jira's 400 body for a bad query. */
export interface JqlErrorBody {
  errorMessages: string[];
  warningMessages: string[];
}

export type JqlOutcome<T> = ({ ok: true } & T) | { ok: false; error: JqlErrorBody };

export interface JqlOptions {
  /** The searching user: results and values are limited to the projects they can browse. */
  user?: FakeUser;
  /** "Now" for relative dates; defaults to the site's clock. */
  now?: number;
  /** The zone date literals are read in; defaults to the site's zone. */
  timeZone?: string;
  /** Reject a query without a restriction, as the enhanced search does (default true). */
  requireBound?: boolean;
}

export const UNBOUNDED_MESSAGE =
  'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

function failure(message: string): { ok: false; error: JqlErrorBody } {
  return { ok: false, error: { errorMessages: [message], warningMessages: [] } };
}

function caught(e: unknown): { ok: false; error: JqlErrorBody } {
  if (e instanceof JqlSyntaxError || e instanceof JqlSemanticError) return failure(e.message);
  throw e;
}

/**
 * Parses JQL (syntax only).
 * @example parseJql('project = OPS AND').ok // false
 */
export function parseJql(text: string): JqlOutcome<{ query: JqlQuery }> {
  try {
    return { ok: true, query: parseQuery(text) };
  } catch (e) {
    return caught(e);
  }
}

export interface CompiledJql {
  query: JqlQuery;
  /** True when the issue matches the where-clause and the user may browse its project. */
  matches: (issue: FakeIssue) => boolean;
  /** The ORDER BY comparator. */
  compare: (a: FakeIssue, b: FakeIssue) => number;
}

/**
 * Parses and checks JQL against a site: fields, operators and values must exist.
 * @example compileJql(site, 'issuetype = Foo').ok // false: "The value 'Foo' does not exist for the field 'issuetype'."
 */
export function compileJql(site: FakeSite, text: string, options: JqlOptions = {}): JqlOutcome<CompiledJql> {
  const parsed = parseJql(text);
  if (!parsed.ok) return parsed;
  const { query } = parsed;
  if ((options.requireBound ?? true) && query.where === null) return failure(UNBOUNDED_MESSAGE);
  const env: JqlEnv = {
    site,
    user: options.user,
    now: options.now ?? site.now,
    timeZone: options.timeZone ?? site.timeZone,
    errors: [],
  };
  try {
    const where = query.where ? compileWhere(query.where, env) : () => true;
    let order: ReturnType<typeof compileOrder> = () => 0;
    try {
      order = compileOrder(query.orderBy);
    } catch (e) {
      if (!(e instanceof JqlSemanticError)) throw e;
      env.errors!.push(e.message);
    }
    if (env.errors!.length > 0)
      return { ok: false, error: { errorMessages: env.errors!, warningMessages: [] } };
    const { user } = options;
    const visible = (r: Row) => !user || canBrowse(user, r.projectKey);
    return {
      ok: true,
      query,
      matches: (issue) => {
        const r = rowOf(site, issue);
        return visible(r) && where(r);
      },
      compare: (a, b) => order(rowOf(site, a), rowOf(site, b)),
    };
  } catch (e) {
    return caught(e);
  }
}

/**
 * Runs JQL: the matching issues, ordered.
 * @example searchJql(site, 'project = OPS AND resolution = Unresolved ORDER BY created').ok
 */
export function searchJql(
  site: FakeSite,
  text: string,
  options: JqlOptions = {},
): JqlOutcome<{ issues: FakeIssue[] }> {
  const compiled = compileJql(site, text, options);
  if (!compiled.ok) return compiled;
  const rows = site.issues.filter(compiled.matches);
  rows.sort(compiled.compare);
  return { ok: true, issues: rows };
}

function operandStructure(o: Operand): unknown {
  switch (o.kind) {
    case 'value':
      return {
        value: o.value,
        encodedValue: /[\s"'=!<>~(),]/.test(o.value) ? JSON.stringify(o.value) : o.value,
      };
    case 'empty':
      return { keyword: 'EMPTY' };
    case 'function':
      return { function: o.name, arguments: o.args, encodedOperand: `${o.name}(${o.args.join(', ')})` };
    case 'list':
      return { values: o.items.map(operandStructure) };
  }
}

function whereStructure(node: JqlNode): unknown {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { operator: node.kind, clauses: node.clauses.map(whereStructure) };
    case 'not':
      return { operator: 'not', clauses: [whereStructure(node.clause)] };
    case 'clause':
      return {
        field: { name: node.field, encodedName: node.field },
        operator: node.operator,
        operand: operandStructure(node.operand),
      };
  }
}

/** The `structure` the JQL parse endpoint returns for a query. */
export function jqlStructure(query: JqlQuery): unknown {
  const out: Record<string, unknown> = {};
  if (query.where) out.where = whereStructure(query.where);
  if (query.orderBy.length > 0) {
    out.orderBy = {
      fields: query.orderBy.map((k) => ({
        field: { name: k.field, encodedName: k.field },
        direction: k.direction,
      })),
    };
  }
  return out;
}
