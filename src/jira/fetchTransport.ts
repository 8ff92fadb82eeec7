/**
 * The `fetch` transport with basic auth (email + API token), used by the command line and the local preview.
 */
import { renderPath, type JiraRequest, type JiraResponse, type JiraTransport } from './transport';

export interface FetchTransportOptions {
  baseUrl: string;
  email?: string;
  apiToken?: string;
  /** Extra headers on every request (the preview's fake Jira reads an account header). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/**
 * Normalises a site URL: `acme.atlassian.net/` → `https://acme.atlassian.net`.
 * @throws Error naming the bad value.
 */
export function normaliseBaseUrl(raw: string): string {
  const withScheme = /^https?:\/\//i.test(raw.trim()) ? raw.trim() : `https://${raw.trim()}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`JIRA_BASE_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function createFetchTransport(options: FetchTransportOptions): JiraTransport {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.email !== undefined || options.apiToken !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${options.email ?? ''}:${options.apiToken ?? ''}`).toString('base64')}`;
  }
  return {
    description: baseUrl,
    async send(request: JiraRequest, signal: AbortSignal): Promise<JiraResponse> {
      const init: RequestInit = { method: request.method, headers: { ...headers }, signal };
      if (request.body !== undefined) {
        init.body = JSON.stringify(request.body);
        (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
      }
      // The same Route object the Forge transport hands to requestJira: its value is the encoded path and query.
      const res = await doFetch(baseUrl + renderPath(request.path), init);
      return { status: res.status, header: (n) => res.headers.get(n), text: () => res.text() };
    },
  };
}
