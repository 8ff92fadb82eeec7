/**
 * The Jira Cloud REST v3 client: JSON requests with retries, schema-checked answers, and issue search through
 * `/rest/api/3/search/jql` with `nextPageToken` until `isLast`.
 */
import { z } from 'zod';
import { JiraError, jiraErrorMessages } from './errors';
import { backoffDelay, DEFAULT_RETRY, isRetryable, parseRetryAfter, type RetryPolicy } from './retry';
import { JiraId, searchJqlGet, searchJqlPost, type SearchPage } from './endpoints';
import { type HttpMethod, type Route, type JiraResponse, type JiraTransport } from './transport';

export interface ClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Requests in flight at once. */
  maxConcurrency?: number;
  /** Issues asked for per search page (Jira may return fewer). */
  pageSize?: number;
  /** Called after each search page (for progress). */
  onProgress?: (event: { jql: string; page: number; issues: number }) => void;
  /**
   * An instant (epoch ms) past which no retry waits: a wait that would end after it is not taken and the request
   * fails at once (a resolver or a trigger has a hard limit; Retry-After may ask for longer).
   */
  deadline?: number;
  /** Test seams. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export interface ClientStats {
  requests: number;
  retries: number;
  issues: number;
}

/** An issue id as Jira sends it (a string); a number is accepted, and a missing id falls back to the key. */
export const IssueId = JiraId;

export type RawIssue = { id: string; key: string; fields: Record<string, unknown> };

/** How often one page token may come back, and how many pages in a row may bring nothing new. */
const MAX_TOKEN_REUSE = 3;
const MAX_PAGES_WITHOUT_NEWS = 5;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A small counting semaphore. */
function limiter(max: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

export class JiraClient {
  readonly stats: ClientStats = { requests: 0, retries: 0, issues: 0 };
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly limit: ReturnType<typeof limiter>;
  /** Set when Jira refused the GET form of search/jql: every later search uses POST. */
  private searchByPost = false;
  /** Set by a quota-type 429: every request waits until then. */
  private pausedUntil = 0;

  constructor(
    readonly transport: JiraTransport,
    private readonly options: ClientOptions = {},
  ) {
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.limit = limiter(options.maxConcurrency ?? 4);
  }

  /**
   * The form every endpoint in `endpoints.ts` uses: a literal `route` template first and the method as a literal in
   * the options — the shape of `requestJira` that Atlassian's permission linter reads, so it checks each request
   * against the manifest's scopes.
   */
  requestJira<T = unknown>(
    path: Route,
    init: { method?: HttpMethod; body?: unknown; schema?: z.ZodType<T> } = {},
  ): Promise<T> {
    return this.request(init.method ?? 'GET', path, init);
  }

  /** GET/POST/PUT a JSON resource; the answer is checked against `schema` when given. */
  async request<T = unknown>(
    method: HttpMethod,
    path: Route,
    init: { body?: unknown; schema?: z.ZodType<T> } = {},
  ): Promise<T> {
    const text = await this.limit(() => this.send(method, path, init.body));
    if (text.trim() === '') return undefined as T;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new JiraError(
        'malformed',
        `Jira answered ${describe(method, path)} with a body that is not JSON`,
      );
    }
    if (!init.schema) return json as T;
    const parsed = init.schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new JiraError(
        'malformed',
        `Jira's answer to ${describe(method, path)} is not in the expected shape` +
          (first ? ` (${first.path.join('.') || 'body'}: ${first.message})` : ''),
      );
    }
    return parsed.data;
  }

  /**
   * Every issue matching `jql`, page by page, with only `fields`. Pages are handed to `onPage` as they arrive, so the
   * caller can aggregate without holding the raw pages. Issues repeated across pages are passed once.
   */
  async search(
    jql: string,
    fields: readonly string[],
    onPage: (issues: RawIssue[]) => void,
  ): Promise<number> {
    const seen = new Set<string>();
    // Jira may serve a page twice; a search that stops making progress is stopped rather than looping forever.
    const tokenUses = new Map<string, number>();
    let pagesWithoutNews = 0;
    let nextPageToken: string | undefined;
    let page = 0;
    for (;;) {
      const result = await this.searchPage(jql, fields, this.options.pageSize ?? 100, nextPageToken);
      page++;
      const fresh: RawIssue[] = [];
      for (const issue of result.issues) {
        const id = issue.id ?? issue.key;
        if (seen.has(id)) continue;
        seen.add(id);
        fresh.push({ id, key: issue.key, fields: issue.fields ?? {} });
      }
      this.stats.issues += result.issues.length;
      onPage(fresh);
      this.options.onProgress?.({ jql, page, issues: seen.size });
      const token = result.nextPageToken ?? undefined;
      if (result.isLast === true || !token) break;
      const uses = (tokenUses.get(token) ?? 0) + 1;
      tokenUses.set(token, uses);
      pagesWithoutNews = fresh.length === 0 ? pagesWithoutNews + 1 : 0;
      if (uses > MAX_TOKEN_REUSE || pagesWithoutNews > MAX_PAGES_WITHOUT_NEWS) {
        throw new JiraError('malformed', 'Jira kept repeating the same search page; the search was stopped');
      }
      nextPageToken = token;
    }
    return seen.size;
  }

  /** The first issue matching `jql` (one page of one issue), or null: for "has any ever been recorded" questions. */
  async first(jql: string, fields: readonly string[]): Promise<RawIssue | null> {
    const result = await this.searchPage(jql, fields, 1);
    this.stats.issues += result.issues.length;
    const issue = result.issues[0];
    return issue ? { id: issue.id ?? issue.key, key: issue.key, fields: issue.fields ?? {} } : null;
  }

  /**
   * One page of `search/jql`. GET is the documented form; very long JQL goes in a POST body instead of the URL, and
   * so does every page once the GET form was refused (404/405: a gateway or proxy that only forwards the POST form).
   */
  private async searchPage(
    jql: string,
    fields: readonly string[],
    maxResults: number,
    nextPageToken?: string,
  ): Promise<SearchPage> {
    for (;;) {
      const query = new URLSearchParams({ jql, fields: fields.join(','), maxResults: String(maxResults) });
      if (nextPageToken) query.set('nextPageToken', nextPageToken);
      const useGet = !this.searchByPost && query.toString().length <= 6000;
      try {
        return useGet
          ? await searchJqlGet(this, query)
          : await searchJqlPost(this, {
              jql,
              fields,
              maxResults,
              ...(nextPageToken ? { nextPageToken } : {}),
            });
      } catch (err) {
        const refused = err instanceof JiraError && (err.status === 404 || err.status === 405);
        if (!useGet || !refused) throw err;
        this.searchByPost = true;
      }
    }
  }

  private async send(method: HttpMethod, path: Route, body: unknown): Promise<string> {
    const started = this.now();
    for (let attempt = 1; ; attempt++) {
      const pause = this.pausedUntil - this.now();
      if (pause > 0 && this.options.deadline !== undefined && this.now() + pause >= this.options.deadline) {
        throw new JiraError(
          'rate-limited',
          `Jira asked to wait ${Math.ceil(pause / 1000)} s, past the time available to answer`,
          429,
        );
      }
      if (pause > 0) await this.sleep(pause);
      this.stats.requests++;
      let res: JiraResponse;
      let text: string;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.policy.requestTimeoutMs);
      try {
        res = await this.transport.send({ method, path, body }, controller.signal);
        text = await res.text();
      } catch (err) {
        const timedOut = controller.signal.aborted;
        if (err instanceof JiraError) throw err;
        const failure = timedOut
          ? new JiraError(
              'timeout',
              `Jira did not answer ${describe(method, path)} within ${this.policy.requestTimeoutMs / 1000} s`,
            )
          : new JiraError(
              'network',
              `cannot reach Jira at ${this.transport.description}: ${networkReason(err)}`,
            );
        if (!isIdempotent(method, path)) throw failure;
        if (!(await this.backoff(attempt, started, null))) throw failure;
        continue;
      } finally {
        clearTimeout(timer);
      }
      if (res.status >= 200 && res.status < 300) return text;
      if (isRetryable(res.status) && isIdempotent(method, path)) {
        const retryAfter = parseRetryAfter(res.header('Retry-After'), this.now());
        if (res.status === 429 && isQuotaLimit(res)) {
          // Quota limits deny everything until the reset: pause every request instead of hammering.
          const reset = parseRetryAfter(res.header('X-RateLimit-Reset'), this.now()) ?? retryAfter;
          if (reset !== null) this.pausedUntil = Math.max(this.pausedUntil, this.now() + reset);
        }
        if (await this.backoff(attempt, started, retryAfter)) continue;
      }
      throw statusError(res.status, text, method, path, this.transport.description, res);
    }
  }

  /** Waits before the next attempt; false when the attempts or the time budget are spent. */
  private async backoff(attempt: number, started: number, retryAfterMs: number | null): Promise<boolean> {
    if (attempt >= this.policy.maxAttempts) return false;
    const wait = Math.max(
      backoffDelay(this.policy, attempt, retryAfterMs, this.random),
      this.pausedUntil - this.now(),
    );
    if (this.now() - started + wait > this.policy.totalBudgetMs) return false;
    if (this.options.deadline !== undefined && this.now() + wait >= this.options.deadline) return false;
    this.stats.retries++;
    await this.sleep(wait);
    return true;
  }
}

/** Reads and search POSTs are safe to repeat; writes are not. */
function isIdempotent(method: HttpMethod, path: Route): boolean {
  if (method === 'GET') return true;
  const p = path.value.split('?')[0] ?? '';
  return (
    method === 'POST' && (p.includes('/search/jql') || p.includes('/jql/parse') || p.includes('/bulkfetch'))
  );
}

function isQuotaLimit(res: JiraResponse): boolean {
  return /quota/i.test(res.header('RateLimit-Reason') ?? '');
}

function describe(method: HttpMethod, path: Route): string {
  return `${method} ${path.value.split('?')[0]}`;
}

function networkReason(err: unknown): string {
  const e = err as { cause?: { code?: string; message?: string }; message?: string };
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

function statusError(
  status: number,
  body: string,
  method: HttpMethod,
  path: Route,
  site: string,
  res: JiraResponse,
): JiraError {
  const messages = jiraErrorMessages(body);
  const detail = messages.length ? `: ${messages.join('; ')}` : '';
  const what = describe(method, path);
  switch (true) {
    case status === 401:
      return new JiraError(
        'auth',
        `Jira at ${site} refused the credentials (401): check JIRA_EMAIL and JIRA_API_TOKEN`,
        status,
        messages,
      );
    case status === 403:
      return new JiraError(
        'forbidden',
        `Jira refused ${what} (403: no permission)${detail}`,
        status,
        messages,
      );
    case status === 404:
      return new JiraError('not-found', `Jira found nothing at ${what} (404)${detail}`, status, messages);
    case status === 410:
      return new JiraError('gone', `Jira has removed ${what} (410)${detail}`, status, messages);
    case status === 429: {
      const reset = res.header('X-RateLimit-Reset') ?? res.header('Retry-After');
      return new JiraError(
        'rate-limited',
        `Jira kept rate-limiting ${what} (429${res.header('RateLimit-Reason') ? `, ${res.header('RateLimit-Reason')}` : ''})` +
          (reset ? `; try again after ${reset}` : ''),
        status,
        messages,
      );
    }
    case status >= 500:
      return new JiraError(
        'server',
        `Jira failed on ${what} (${status}) after retries${detail}`,
        status,
        messages,
      );
    default:
      return new JiraError('bad-request', `Jira rejected ${what} (${status})${detail}`, status, messages);
  }
}
