/**
 * Errors the Jira client raises: one class, a `kind` to branch on, and a message a person can act on.
 */
export type JiraErrorKind =
  | 'auth' // 401: credentials wrong or expired
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'bad-request' // other 4xx, e.g. a JQL error
  | 'gone' // 410: a removed API
  | 'rate-limited' // 429 after the retry budget
  | 'server' // 5xx after the retry budget
  | 'network' // connection refused, reset, DNS
  | 'timeout' // a request took longer than the per-request timeout
  | 'malformed'; // a 2xx whose body is not the JSON we expect

export class JiraError extends Error {
  constructor(
    readonly kind: JiraErrorKind,
    message: string,
    readonly status?: number,
    readonly messages: string[] = [],
  ) {
    super(message);
    this.name = 'JiraError';
  }
}

/** Jira's error bodies: `{"errorMessages":[...],"errors":{"field":"message"}}`; anything else yields nothing. */
export function jiraErrorMessages(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errorMessages?: unknown; errors?: unknown; message?: unknown };
    const out: string[] = [];
    if (Array.isArray(parsed.errorMessages))
      out.push(...parsed.errorMessages.filter((m) => typeof m === 'string'));
    if (parsed.errors && typeof parsed.errors === 'object') {
      for (const [k, v] of Object.entries(parsed.errors)) if (typeof v === 'string') out.push(`${k}: ${v}`);
    }
    if (typeof parsed.message === 'string') out.push(parsed.message);
    return out;
  } catch {
    const text = body.trim();
    return text && text.length < 300 && !text.startsWith('<') ? [text] : [];
  }
}
