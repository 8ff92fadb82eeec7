/**
 * Injected faults: rules that make matching requests fail the way Jira Cloud sometimes does (429 with Retry-After,
 * 5xx, a dropped connection, a truncated JSON body, a slow answer, a repeated search page).
 */

export interface FaultRule {
  /** Matched against `"METHOD /path?query"`: a substring, or a regular expression. Absent = every request. */
  match?: string | RegExp;
  /** 404/405 stand for an endpoint a proxy or an older site does not serve. */
  status?: 429 | 500 | 502 | 503 | 504 | 401 | 404 | 405;
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

function matches(rule: FaultRule, target: string): boolean {
  if (rule.match === undefined) return true;
  if (typeof rule.match === 'string') return target.includes(rule.match);
  rule.match.lastIndex = 0;
  return rule.match.test(target);
}

/** The first armed rule matching `"METHOD /path?query"`, without consuming it. */
export function findFault(faults: readonly ArmedFault[], target: string): ArmedFault | undefined {
  return faults.find((f) => f.remaining > 0 && matches(f.rule, target));
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
