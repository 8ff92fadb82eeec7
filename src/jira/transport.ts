/**
 * The one small interface between the Jira client and the network.
 *
 * A request's path is a `Route` made by the `route` tag of `@forge/api` (see `endpoints.ts`, where every path the app
 * asks for is a literal template): Forge's own rules apply to it once, wherever it is sent — a path interpolation
 * containing `/`, `\`, `?`, `#` or `..` is refused, query values are percent-encoded, a `URLSearchParams` is inserted
 * as is. The Forge transport hands the route to `requestJira`; the fetch transport appends `route.value` to the site.
 */
import type { Route } from '@forge/api';

export type { Route };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface JiraRequest {
  method: HttpMethod;
  path: Route;
  /** JSON body for POST/PUT. */
  body?: unknown;
}

export interface JiraResponse {
  status: number;
  /** Header lookup, case-insensitive. */
  header(name: string): string | null;
  text(): Promise<string>;
}

export interface JiraTransport {
  /** A short name for messages: "https://acme.atlassian.net", "Forge (as app)". */
  readonly description: string;
  send(request: JiraRequest, signal: AbortSignal): Promise<JiraResponse>;
}

/**
 * The path and query a route stands for (what is appended to the site's URL).
 * @example renderPath(route`/rest/api/3/project/${'OPS'}?expand=${'issueTypes'}`) // '/rest/api/3/project/OPS?expand=issueTypes'
 */
export function renderPath(path: Route): string {
  return path.value;
}
