/**
 * Changelogs (`POST /rest/api/3/changelog/bulkfetch`, filtered to the fields the rules replay) turned into the core's
 * history facts: due-date moves and status-category changes for deliverables (the committed due date), and who added
 * each label for ideas (bypass approvers). Status items carry status ids; they are mapped to categories with the
 * site's statuses.
 */
import { isCalendarDate, parseJiraDateTime, type CalendarDate } from '../core/dates';
import type { IssueFact, IssueHistory, LabelAdder, StatusCategory } from '../core/facts';
import type { JiraClient } from './client';
import { bulkFetchChangelogs, type ChangeHistory, type ChangeItem } from './endpoints';
import { statusCategoriesFor } from './siteNames';

/** Issues per request (the endpoint's limit) and change histories per page. */
const ISSUES_PER_REQUEST = 1000;
const HISTORIES_PER_PAGE = 1000;

/**
 * The change histories of `issueIds` touching `fieldIds`, oldest first per issue. Issues Jira leaves out (no
 * matching change, or not browsable) have none.
 */
export async function fetchChangelogs(
  client: JiraClient,
  issueIds: readonly string[],
  fieldIds: string[],
): Promise<Map<string, ChangeHistory[]>> {
  const out = new Map<string, ChangeHistory[]>();
  for (let i = 0; i < issueIds.length; i += ISSUES_PER_REQUEST) {
    const batch = issueIds.slice(i, i + ISSUES_PER_REQUEST);
    let nextPageToken: string | undefined;
    const tokens = new Set<string>();
    for (;;) {
      const page = await bulkFetchChangelogs(client, {
        issueIdsOrKeys: batch,
        fieldIds,
        maxResults: HISTORIES_PER_PAGE,
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      for (const log of page.issueChangeLogs) {
        const list = out.get(log.issueId) ?? [];
        list.push(...log.changeHistories);
        out.set(log.issueId, list);
      }
      const token = page.nextPageToken ?? undefined;
      if (!token || tokens.has(token)) break;
      tokens.add(token);
      nextPageToken = token;
    }
  }
  for (const list of out.values()) list.sort((a, b) => instant(a) - instant(b));
  return out;
}

function instant(h: ChangeHistory): number {
  return parseJiraDateTime(h.created) ?? 0;
}

function isField(item: ChangeItem, id: string): boolean {
  return item.fieldId === id || item.field?.toLowerCase() === id;
}

/**
 * The status ids that the changelogs' status items name, from and to.
 * @example changelogStatusIds([[{ created: '…', items: [{ fieldId: 'status', from: '1', to: '3' }] }]]) // Set {'1', '3'}
 */
export function changelogStatusIds(logs: Iterable<readonly ChangeHistory[]>): Set<string> {
  const ids = new Set<string>();
  for (const histories of logs)
    for (const h of histories)
      for (const item of h.items)
        if (isField(item, 'status'))
          for (const id of [item.from, item.to]) if (id != null && id !== '') ids.add(String(id));
  return ids;
}

/** The histories with only their items of `field` (Jira may return a whole history that touched it). */
function onlyField(logs: Map<string, ChangeHistory[]>, field: string): Map<string, ChangeHistory[]> {
  const out = new Map<string, ChangeHistory[]>();
  for (const [id, hs] of logs)
    out.set(
      id,
      hs.map((h) => ({ ...h, items: h.items.filter((i) => isField(i, field)) })),
    );
  return out;
}

/**
 * The due-date and status histories of deliverables (committed due dates), keyed by issue id, and the status
 * categories known after their replay (`known`, plus any asked for). Read in two steps, since Jira charges a point for
 * each change history it returns: first every deliverable's `duedate` changes, then the `status` changes of only those
 * whose due date ever changed. A due date that never changed is the same at the end of every day, so its committed
 * due date is the current one whatever the status history says (docs/metrics.md "Committed due date"): its status
 * changes would cost points and change nothing. One whose stored history shows a moved due date (a re-read after an
 * event) is read in one request with both fields.
 * @example (await fetchDueHistories(client, facts, seen)).histories.get('10042') // { dueChanges: […], statusChanges: […] }
 */
export async function fetchDueHistories(
  client: JiraClient,
  deliverables: readonly Pick<IssueFact, 'id' | 'key' | 'history'>[],
  known: ReadonlyMap<string, StatusCategory>,
): Promise<{ histories: Map<string, IssueHistory>; categories: Map<string, StatusCategory> }> {
  const ref = (f: Pick<IssueFact, 'id' | 'key'>) => f.id || f.key;
  const logOf = (logs: Map<string, ChangeHistory[]>, f: Pick<IssueFact, 'id' | 'key'>) =>
    logs.get(f.id) ?? logs.get(f.key) ?? [];
  // A deliverable whose due date is known to have moved (its stored history says so) is read in one step.
  const movedBefore: Pick<IssueFact, 'id' | 'key' | 'history'>[] = [];
  const rest: Pick<IssueFact, 'id' | 'key' | 'history'>[] = [];
  for (const f of deliverables) ((f.history?.dueChanges.length ?? 0) > 0 ? movedBefore : rest).push(f);
  const none = new Map<string, ChangeHistory[]>();
  const [both, dues] = await Promise.all([
    movedBefore.length ? fetchChangelogs(client, movedBefore.map(ref), ['duedate', 'status']) : none,
    rest.length ? fetchChangelogs(client, rest.map(ref), ['duedate']) : none,
  ]);
  const dueItems = onlyField(dues, 'duedate');
  const moved = rest.filter((f) => logOf(dueItems, f).some((h) => h.items.length > 0));
  const statuses = moved.length ? await fetchChangelogs(client, moved.map(ref), ['status']) : none;
  const statusItems = onlyField(statuses, 'status');
  const categories = await statusCategoriesFor(
    client,
    changelogStatusIds([...both.values(), ...statusItems.values()]),
    known,
  );
  const histories = new Map<string, IssueHistory>();
  for (const f of movedBefore) histories.set(ref(f), toHistory(logOf(both, f), categories));
  for (const f of rest) {
    const merged = [...logOf(dueItems, f), ...logOf(statusItems, f)].sort((a, b) => instant(a) - instant(b));
    histories.set(ref(f), toHistory(merged, categories));
  }
  return { histories, categories };
}

/**
 * A changelog due date: `from`/`to` hold `YYYY-MM-DD` (the strings may add a time).
 * @example changelogDueDate('2026-05-01', '2026-05-01 00:00:00.0') // '2026-05-01'
 */
export function changelogDueDate(
  raw: string | null | undefined,
  text: string | null | undefined,
): CalendarDate | null {
  for (const v of [raw, text]) {
    const day = v?.trim().slice(0, 10);
    if (day && isCalendarDate(day)) return day;
  }
  return null;
}

/**
 * A deliverable's `duedate` and `status` history, oldest first, with status ids mapped to categories (an id the
 * site does not list reads as 'unknown').
 */
export function toHistory(
  histories: readonly ChangeHistory[],
  categories: ReadonlyMap<string, StatusCategory>,
): IssueHistory {
  const history: IssueHistory = { dueChanges: [], statusChanges: [] };
  const category = (id: string | null | undefined): StatusCategory =>
    (id != null ? categories.get(String(id)) : undefined) ?? 'unknown';
  for (const h of histories) {
    const at = parseJiraDateTime(h.created);
    if (at === null) continue;
    for (const item of h.items) {
      if (isField(item, 'duedate')) {
        history.dueChanges.push({
          at,
          from: changelogDueDate(item.from, item.fromString),
          to: changelogDueDate(item.to, item.toString),
        });
      } else if (isField(item, 'status')) {
        const fromCategory = category(item.from);
        const toCategory = category(item.to);
        if (fromCategory !== toCategory) history.statusChanges.push({ at, fromCategory, toCategory });
      }
    }
  }
  return history;
}

function labelsOf(text: string | null | undefined): Set<string> {
  return new Set(
    (text ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((l) => l.toLowerCase()),
  );
}

/**
 * For each of the issue's current labels, the last change history that added it (a `labels` item whose `toString`
 * has it and whose `fromString` does not). A label with no such entry was there at creation (the core then reads the
 * creator).
 */
export function labelAdders(
  fact: Pick<IssueFact, 'labels'>,
  histories: readonly ChangeHistory[],
): LabelAdder[] {
  const out: LabelAdder[] = [];
  for (const label of fact.labels) {
    const key = label.toLowerCase();
    let found: LabelAdder | null = null;
    for (const h of histories) {
      for (const item of h.items) {
        if (!isField(item, 'labels')) continue;
        if (labelsOf(item.toString).has(key) && !labelsOf(item.fromString).has(key)) {
          found = {
            label,
            accountId: h.author?.accountId ?? null,
            displayName: h.author?.displayName ?? null,
            at: parseJiraDateTime(h.created),
          };
        }
      }
    }
    if (found) out.push(found);
  }
  return out;
}
