/**
 * Cost accounting, after Jira's points-based rate limits: every request costs 1 point, plus 1 per core object
 * returned (issue, project, issue type, comment, priority, scheme), 2 per identity or permission object, and a write
 * costs 1 flat on top of the base. `GET /__fake/*` is never counted.
 */

export interface RequestLogEntry {
  method: string;
  /** Path and query string. */
  path: string;
  status: number;
  points: number;
}

export interface FakeStats {
  requests: number;
  points: number;
  issuesReturned: number;
  /** Request counts by endpoint, e.g. `{"GET /rest/api/3/search/jql": 12}`. */
  byEndpoint: Record<string, number>;
  /** The last requests, oldest first (at most `LOG_LIMIT`). */
  log: RequestLogEntry[];
}

export const LOG_LIMIT = 10_000;

export function createStats(): FakeStats {
  return { requests: 0, points: 0, issuesReturned: 0, byEndpoint: {}, log: [] };
}

/** Zeroes the stats in place, so references held by tests stay valid. */
export function resetStats(stats: FakeStats): void {
  stats.requests = 0;
  stats.points = 0;
  stats.issuesReturned = 0;
  stats.byEndpoint = {};
  stats.log = [];
}

/** Records one request. */
export function recordRequest(
  stats: FakeStats,
  entry: RequestLogEntry & { endpoint: string; issues: number },
): void {
  stats.requests++;
  stats.points += entry.points;
  stats.issuesReturned += entry.issues;
  stats.byEndpoint[entry.endpoint] = (stats.byEndpoint[entry.endpoint] ?? 0) + 1;
  stats.log.push({ method: entry.method, path: entry.path, status: entry.status, points: entry.points });
  if (stats.log.length > LOG_LIMIT) stats.log.splice(0, stats.log.length - LOG_LIMIT);
}
