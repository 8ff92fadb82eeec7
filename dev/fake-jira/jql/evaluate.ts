/**
 * Turns a JQL syntax tree into a predicate over search rows and a comparator for ORDER BY, checking fields,
 * operators and values against the site as Jira does.
 *
 * Jira semantics kept here: `!=` and `NOT IN` never match an issue whose field is empty (`labels != x` skips issues
 * without labels); `resolution = Unresolved` matches unresolved issues; `NOT` is plain negation; an unknown
 * issue type, status, priority, resolution, project or component name is an error, an unknown label is not.
 */
import { evalDateFunction, isDateFunction, parseDateValue, DATE_FORMATS_HINT, type DatePoint } from './dates';
import {
  findField,
  JqlSemanticError,
  unknownField,
  type DateField,
  type FieldDef,
  type JqlEnv,
  type MultiField,
  type ScalarField,
  type TextField,
} from './fields';
import type { JqlNode, Operand, Operator, SortKey } from './parser';
import type { Row } from './rows';
import { canBrowse, findIssue } from '../site';

export type Predicate = (row: Row) => boolean;

type Clause = Extract<JqlNode, { kind: 'clause' }>;

const shown = (op: Operator) => op.toUpperCase();

/** The single operands of a clause (a list's items, or the operand itself), with list use checked. */
function operandsOf(clause: Clause, fieldName: string): Operand[] {
  const { operator, operand } = clause;
  const listOp = operator === 'in' || operator === 'not in';
  if (operand.kind === 'list') {
    if (!listOp) {
      throw new JqlSemanticError(
        `The operator '${shown(operator)}' does not support the list value for field '${fieldName}'.`,
      );
    }
    return operand.items;
  }
  if (listOp && operand.kind !== 'function') {
    throw new JqlSemanticError(
      `The operator '${shown(operator)}' requires a list of values for field '${fieldName}'.`,
    );
  }
  return [operand];
}

function unknownFunction(name: string): JqlSemanticError {
  return new JqlSemanticError(`Unable to find JQL function '${name}()'.`);
}

function noValue(value: string, field: string): JqlSemanticError {
  return new JqlSemanticError(`The value '${value}' does not exist for the field '${field}'.`);
}

/** Applies =, !=, IN, NOT IN, IS, IS NOT given "does the field hold one of the values" and "is it empty". */
function equality(operator: Operator, holds: Predicate, isEmpty: Predicate): Predicate {
  switch (operator) {
    case '=':
    case 'in':
    case 'is':
      return holds;
    default:
      // !=, NOT IN, IS NOT: never true for an empty field (Jira), unless the list itself asked for EMPTY.
      return (r) => !isEmpty(r) && !holds(r);
  }
}

function compileScalar(f: ScalarField, clause: Clause, env: JqlEnv, written: string): Predicate {
  const { operator } = clause;
  const ids = new Set<string | null>();
  const operands = operandsOf(clause, written);
  if ((operator === 'is' || operator === 'is not') && operands.some((o) => o.kind !== 'empty')) {
    throw new JqlSemanticError(
      `The operator '${shown(operator)}' only supports 'EMPTY' or 'NULL' for field '${written}'.`,
    );
  }
  for (const o of operands) {
    if (o.kind === 'empty') ids.add(null);
    else if (o.kind === 'function') {
      const fn = f.functions?.[o.name.toLowerCase()];
      if (!fn) throw unknownFunction(o.name);
      const id = fn(env);
      if (id !== null) ids.add(id);
    } else if (o.kind === 'value') {
      const found = f.resolve(o.value, env);
      if (found.length === 0) throw noValue(o.value, written);
      for (const id of found) ids.add(id);
    }
  }
  if (['<', '>', '<=', '>='].includes(operator)) {
    const target = [...ids][0];
    const rank = target == null ? null : (f.rankOf?.(target, env) ?? null);
    if (rank === null || !f.rank)
      throw new JqlSemanticError(`The operator '${operator}' is not supported by the '${written}' field.`);
    const cmp = compareWith(operator);
    return (r) => {
      const v = f.rank!(r);
      return v !== null && cmp(v, rank);
    };
  }
  return equality(
    operator,
    (r) => ids.has(f.get(r)),
    (r) => f.get(r) === null,
  );
}

function compileMulti(f: MultiField, clause: Clause, env: JqlEnv, written: string): Predicate {
  const names = new Set<string>();
  let empty = false;
  for (const o of operandsOf(clause, written)) {
    if (o.kind === 'empty') empty = true;
    else if (o.kind === 'function') throw unknownFunction(o.name);
    else if (o.kind === 'value') {
      if (f.exists && !f.exists(o.value, env)) throw noValue(o.value, written);
      names.add(o.value.toLowerCase());
    }
  }
  return equality(
    clause.operator,
    (r) => {
      const values = f.get(r);
      return (empty && values.length === 0) || values.some((v) => names.has(v));
    },
    (r) => f.get(r).length === 0,
  );
}

function compareWith(op: Operator): (a: number | string, b: number | string) => boolean {
  switch (op) {
    case '<':
      return (a, b) => a < b;
    case '<=':
      return (a, b) => a <= b;
    case '>':
      return (a, b) => a > b;
    default:
      return (a, b) => a >= b;
  }
}

function compileDate(f: DateField, clause: Clause, env: JqlEnv, written: string): Predicate {
  const points: (DatePoint | null)[] = [];
  for (const o of operandsOf(clause, written)) {
    if (o.kind === 'empty') points.push(null);
    else if (o.kind === 'function') {
      if (!isDateFunction(o.name)) throw unknownFunction(o.name);
      const p = evalDateFunction(o.name, o.args, env);
      if (!p)
        throw new JqlSemanticError(`The function '${o.name}' has invalid arguments: ${o.args.join(', ')}.`);
      points.push(p);
    } else if (o.kind === 'value') {
      const p = parseDateValue(o.value, env);
      if (!p)
        throw new JqlSemanticError(
          `Date value '${o.value}' for field '${written}' is invalid. ${DATE_FORMATS_HINT}`,
        );
      points.push(p);
    }
  }
  const get: (r: Row) => number | string | null = f.kind === 'date' ? f.getDate : f.getInstant;
  const valueOf = (p: DatePoint) => (f.kind === 'date' ? p.date : p.instant);
  const { operator } = clause;
  if (['<', '>', '<=', '>='].includes(operator)) {
    const p = points[0];
    if (!p)
      throw new JqlSemanticError(
        `The operator '${operator}' does not support the value EMPTY for field '${written}'.`,
      );
    const cmp = compareWith(operator);
    const target = valueOf(p);
    return (r) => {
      const v = get(r);
      return v !== null && cmp(v, target);
    };
  }
  const wanted = new Set(points.map((p) => (p ? valueOf(p) : null)));
  return equality(
    operator,
    (r) => wanted.has(get(r)),
    (r) => get(r) === null,
  );
}

const KEY = /^([A-Z][A-Z0-9_]*)-(\d+)$/i;

function compileKey(clause: Clause, env: JqlEnv, written: string): Predicate {
  const rows: { project: string; number: number; id: string }[] = [];
  for (const o of operandsOf(clause, written)) {
    if (o.kind === 'function') throw unknownFunction(o.name);
    if (o.kind !== 'value')
      throw new JqlSemanticError(
        `The operator '${shown(clause.operator)}' is not supported by the '${written}' field.`,
      );
    const issue = findIssue(env.site, o.value.trim());
    const visible = issue && (!env.user || canBrowse(env.user, issue.fields.project.key));
    if (!visible) {
      if (!KEY.test(o.value.trim()) && !/^\d+$/.test(o.value.trim())) {
        throw new JqlSemanticError(`The issue key '${o.value}' for field '${written}' is invalid.`);
      }
      throw new JqlSemanticError(`An issue with key '${o.value}' does not exist for field '${written}'.`);
    }
    const number = Number(issue.key.slice(issue.key.lastIndexOf('-') + 1));
    rows.push({ project: issue.fields.project.key, number, id: issue.id });
  }
  const { operator } = clause;
  if (['<', '>', '<=', '>='].includes(operator)) {
    const target = rows[0]!;
    const cmp = compareWith(operator);
    return (r) => r.projectKey === target.project && cmp(r.number, target.number);
  }
  const ids = new Set(rows.map((x) => x.id));
  return operator === '=' || operator === 'in' ? (r) => ids.has(r.issue.id) : (r) => !ids.has(r.issue.id);
}

function compileText(f: TextField, clause: Clause, written: string): Predicate {
  const o = clause.operand;
  if (clause.operator === 'is' || clause.operator === 'is not') {
    if (o.kind !== 'empty')
      throw new JqlSemanticError(
        `The operator '${shown(clause.operator)}' only supports 'EMPTY' or 'NULL' for field '${written}'.`,
      );
    return clause.operator === 'is' ? (r) => f.get(r).trim() === '' : (r) => f.get(r).trim() !== '';
  }
  if (o.kind !== 'value')
    throw new JqlSemanticError(
      `The operator '${clause.operator}' does not support this value for field '${written}'.`,
    );
  const needle = o.value.replace(/[*?]/g, '').trim().toLowerCase();
  return clause.operator === '~' ? (r) => f.get(r).includes(needle) : (r) => !f.get(r).includes(needle);
}

function compileClause(clause: Clause, env: JqlEnv): Predicate {
  const f = findField(clause.field);
  if (!f) throw unknownField(clause.field);
  if (!f.operators.includes(clause.operator)) {
    throw new JqlSemanticError(
      `The operator '${shown(clause.operator)}' is not supported by the '${clause.field}' field.`,
    );
  }
  switch (f.kind) {
    case 'scalar':
      return compileScalar(f, clause, env, clause.field);
    case 'multi':
      return compileMulti(f, clause, env, clause.field);
    case 'date':
    case 'datetime':
      return compileDate(f, clause, env, clause.field);
    case 'key':
      return compileKey(clause, env, clause.field);
    case 'text':
      return compileText(f, clause, clause.field);
  }
}

/**
 * Compiles a where-clause into a predicate.
 * @throws JqlSemanticError for an unknown field, function or value, or an unsupported operator (unless `env.errors`
 *   collects them).
 */
export function compileWhere(node: JqlNode, env: JqlEnv): Predicate {
  switch (node.kind) {
    case 'and': {
      const parts = node.clauses.map((c) => compileWhere(c, env));
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = node.clauses.map((c) => compileWhere(c, env));
      return (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const inner = compileWhere(node.clause, env);
      return (r) => !inner(r);
    }
    case 'clause':
      try {
        return compileClause(node, env);
      } catch (e) {
        if (!(e instanceof JqlSemanticError) || !env.errors) throw e;
        env.errors.push(e.message);
        return () => false;
      }
  }
}

type SortValue = number | string | null;

function sortValue(f: FieldDef, name: string): ((r: Row) => SortValue) | null {
  switch (f.kind) {
    case 'key':
      return null; // handled by the key comparator
    case 'scalar':
      if (f.rank) return f.rank;
      if (f.name === 'project') return (r) => r.projectKey;
      if (f.name === 'issuetype') return (r) => r.typeName.toLowerCase();
      if (f.name === 'status') return (r) => r.statusName.toLowerCase();
      if (f.name === 'resolution') return (r) => r.resolutionName?.toLowerCase() ?? null;
      return f.get;
    case 'multi':
      return (r) => f.get(r).join(',') || null;
    case 'date':
      return f.getDate;
    case 'datetime':
      return f.getInstant;
    case 'text':
      return name.toLowerCase() === 'summary' ? (r) => r.summary.toLowerCase() : null;
  }
}

/** Compares rows by key: project key, then number. */
export function compareKeys(a: Row, b: Row): number {
  if (a.projectKey !== b.projectKey) return a.projectKey < b.projectKey ? -1 : 1;
  return a.number - b.number;
}

/**
 * A comparator for ORDER BY. Empty values sort after every value ascending (first descending), as in Jira;
 * ties end on the issue key. Without ORDER BY the order is `key DESC`.
 * @throws JqlSemanticError for a field that does not exist or cannot be sorted on.
 */
export function compileOrder(orderBy: readonly SortKey[]): (a: Row, b: Row) => number {
  const keys = orderBy.length > 0 ? orderBy : [{ field: 'key', direction: 'desc' as const }];
  if (keys.length > 7) throw new JqlSemanticError('The ORDER BY clause may name at most 7 fields.');
  const parts = keys.map(({ field, direction }) => {
    const sign = direction === 'desc' ? -1 : 1;
    if (field.toLowerCase() === 'rank') return (a: Row, b: Row) => sign * compareKeys(a, b);
    const f = findField(field);
    if (!f) throw unknownField(field);
    const get = sortValue(f, field);
    if (f.kind === 'key') return (a: Row, b: Row) => sign * compareKeys(a, b);
    if (!get) throw new JqlSemanticError(`Field '${field}' does not support sorting.`);
    return (a: Row, b: Row) => {
      const x = get(a);
      const y = get(b);
      if (x === y) return 0;
      if (x === null) return sign;
      if (y === null) return -sign;
      return sign * (x < y ? -1 : 1);
    };
  });
  const tail = keys.some((k) => findField(k.field)?.kind === 'key')
    ? []
    : [(a: Row, b: Row) => -compareKeys(a, b)];
  const all = [...parts, ...tail];
  return (a, b) => {
    for (const p of all) {
      const c = p(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
}
