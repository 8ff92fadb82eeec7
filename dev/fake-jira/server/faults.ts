/**
 * Injected faults: rules that make matching requests fail the way Jira Cloud sometimes does (429 with Retry-After,
 * 5xx, a dropped connection, a truncated JSON body, a slow answer, a repeated search page).
 */

export interface FaultRule {
  /** Matched against `"METHOD /path?query"`: a substring, or a regular expression. Absent = every request. */
  match?: string | RegExp;
  /**
   * 404/405 stand for an endpoint a proxy or an older site does not serve; 400 for a request Jira refuses (say, a
   * field it no longer accepts), 403 for a permission the caller lost.
   */
  status?: 429 | 500 | 502 | 503 | 504 | 400 | 401 | 403 | 404 | 405;
  /** Only requests by this account id (as authenticated: the API token's owner or `X-Fake-Account-Id`). */
  account?: string;
  /** The `Retry-After` header: seconds ("2") or an HTTP date. */
  retryAfter?: string;
  /** The `RateLimit-Reason` header of a 429, e.g. "jira-burst-based". */
  rateLimitReason?: string;
  /** Apply this many times, then stop. Absent = forever. */
  times?: number;
  /** Answer 200 with the real body cut in half. */
  malformedJson?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Destroy the socket without an answer. */
  hangUp?: boolean;
  /** On a search page after the first: return the previous page's issues again (the token stays on this page). */
  duplicatePage?: boolean;
}

/** A rule with its remaining count. */
export interface ArmedFault {
  rule: FaultRule;
  remaining: number;
}

export function armFaults(rules: readonly FaultRule[]): ArmedFault[] {
  return rules.map((rule) => ({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY }));
}

function matches(rule: FaultRule, target: string, account: string | undefined): boolean {
  if (rule.account !== undefined && rule.account !== account) return false;
  if (rule.match === undefined) return true;
  if (typeof rule.match === 'string') return target.includes(rule.match);
  rule.match.lastIndex = 0;
  return rule.match.test(target);
}

/** The first armed rule matching `"METHOD /path?query"` (and the caller's account id), without consuming it. */
export function findFault(
  faults: readonly ArmedFault[],
  target: string,
  account?: string,
): ArmedFault | undefined {
  return faults.find((f) => f.remaining > 0 && matches(f.rule, target, account));
}

/** Counts one use of a rule. */
export function consume(fault: ArmedFault): void {
  fault.remaining--;
}

/** A fault rule from JSON (for `POST /__fake/faults`): `matchRegex` stands for a RegExp `match`. */
export function faultFromJson(value: unknown): FaultRule {
  const v = (value ?? {}) as Record<string, unknown>;
  const rule: FaultRule = { ...(v as FaultRule) };
  if (typeof v.matchRegex === 'string') rule.match = new RegExp(v.matchRegex);
  delete (rule as Record<string, unknown>).matchRegex;
  return rule;
}
