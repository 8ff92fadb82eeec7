/**
 * The one small interface between the Jira client and the network.
 *
 * A request's path is kept as the parts of a tagged template (`jiraPath\`/rest/api/3/project/${key}\``) so that the
 * Forge transport can hand them to the real `route` from `@forge/api`, and the fetch transport can apply the same
 * encoding rules: interpolations in the path are rejected if they could change it (`/`, `\`, `?`, `#`, `..`) and are
 * percent-encoded; interpolations after `?` are percent-encoded as query values; a `URLSearchParams` is inserted as is.
 */

export interface JiraPath {
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
}

/** Builds a `JiraPath` from a template literal. */
export function jiraPath(strings: TemplateStringsArray, ...values: unknown[]): JiraPath {
  return { strings: [...strings], values };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface JiraRequest {
  method: HttpMethod;
  path: JiraPath;
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

function isPathManipulation(value: string): boolean {
  return /[/\\?#]/.test(value) || /(^|[^a-z0-9])(\.|%2e){2}/i.test(value);
}

/**
 * Renders a `JiraPath` to a string with the same rules as Forge's `route`.
 * @example renderPath(jiraPath`/rest/api/3/project/${'OPS'}?expand=${'issueTypes'}`) // '/rest/api/3/project/OPS?expand=issueTypes'
 * @throws Error for a path interpolation that would change the path ("../x", "a/b").
 */
export function renderPath(path: JiraPath): string {
  let out = path.strings[0] ?? '';
  let inQuery = out.includes('?') || out.includes('#');
  path.values.forEach((value, i) => {
    if (value instanceof URLSearchParams) out += value.toString();
    else if (inQuery) out += encodeURIComponent(String(value));
    else {
      const s = String(value);
      if (isPathManipulation(s))
        throw new Error(`Disallowing path manipulation attempt: ${JSON.stringify(s)}`);
      out += encodeURIComponent(s);
    }
    const next = path.strings[i + 1] ?? '';
    if (next.includes('?') || next.includes('#')) inQuery = true;
    out += next;
  });
  return out;
}
