/**
 * The JQL grammar, as far as the fake needs it:
 *
 *   query    := [or] [ORDER BY sort {, sort}] EOF
 *   or       := and {(OR | ||) and}
 *   and      := not {(AND | &&) not}
 *   not      := (NOT | !) not | '(' or ')' | clause
 *   clause   := field operator operand
 *   operator := = | != | < | > | <= | >= | ~ | !~ | IN | NOT IN | IS | IS NOT
 *   operand  := value | function '(' [value {, value}] ')' | '(' operand {, operand} ')' | EMPTY | NULL
 *
 * Keywords are case-insensitive. The result is a small syntax tree; meaning (fields, values) is checked later.
 */
import { JqlSyntaxError, tokenize, type Token } from './lexer';

export type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type Operand =
  | { kind: 'value'; value: string; pos: number }
  | { kind: 'empty'; pos: number }
  | { kind: 'function'; name: string; args: string[]; pos: number }
  | { kind: 'list'; items: Operand[]; pos: number };

export type JqlNode =
  | { kind: 'and' | 'or'; clauses: JqlNode[] }
  | { kind: 'not'; clause: JqlNode }
  | { kind: 'clause'; field: string; fieldPos: number; operator: Operator; operand: Operand };

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

export interface JqlQuery {
  /** The query text as given. */
  text: string;
  where: JqlNode | null;
  orderBy: SortKey[];
}

const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'order', 'by', 'empty', 'null', 'asc', 'desc']);
const VALID_OPERATORS =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
const UNSUPPORTED_HISTORY = new Set(['was', 'changed']);

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }
  private take(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'word' && t.text.toLowerCase() === word;
  }
  private fail(detail: string, token: Token = this.peek()): never {
    throw new JqlSyntaxError(detail, token.pos, this.text);
  }
  private shown(t: Token): string {
    return t.kind === 'eof' ? 'EOF' : t.text;
  }

  query(): JqlQuery {
    let where: JqlNode | null = null;
    if (this.peek().kind !== 'eof' && !(this.isWord('order') && this.isWord('by', 1))) where = this.or();
    const orderBy: SortKey[] = [];
    if (this.isWord('order')) {
      this.take();
      if (!this.isWord('by')) this.fail(`Expecting 'by' but got '${this.shown(this.peek())}'.`);
      this.take();
      do {
        const t = this.take();
        if (t.kind !== 'word' && t.kind !== 'string')
          this.fail(`Expecting a field name but got '${this.shown(t)}'.`, t);
        let direction: SortKey['direction'] = 'asc';
        if (this.isWord('asc') || this.isWord('desc'))
          direction = this.take().text.toLowerCase() as 'asc' | 'desc';
        orderBy.push({ field: t.text, direction });
      } while (this.peek().kind === ',' && this.take());
    }
    const rest = this.peek();
    if (rest.kind !== 'eof') {
      this.fail(
        where
          ? `Expecting either 'OR' or 'AND' but got '${rest.text}'.`
          : `Expecting a field name but got '${rest.text}'.`,
        rest,
      );
    }
    return { text: this.text, where, orderBy };
  }

  private or(): JqlNode {
    const clauses = [this.and()];
    while (this.isWord('or') || (this.peek().kind === 'op' && this.peek().text === '||')) {
      this.take();
      clauses.push(this.and());
    }
    return clauses.length === 1 ? clauses[0]! : { kind: 'or', clauses };
  }

  private and(): JqlNode {
    const clauses = [this.not()];
    while (this.isWord('and') || (this.peek().kind === 'op' && this.peek().text === '&&')) {
      this.take();
      clauses.push(this.not());
    }
    return clauses.length === 1 ? clauses[0]! : { kind: 'and', clauses };
  }

  private not(): JqlNode {
    const t = this.peek();
    if (this.isWord('not') || (t.kind === 'op' && t.text === '!')) {
      this.take();
      return { kind: 'not', clause: this.not() };
    }
    if (t.kind === '(') {
      this.take();
      const inner = this.or();
      const close = this.take();
      if (close.kind !== ')') this.fail(`Expecting ')' but got '${this.shown(close)}'.`, close);
      return inner;
    }
    return this.clause();
  }

  private clause(): JqlNode {
    const field = this.take();
    if (field.kind === 'eof') this.fail(`Expecting a field name but got 'EOF'.`, field);
    if ((field.kind !== 'word' && field.kind !== 'string') || RESERVED.has(field.text.toLowerCase())) {
      this.fail(`Expecting a field name but got '${field.text}'.`, field);
    }
    const operator = this.operator();
    return {
      kind: 'clause',
      field: field.text,
      fieldPos: field.pos,
      operator,
      operand: this.operand(operator),
    };
  }

  private operator(): Operator {
    const t = this.take();
    if (t.kind === 'op' && ['=', '!=', '<', '>', '<=', '>=', '~', '!~'].includes(t.text))
      return t.text as Operator;
    if (t.kind === 'word') {
      const w = t.text.toLowerCase();
      if (w === 'in') return 'in';
      if (w === 'not' && this.isWord('in')) {
        this.take();
        return 'not in';
      }
      if (w === 'is') {
        if (!this.isWord('not')) return 'is';
        this.take();
        return 'is not';
      }
      if (UNSUPPORTED_HISTORY.has(w))
        this.fail(`The history operator '${t.text.toUpperCase()}' is not supported here.`, t);
    }
    return this.fail(`Expecting operator but got '${this.shown(t)}'. ${VALID_OPERATORS}`, t);
  }

  private operand(operator: Operator): Operand {
    const t = this.peek();
    if (operator === 'in' || operator === 'not in') {
      if (t.kind !== '(' && !(t.kind === 'word' && this.peek(1).kind === '(')) {
        this.fail(`Expecting '(' but got '${this.shown(t)}'.`, t);
      }
    }
    if (t.kind === '(') {
      this.take();
      const items: Operand[] = [];
      do items.push(this.single());
      while (this.peek().kind === ',' && this.take());
      const close = this.take();
      if (close.kind !== ')') this.fail(`Expecting ')' but got '${this.shown(close)}'.`, close);
      return { kind: 'list', items, pos: t.pos };
    }
    return this.single();
  }

  private single(): Operand {
    const t = this.take();
    if (t.kind === 'string') return { kind: 'value', value: t.text, pos: t.pos };
    if (t.kind === 'word') {
      const w = t.text.toLowerCase();
      if (w === 'empty' || w === 'null') return { kind: 'empty', pos: t.pos };
      if (this.peek().kind === '(') return this.func(t);
      if (RESERVED.has(w)) this.fail(`Expecting either a value, list or function but got '${t.text}'.`, t);
      return { kind: 'value', value: t.text, pos: t.pos };
    }
    return this.fail(`Expecting either a value, list or function but got '${this.shown(t)}'.`, t);
  }

  private func(name: Token): Operand {
    this.take(); // (
    const args: string[] = [];
    if (this.peek().kind !== ')') {
      do {
        const a = this.take();
        if (a.kind !== 'word' && a.kind !== 'string')
          this.fail(`Expecting a function argument but got '${this.shown(a)}'.`, a);
        args.push(a.text);
      } while (this.peek().kind === ',' && this.take());
    }
    const close = this.take();
    if (close.kind !== ')') this.fail(`Expecting ')' but got '${this.shown(close)}'.`, close);
    return { kind: 'function', name: name.text, args, pos: name.pos };
  }
}

/**
 * Parses JQL into a syntax tree.
 * @example parseQuery('project = OPS ORDER BY created DESC').orderBy // [{ field: 'created', direction: 'desc' }]
 * @throws JqlSyntaxError with Jira's wording, e.g. "Error in the JQL Query: Expecting operator but got 'x'. …"
 */
export function parseQuery(text: string): JqlQuery {
  return new Parser(tokenize(text), text).query();
}
