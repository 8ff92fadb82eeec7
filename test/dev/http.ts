/**
 * A bare HTTP helper for the fake Jira tests (the app's real client is tested elsewhere).
 */
import type { FakeJira } from '../../dev/fake-jira/fakeJira';

export interface Who {
  email: string;
  token: string;
}

export function basic(who: Who): string {
  return `Basic ${Buffer.from(`${who.email}:${who.token}`).toString('base64')}`;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function call(
  jira: FakeJira,
  method: string,
  path: string,
  options: { as?: Who | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.as) headers.authorization = basic(options.as);
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${jira.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a 401 text, a gateway page, a truncated body): callers read `text`.
  }
  return { status: res.status, headers: res.headers, text, body };
}
