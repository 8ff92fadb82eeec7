/**
 * JQL tokens: words (unquoted names and values), quoted strings, operators, parentheses and commas.
 * Positions are 0-based offsets into the query; errors report them 1-based as Jira does ("line 1, character 9").
 */

export type TokenKind = 'word' | 'string' | 'op' | '(' | ')' | ',' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The word, the unescaped string, or the operator. */
  text: string;
  /** 0-based offset of the first character. */
  pos: number;
}

/** A JQL syntax problem, worded like Jira's ("Error in the JQL Query: …"). */
export class JqlSyntaxError extends Error {
  constructor(detail: string, pos: number, query: string) {
    super(`Error in the JQL Query: ${detail} ${where(query, pos)}`);
    this.name = 'JqlSyntaxError';
  }
}

/** "(line 1, character 9)" for a 0-based offset. */
function where(query: string, pos: number): string {
  const before = query.slice(0, pos).split('\n');
  return `(line ${before.length}, character ${(before[before.length - 1]?.length ?? 0) + 1})`;
}

const OPERATORS = ['!=', '>=', '<=', '!~', '&&', '||', '=', '>', '<', '~', '!'];
/** Characters that end an unquoted word. */
const STOP = new Set([' ', '\t', '\r', '\n', '"', "'", '=', '!', '<', '>', '(', ')', '~', ',', '&', '|']);

/**
 * Splits a query into tokens.
 * @throws JqlSyntaxError for an unterminated quoted string or a stray character.
 */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, pos: i++ });
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i++;
      let text = '';
      while (i < query.length && query[i] !== c) {
        if (query[i] === '\\' && i + 1 < query.length) i++;
        text += query[i++];
      }
      if (i >= query.length) {
        throw new JqlSyntaxError(`The quoted string '${text}' has not been completed.`, start, query);
      }
      i++;
      tokens.push({ kind: 'string', text, pos: start });
      continue;
    }
    const op = OPERATORS.find((o) => query.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, pos: i });
      i += op.length;
      continue;
    }
    if (c === '&' || c === '|')
      throw new JqlSyntaxError(`The character '${c}' is a reserved JQL character.`, i, query);
    const start = i;
    while (i < query.length && !STOP.has(query[i]!)) i++;
    tokens.push({ kind: 'word', text: query.slice(start, i), pos: start });
  }
  tokens.push({ kind: 'eof', text: 'EOF', pos: query.length });
  return tokens;
}
