/**
 * Recomputing a project's gate after issue events without reading the project again.
 *
 * A full computation reads every issue that can affect the report and its 12-month trend (about 3,000 issues, as many
 * Jira points, for a busy project) and keeps their facts in KVS (`storedFacts.ts`). Each issue event leaves a change
 * record. The debounced recompute then re-reads only the changed issues (`POST /issue/bulkfetch`, one point a request
 * plus one an issue: ~2 points for one event), puts their new facts in place of the old and computes the report, the
 * evidence and the trend from the stored facts with the same rules.
 *
 * Every recompute but a settings save uses it (issue events, the hourly schedule, a retry, a viewer's Refresh). A full
 * read fetches a week ahead (`bounds.asOf` = today + 7), so a new day within the facts' `validUntil` is computed from
 * them with no Jira request. Events can be missed: a sweep (`updated >= -Nm`, bounded by the sources' projects and
 * type ids, never by an extra clause, which is then asked of Jira per changed issue) finds what changed since the last
 * sync — the schedule every {@link SWEEP_EVERY_HOURS} hours, a Refresh and a retry each time. It falls back to a full
 * read (at most one an hour per gate, `claimFullRead`) when the stored facts cannot answer: none stored, another
 * configuration, a day past `validUntil` (the weekly reconciliation, spread by project), too many changes,
 * `issueErrors`, or any failure. Not found by a sweep: an issue deleted or retyped out of the counted types whose event
 * was missed (the weekly full read heals it).
 * A change record is only deleted once facts including it are stored, so a crash re-reads it, never loses it.
 */
import { gateFromFacts } from '../app/projectGate';
import type { Config } from '../core/config';
import { calendarDateOf, parseJiraDateTime, todayIn } from '../core/dates';
import { z } from 'zod';
import type { GateFacts, IssueFact, StatusCategory } from '../core/facts';
import type { GateSources } from '../core/sources';
import { readBypassApprovals } from '../jira/bypass';
import { changelogDueDate, fetchDueHistories } from '../jira/changelog';
import type { JiraClient, RawIssue } from '../jira/client';
import { bulkFetchIssues, getProject } from '../jira/endpoints';
import { changedSinceJql, matchingIdsJql } from '../jira/jql';
import { SWEEP_EVERY_HOURS, SWEEP_MARGIN_MS } from './freshness';
import { DataWarnings, FIELDS, issueStatus, statusCategoryOf, toFact } from '../jira/facts';
import { IssueProblems, type FactKind } from '../jira/gateData';
import type { Snapshot } from './contract';
import { storeOrRecord, StoreFailedError, waitingLockedIdeas, type ComputeOutcome } from './gate';
import { describeFailure, jiraClient, type Budget } from './jira';
import { governedIdeas } from './projects';
import { StorageBusyError, withLease } from './storage';
import {
  canonicalConfig,
  deleteChanges,
  FACT_KINDS,
  forgetFacts,
  extraClauseOf,
  listChanges,
  MAX_CHANGE_RECORDS,
  readFacts,
  readFactsHeader,
  recordChange,
  writeFacts,
  type ChangeRecord,
  type EventPayload,
  type StoredFacts,
  type StoredIssue,
} from './storedFacts';

/** `POST /rest/api/3/issue/bulkfetch` takes at most 100 issues. */
const BULK = 100;
/** A sweep leaves out at most this many issues already known (the JQL stays short); the others are read again. */
const MAX_SWEEP_EXCLUSIONS = 100;

/**
 * Every field any kind of fact reads, the project (an issue may have moved away) and `updated` (what the facts then
 * hold is known as of that instant: see {@link StoredFacts.known}).
 */
const REREAD_FIELDS = [
  ...new Set([...FIELDS.incidents, ...FIELDS.deliverables, ...FIELDS.budget, ...FIELDS.ideas, 'updated']),
];

// ---------------------------------------------------------------------------------------------------------------
// On an issue event

export interface ChangelogItem {
  field?: string;
  fieldId?: string;
  from?: unknown;
  fromString?: unknown;
}

const fieldOf = (i: ChangelogItem) => (i.fieldId ?? i.field ?? '').toLowerCase();

/**
 * True when the change may take the issue out of a kind the gate counts even though its new type is not counted: its
 * type changed from one that `counts` (or an unnamed one), or it moved to another project.
 */
export function changesMembership(
  items: readonly ChangelogItem[] | undefined,
  counts: (old: { id?: string; name?: string }) => boolean,
): boolean {
  return (items ?? []).some((i) =>
    fieldOf(i) === 'issuetype'
      ? counts({
          ...(typeof i.from === 'string' ? { id: i.from } : {}),
          ...(typeof i.fromString === 'string' ? { name: i.fromString } : {}),
        })
      : fieldOf(i) === 'project' || fieldOf(i) === 'key',
  );
}

/**
 * Notes an event on `issue` of `project` for the next recompute. An issue moved from another project (its old key in
 * the changelog) also makes that project's stored facts unusable, so its next recompute reads everything again.
 */
export async function noteIssueChange(
  project: string,
  issue: string,
  items: readonly ChangelogItem[] | undefined,
  now: number,
  /** What the event says of the issue ({@link eventPayloadOf}): applied without reading Jira where it suffices. */
  payload?: EventPayload,
): Promise<void> {
  try {
    await recordChange(project, issue, now, payload);
  } catch {
    await forgetFacts(project); // unrecorded, the change would be missed: the next recompute reads everything
  }
  const oldKey = (items ?? []).find((i) => fieldOf(i) === 'key')?.fromString;
  const oldProject = typeof oldKey === 'string' ? /^([A-Z][A-Z0-9_]*)-\d+$/.exec(oldKey)?.[1] : undefined;
  if (oldProject && oldProject !== project) await forgetFacts(oldProject);
}

// ---------------------------------------------------------------------------------------------------------------
// An event's payload, applied without reading Jira

/**
 * Changelog fields (ids and names, lower case) that a fact reads, directly or through what Jira derives from them
 * (the resolution date, the status category's change date, time tracking summed over sub-tasks, what the app may see).
 * A change of any other field (assignee, description, sprint, rank, a custom field…) changes no fact.
 */
const FACT_FIELDS = new Set([
  'project',
  'key',
  'issuetype',
  'issue type',
  'resolution',
  'resolutiondate',
  'priority',
  'labels',
  'status',
  'statuscategorychangedate',
  'duedate',
  'due date',
  'summary',
  'creator',
  'reporter', // the creator is not always in the changelog; a reporter change is rare and read to be safe
  'timeoriginalestimate',
  'timeestimate',
  'timespent',
  'timetracking',
  'time spent',
  'original estimate',
  'remaining estimate',
  'worklogid',
  'worklogtimespent',
  'parent',
  'parent link',
  'issueparentassociation',
  'workflow',
  'security',
  'level',
]);

const Type = z
  .object({ id: z.coerce.string(), name: z.string().optional() })
  .passthrough()
  .nullish()
  .catch(undefined);
const RawEvent = z.object({
  eventType: z.string(),
  issue: z.object({
    fields: z
      .object({
        project: z.object({ key: z.string() }).passthrough().nullish().catch(undefined),
        issuetype: Type,
        issueType: Type,
        status: z
          .object({
            id: z.coerce.string().optional(),
            name: z.string(),
            statusCategory: z.object({ key: z.string() }).passthrough(),
          })
          .passthrough()
          .nullish()
          .catch(undefined),
        created: z.string().nullish().catch(undefined),
        updated: z.string().nullish().catch(undefined),
        summary: z.string().nullish().catch(undefined),
      })
      .passthrough()
      .optional(),
  }),
  changelog: z
    .object({
      // Read by own properties only (an item's `toString` must never be Object.prototype's).
      items: z.array(z.record(z.string(), z.unknown())).optional(),
    })
    .passthrough()
    .nullish(),
});

/** An item's own property as a changelog value: absent (unknown), null (empty) or text. */
function own(item: Record<string, unknown>, name: string): string | null | undefined {
  if (!Object.prototype.hasOwnProperty.call(item, name)) return undefined;
  const v = item[name];
  return v === null || v === undefined ? null : typeof v === 'object' ? undefined : String(v);
}

const itemNames = (i: Record<string, unknown>) =>
  [own(i, 'fieldId'), own(i, 'field')].flatMap((n) => (n ? [n.toLowerCase()] : []));

/**
 * What a Forge issue event (`avi:jira:*:issue`) says of the issue, for its change record: the fields facts read
 * (project, type, status and its category, created, updated, summary) and the changelog's items — with their values
 * only for the fields facts read. Undefined when the event is not in the expected shape (the issue is then read).
 */
export function eventPayloadOf(raw: unknown): EventPayload | undefined {
  const parsed = RawEvent.safeParse(raw);
  if (!parsed.success) return undefined;
  const { eventType, issue, changelog } = parsed.data;
  const f = issue.fields ?? {};
  // Forge spells it `issuetype` in its examples and `issueType` in its type reference: either, with an id.
  const type = f.issuetype ?? f.issueType ?? undefined;
  const instant = (v: string | null | undefined) => (typeof v === 'string' ? parseJiraDateTime(v) : null);
  const updated = instant(f.updated);
  const created = instant(f.created);
  return {
    eventType,
    ...(updated !== null ? { updated } : {}),
    fields: {
      ...(f.project ? { project: { key: f.project.key } } : {}),
      ...(type ? { issuetype: { id: type.id, ...(type.name ? { name: type.name } : {}) } } : {}),
      ...(f.status
        ? {
            status: {
              ...(f.status.id ? { id: f.status.id } : {}),
              name: f.status.name,
              category: f.status.statusCategory.key,
            },
          }
        : {}),
      ...(created !== null ? { created } : {}),
      ...(typeof f.summary === 'string' ? { summary: f.summary } : {}),
    },
    ...(changelog?.items
      ? {
          items: changelog.items.flatMap((i) => {
            const names = itemNames(i);
            if (names.length === 0) return [];
            const field = names[0]!;
            if (!names.some((n) => FACT_FIELDS.has(n))) return [{ field }];
            const [from, to, fromText, toText] = ['from', 'to', 'fromString', 'toString'].map((n) =>
              own(i, n),
            );
            return [
              {
                field: names.find((n) => FACT_FIELDS.has(n))!,
                ...(from !== undefined ? { from } : {}),
                ...(to !== undefined ? { to } : {}),
                ...(fromText !== undefined ? { fromText } : {}),
                ...(toText !== undefined ? { toText } : {}),
              },
            ];
          }),
        }
      : {}),
  };
}

const UPDATED = 'avi:jira:updated:issue';
const DELETED = 'avi:jira:deleted:issue';

/** Labels as a changelog writes them: space-separated (Jira labels hold no spaces), null or '' for none. */
const labelList = (text: string | null | undefined) => (text ? text.split(' ').filter(Boolean) : []);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/**
 * `h` with a payload's due-date item added at `at`, and the due date after it; null when it cannot be placed: no
 * earlier due-date change stored (the status history was then never read), a value missing or unreadable, or an old
 * value other than the due date held (a change was missed).
 */
function withDueChange(
  h: NonNullable<IssueFact['history']>,
  item: NonNullable<EventPayload['items']>[number],
  held: IssueFact['dueDate'],
  at: number,
): { history: NonNullable<IssueFact['history']>; due: IssueFact['dueDate'] } | null {
  if (h.dueChanges.length === 0 || item.to === undefined || item.from === undefined) return null;
  const from = changelogDueDate(item.from, item.fromText);
  const to = changelogDueDate(item.to, item.toText);
  if (from !== held || (item.to !== null && to === null)) return null;
  return { history: { ...h, dueChanges: [...h.dueChanges, { at, from, to }] }, due: to };
}

/** `h` with a change of status category added at `at` — kept only where due dates moved (the two-step read). */
function withStatusChange(
  h: NonNullable<IssueFact['history']>,
  from: StatusCategory,
  to: StatusCategory,
  at: number,
): NonNullable<IssueFact['history']> {
  if (h.dueChanges.length === 0 || to === from) return h;
  return { ...h, statusChanges: [...h.statusChanges, { at, fromCategory: from, toCategory: to }] };
}

/** The instant of a history's last change (−∞ for none): a change applied from a payload must come after it. */
function after(h: NonNullable<IssueFact['history']>): number {
  return Math.max(-Infinity, ...h.dueChanges.map((c) => c.at), ...h.statusChanges.map((c) => c.at));
}

/**
 * One fact after one event, from the payload alone; null when the payload does not say enough (the issue is then
 * read). A deliverable's due-date move, or its move between To Do and In Progress, is added to its stored history
 * when that history holds its due-date changes (else its status history was never read). Whatever is not certain is
 * read: a resolution set (its date is not in the payload), a status category entered without a resolution (its change
 * date), a deliverable's first due-date change or its entering or leaving Done, an idea's labels (who added them), a
 * type or project change, time tracking, and any item whose old value is not what the fact holds (an event was missed
 * or came out of order).
 */
function applyPayloadToFact(
  kind: FactKind,
  fact: IssueFact,
  p: EventPayload & { updated: number },
  timeZone: string,
): IssueFact | null {
  const status = p.fields.status;
  if (!status || !p.fields.project || !p.fields.issuetype) return null;
  if (p.fields.created !== undefined && p.fields.created !== fact.created) return null;
  if (p.fields.project.key !== fact.project || p.fields.issuetype.id !== fact.typeId) return null;
  const next: IssueFact = { ...fact, labels: [...fact.labels] };
  let statusChanged = false;
  let resolutionCleared = false;
  for (const item of p.items ?? []) {
    const field = item.field;
    if (!FACT_FIELDS.has(field)) continue;
    switch (field) {
      case 'priority':
        if (kind !== 'incidents') break;
        if (item.to === undefined || item.toText === undefined) return null;
        if ((item.from ?? null) !== fact.priorityId && (item.fromText ?? null) !== fact.priority) return null;
        next.priority = item.toText ?? null;
        next.priorityId = next.priority === null ? null : (item.to ?? null);
        break;
      case 'labels':
        if (kind === 'deliverables') break;
        if (kind === 'ideas' || item.toText === undefined || item.fromText === undefined) return null;
        if (!sameSet(labelList(item.fromText), fact.labels)) return null;
        next.labels = labelList(item.toText);
        break;
      case 'duedate':
      case 'due date': {
        if (kind !== 'deliverables') break;
        // The committed due date replays the due-date history: the change is added to the stored one. A deliverable
        // whose due date had never moved has no status history stored (it did not matter): it is read.
        const h = next.history;
        if (!h || after(h) > p.updated) return null;
        const moved = withDueChange(h, item, next.dueDate, p.updated);
        if (!moved) return null;
        next.history = moved.history;
        next.dueDate = moved.due;
        break;
      }
      case 'status':
        if (item.to !== undefined && status.id !== undefined && item.to !== status.id) return null;
        if (kind === 'deliverables') {
          // A move between To Do and In Progress statuses (the commitment day) is added to the stored history;
          // entering or leaving Done (a resolution, a done-without-resolution date) is read.
          const h = next.history;
          const to = statusCategoryOf(status.category);
          if (!h || statusChanged || item.fromText === undefined || item.fromText !== fact.status)
            return null;
          if (to === 'unknown' || to === 'done' || fact.statusCategory === 'done') return null;
          if (after(h) > p.updated) return null;
          next.history = withStatusChange(h, fact.statusCategory, to, p.updated);
        }
        statusChanged = true;
        break;
      case 'resolution':
        if (item.to === undefined || item.to !== null) return null; // set: its date is not in the payload
        if ((item.from ?? null) !== fact.resolutionId && (item.fromText ?? null) !== fact.resolution)
          return null;
        next.resolution = null;
        next.resolutionId = null;
        resolutionCleared = true;
        break;
      case 'summary':
        if (kind !== 'ideas') break;
        if (p.fields.summary === undefined) return null;
        next.summary = p.fields.summary;
        break;
      default:
        return null;
    }
  }
  // The status the payload gives must be the fact's unless the changelog says it changed (else a change was missed).
  if (!statusChanged && status.name !== fact.status) return null;
  const category = statusCategoryOf(status.category);
  if (category === 'unknown') return null;
  next.status = status.name;
  next.statusCategory = category;
  if (next.resolution === null) {
    if (
      !resolutionCleared &&
      (fact.resolution !== null || (fact.resolved !== null && !fact.doneWithoutResolution))
    )
      return null;
    if (category !== 'done') {
      next.resolved = null;
      next.doneWithoutResolution = false;
    } else if (!(fact.statusCategory === 'done' && fact.doneWithoutResolution && !resolutionCleared)) {
      return null; // resolved when it entered Done: that instant is not in the payload
    }
  } else if (fact.resolved === null) return null;
  next.resolvedDay = next.resolved === null ? null : calendarDateOf(next.resolved, timeZone);
  if (p.fields.issuetype.name) next.type = p.fields.issuetype.name;
  return next;
}

/** What the events recorded for one issue make of its stored facts, without reading Jira. */
type PayloadOutcome =
  | { kind: 'applied'; entries: Partial<Record<FactKind, StoredIssue>>; id: string; updated: number }
  | { kind: 'deleted' }
  /** Not held, and still not of the facts. */
  | { kind: 'unchanged' }
  | { kind: 'read' };

/** Applies the payloads of one issue's events (oldest first by `updated`) to its stored facts, or says to read it. */
export function applyPayloads(
  stored: StoredFacts,
  key: string,
  payloads: readonly (EventPayload | undefined)[],
  config: Config,
): PayloadOutcome {
  if (payloads.some((p) => p?.eventType === DELETED)) return { kind: 'deleted' };
  const events: (EventPayload & { updated: number })[] = [];
  for (const p of payloads) {
    if (!p || p.eventType !== UPDATED || p.updated === undefined) return { kind: 'read' };
    events.push({ ...p, updated: p.updated });
  }
  events.sort((a, b) => a.updated - b.updated);
  if (events.some((p, i) => i > 0 && p.updated === events[i - 1]!.updated)) return { kind: 'read' };
  const held = FACT_KINDS.flatMap((kind) => {
    const entry = stored.issues[kind].find((s) => s.key === key);
    return entry ? [{ kind, entry }] : [];
  });
  if (held.length === 0) {
    // Not held: the full read's query left it out, and a change of no field a fact (or that query) reads cannot bring
    // it in. Any other change may (an old incident made major again): only a read can tell.
    const factChange = events.some((p) => !p.items || p.items.some((i) => FACT_FIELDS.has(i.field)));
    return factChange ? { kind: 'read' } : { kind: 'unchanged' };
  }
  const entries: Partial<Record<FactKind, StoredIssue>> = {};
  let id = '';
  for (const { kind, entry } of held) {
    if (!entry.fact || entry.problems.length > 0 || extraClauseOf(config, kind)) return { kind: 'read' };
    let fact: IssueFact | null = entry.fact;
    for (const p of events) {
      const kinds = kindsOf(stored.sources, p.fields.project?.key, p.fields.issuetype?.id);
      if (kinds.length !== held.length || !held.every((h) => kinds.includes(h.kind))) return { kind: 'read' };
      fact = applyPayloadToFact(kind, fact, p, config.timeZone);
      if (!fact) return { kind: 'read' };
    }
    entries[kind] = { key, fact, problems: [] };
    id = fact.id;
  }
  return { kind: 'applied', entries, id, updated: events[events.length - 1]!.updated };
}

// ---------------------------------------------------------------------------------------------------------------
// The incremental recompute

/** `OPS-12` → ['OPS', 12]. */
function keyParts(key: string): [string, number] {
  const dash = key.lastIndexOf('-');
  return [key.slice(0, dash), Number(key.slice(dash + 1))];
}

/**
 * The full read's order, `ORDER BY created ASC` — ties on the issue key, last first, as Jira ends every order; issues
 * without facts last.
 */
function fullReadOrder(a: StoredIssue, b: StoredIssue): number {
  const byCreated = (a.fact?.created ?? Infinity) - (b.fact?.created ?? Infinity);
  if (byCreated !== 0 && !Number.isNaN(byCreated)) return byCreated;
  const [pa, na] = keyParts(a.key);
  const [pb, nb] = keyParts(b.key);
  return pa !== pb ? (pa < pb ? 1 : -1) : nb - na;
}

/** Puts `issue` among issues in the full read's order. */
function insertInOrder(list: StoredIssue[], issue: StoredIssue): void {
  const at = list.findIndex((s) => fullReadOrder(s, issue) > 0);
  if (at < 0) list.push(issue);
  else list.splice(at, 0, issue);
}

/** Which kinds an issue counts as, by the gate's resolved sources: its type id and its project. */
function kindsOf(sources: GateSources, project: string | undefined, typeId: string | undefined): FactKind[] {
  const kinds: FactKind[] = [];
  const has = (list: { id: string }[]) => typeId !== undefined && list.some((t) => t.id === typeId);
  const from = (projects: string[]) => project !== undefined && projects.includes(project);
  if (from(sources.incidents.projects) && has(sources.incidents.types)) kinds.push('incidents');
  if (from(sources.deliverables.projects) && has(sources.deliverables.types)) kinds.push('deliverables');
  if (from(sources.ideas.projects) && has(sources.ideas.types)) kinds.push('ideas');
  return kinds;
}

/** The stored facts with every changed issue replaced by what Jira says of it now (or dropped). */
export function applyChanges(
  stored: StoredFacts,
  requested: readonly string[],
  fresh: readonly RawIssue[],
  config: Config,
  /** For a kind narrowed by an extra JQL clause: the ids of the fresh issues that match it (the others leave). */
  members: Partial<Record<FactKind, ReadonlySet<string>>> = {},
): StoredFacts {
  const gone = new Set([...requested, ...fresh.map((r) => r.key)]);
  const issues = Object.fromEntries(
    FACT_KINDS.map((kind) => [kind, stored.issues[kind].filter((s) => !gone.has(s.key))]),
  ) as Record<FactKind, StoredIssue[]>;
  for (const raw of fresh) {
    const fields = raw.fields as { project?: { key?: unknown }; issuetype?: { id?: unknown } };
    const project = typeof fields.project?.key === 'string' ? fields.project.key : undefined;
    const typeId = fields.issuetype?.id == null ? undefined : String(fields.issuetype.id as string | number);
    for (const kind of kindsOf(stored.sources, project, typeId)) {
      if (members[kind] && !members[kind].has(raw.id)) continue;
      const problems = new IssueProblems(new DataWarnings());
      const fact = toFact(raw, config.timeZone, problems);
      insertInOrder(issues[kind], { key: raw.key, fact, problems: problems.byIssue.get(raw.key) ?? [] });
    }
  }
  return { ...stored, issues };
}

/** The facts the calculators read, with the data-quality warnings worded as a full read words them. */
export function gateFactsOf(stored: StoredFacts): GateFacts {
  const warnings = new DataWarnings();
  const facts = {} as Record<FactKind, IssueFact[]>;
  for (const kind of FACT_KINDS) {
    facts[kind] = [];
    for (const s of stored.issues[kind]) {
      for (const p of s.problems) warnings.add(p, s.key);
      if (s.fact) facts[kind].push(s.fact);
    }
  }
  return {
    ...facts,
    dataWarnings: [...stored.notes, ...warnings.list()],
    firstIncidentDay: earliest(stored.firstIncidentDay, facts.incidents),
  };
}

/** The earlier of the stored first incident day and the incidents now held (a new incident never makes it later). */
function earliest(day: string | null, incidents: readonly IssueFact[]): string | null {
  let first = day;
  for (const i of incidents) if (first === null || i.createdDay < first) first = i.createdDay;
  return first;
}

async function reread(client: JiraClient, keys: readonly string[]): Promise<RawIssue[]> {
  const batches: string[][] = [];
  for (let i = 0; i < keys.length; i += BULK) batches.push(keys.slice(i, i + BULK));
  const pages = await Promise.all(
    batches.map((batch) => bulkFetchIssues(client, { issueIdsOrKeys: batch, fields: REREAD_FIELDS })),
  );
  // Issues Jira could not give right now (`issueErrors` with an id it knows) make the stored facts doubtful: the
  // caller reads in full. A deleted issue, or one the app may no longer see, is simply absent: its facts are dropped.
  const doubtful = pages.flatMap((p) => p.issueErrors).filter((e) => e.id !== undefined);
  if (doubtful.length) throw new Error(`Jira could not return ${doubtful.length} changed issues right now`);
  return pages.flatMap((p) => p.issues.map((i) => ({ id: i.id, key: i.key, fields: i.fields ?? {} })));
}

/**
 * A re-read deliverable's history without reading its changelog again: the stored history with the status and
 * due-date items of the events recorded since, when they are all of its changes — every record has a payload with
 * its items, the issue as read now was last updated by the newest of them, each old value is what was held. Null
 * otherwise (the changelog is read). A first due-date change needs the status history the stored facts lack.
 */
export function historyFromPayloads(
  stored: IssueFact,
  payloads: readonly (EventPayload | undefined)[],
  freshUpdated: number | null,
): NonNullable<IssueFact['history']> | null {
  let h = stored.history;
  if (!h || payloads.length === 0) return null;
  const events: (EventPayload & { updated: number })[] = [];
  for (const p of payloads) {
    if (!p || p.eventType !== UPDATED || p.updated === undefined || !p.items || !p.fields.status) return null;
    events.push({ ...p, updated: p.updated });
  }
  events.sort((a, b) => a.updated - b.updated);
  if (events.some((p, i) => i > 0 && p.updated === events[i - 1]!.updated)) return null;
  if (freshUpdated === null || freshUpdated !== events[events.length - 1]!.updated) return null;
  let category = stored.statusCategory;
  let status = stored.status;
  let due = stored.dueDate;
  for (const p of events) {
    if (p.updated <= after(h)) return null;
    const next = statusCategoryOf(p.fields.status!.category);
    for (const item of p.items!) {
      if (item.field === 'duedate' || item.field === 'due date') {
        const moved = withDueChange(h, item, due, p.updated);
        if (!moved) return null;
        h = moved.history;
        due = moved.due;
      } else if (item.field === 'status') {
        if (item.fromText === undefined || item.fromText !== status || next === 'unknown') return null;
        if (item.to !== undefined && p.fields.status!.id !== undefined && item.to !== p.fields.status!.id)
          return null;
        h = withStatusChange(h, category, next, p.updated);
        category = next;
        status = p.fields.status!.name;
      }
    }
    if (p.fields.status!.name !== status) return null; // a status change without its item: one was missed
  }
  return h;
}

/**
 * The changelog-derived facts of the changed issues (committed due dates; who added bypass labels), and the status
 * categories known after their replay (the stored ones, the statuses of the issues just read, any asked for).
 */
async function rereadHistories(
  client: JiraClient,
  facts: StoredFacts,
  changed: ReadonlySet<string>,
  fresh: readonly RawIssue[],
  /** The stored facts before these changes. */
  previous: StoredFacts,
  config: Config,
  /** Deliverables whose history the events' payloads give ({@link historyFromPayloads}): not read again. */
  known: ReadonlyMap<string, NonNullable<IssueFact['history']>> = new Map(),
): Promise<Pick<StoredFacts, 'approvers' | 'statusCategories'>> {
  const approvers = new Set(facts.approvers);
  let categories = new Map(Object.entries(facts.statusCategories));
  for (const issue of fresh) {
    const status = issueStatus(issue);
    if (status) categories.set(...status);
  }
  const deliverables = facts.issues.deliverables.flatMap((s) => {
    if (!s.fact || !changed.has(s.key)) return [];
    const history = known.get(s.key);
    if (!history) return [s.fact];
    s.fact.history = history;
    return [];
  });
  const ideas = facts.issues.ideas.flatMap((s) => (s.fact && changed.has(s.key) ? [s.fact] : []));
  const ref = (f: IssueFact) => f.id || f.key;
  if (deliverables.length) {
    // Status categories as known (stored, or on an issue just read); a status still unknown is asked for.
    // What the stored facts knew of each one's history tells whether its due date has moved before.
    const before = new Map(previous.issues.deliverables.map((s) => [s.key, s.fact?.history]));
    const read = await fetchDueHistories(
      client,
      deliverables.map((f) => ({ id: f.id, key: f.key, history: before.get(f.key) })),
      categories,
    );
    categories = read.categories;
    for (const f of deliverables) f.history = read.histories.get(ref(f));
  }
  if (ideas.length) {
    const projects = await Promise.all(
      [...new Set(ideas.map((i) => i.project))].map(async (key) => {
        const p = await getProject(client, key);
        return { id: p.id, key: p.key };
      }),
    );
    const isApprover = await readBypassApprovals(client, ideas, config, projects, []);
    for (const idea of ideas) {
      for (const a of [idea.creatorAccountId, ...(idea.labelAdders ?? []).map((x) => x.accountId)]) {
        if (a && isApprover(a, idea.project)) approvers.add(`${a}\u0000${idea.project}`);
      }
    }
  }
  return { approvers: [...approvers], statusCategories: Object.fromEntries(categories) };
}

export type IncrementalResult =
  | {
      done: true;
      outcome: ComputeOutcome & { ok: true };
      /** Issues read again from Jira (found by the sweep or fetched). */
      reread: number;
      /** Issues updated from their events' payloads alone (no Jira request). */
      applied: number;
      swept: boolean;
    }
  /**
   * `failed`: Jira or storage failed (not merely facts that cannot answer): a doubtful run. `storeFailed`: computed,
   * but storing it failed (recorded as lastError when possible; a full read would not help: retry instead).
   */
  | { done: false; why: string; failed?: boolean; storeFailed?: boolean };

/** The change records by issue. */
function byIssue(records: readonly ChangeRecord[]): Map<string, ChangeRecord[]> {
  const out = new Map<string, ChangeRecord[]>();
  for (const r of records) out.set(r.issue, [...(out.get(r.issue) ?? []), r]);
  return out;
}

/** Jira's `updated` of a read issue (epoch ms), or null. */
function updatedOf(issue: RawIssue): number | null {
  const v = (issue.fields as { updated?: unknown }).updated;
  return typeof v === 'string' ? parseJiraDateTime(v) : null;
}

/** The stored facts with the issues updated from their payloads put in place (same order: `created` is unchanged). */
function applyDirect(stored: StoredFacts, direct: ReadonlyMap<string, PayloadOutcome>): StoredFacts {
  if (direct.size === 0) return stored;
  const issues = Object.fromEntries(
    FACT_KINDS.map((kind) => [
      kind,
      stored.issues[kind].flatMap((s) => {
        const d = direct.get(s.key);
        if (!d) return [s];
        if (d.kind === 'deleted') return [];
        return d.kind === 'applied' && d.entries[kind] ? [d.entries[kind]] : [s];
      }),
    ]),
  ) as Record<FactKind, StoredIssue[]>;
  return { ...stored, issues };
}

/**
 * Finds the issues of the gate's sources updated since the last sync (less {@link SWEEP_MARGIN_MS}): one search,
 * about one point a page plus one an issue. Issue events can be missed; this heals them.
 */
async function sweep(client: JiraClient, facts: StoredFacts, now: number): Promise<RawIssue[]> {
  const { sources } = facts;
  const from = facts.syncedAt - SWEEP_MARGIN_MS;
  // Issues whose state is known as of an instant in the window are left out unless updated since (within the minute
  // after it: the relative period is in whole minutes, rounded so that the known state itself is left out).
  const known = Object.values(facts.known)
    .filter(([id, updated]) => id && updated >= from && updated <= now)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SWEEP_EXCLUSIONS)
    .map(([id, updated]) => ({ id, minutesAgo: Math.floor((now - updated) / 60_000) }));
  const jql = changedSinceJql(
    [sources.incidents, sources.deliverables, sources.ideas].map((s) => ({
      projects: s.projects,
      typeIds: s.types.map((t) => t.id),
    })),
    (now - from) / 60_000,
    known,
  );
  if (jql === null) return [];
  const found: RawIssue[] = [];
  await client.search(jql, REREAD_FIELDS, (page) => found.push(...page));
  return found;
}

/** For each kind narrowed by an extra clause, which of the fresh issues match it (asked of Jira, one search). */
async function extraMembers(
  client: JiraClient,
  config: Config,
  fresh: readonly RawIssue[],
): Promise<Partial<Record<FactKind, Set<string>>>> {
  const out: Partial<Record<FactKind, Set<string>>> = {};
  const ids = fresh.map((r) => r.id).filter((id) => /^\d+$/.test(id));
  for (const kind of FACT_KINDS) {
    const extra = extraClauseOf(config, kind);
    if (!extra) continue;
    const members = new Set<string>();
    for (let i = 0; i < ids.length; i += BULK) {
      await client.search(matchingIdsJql(ids.slice(i, i + BULK), extra), ['id'], (page) => {
        for (const r of page) members.add(r.id);
      });
    }
    out[kind] = members;
  }
  return out;
}

export interface IncrementalOptions {
  now: number;
  /** `homeId`: the id the gate's documents are stored under (default: `project`). */
  homeId?: string;
  /**
   * Also search for issues updated since the last sync (`updated >= …`): always (`true`), never (`false`), or when
   * the last sync is older than {@link SWEEP_EVERY_HOURS} (`'due'`, the default).
   */
  sweep?: boolean | 'due';
  /** With `sweep: 'due'`: sweep when the last sync is at least this old (default {@link SWEEP_EVERY_HOURS}). */
  sweepAfterMs?: number;
  /** The Jira client's retry budget (default: background) and deadline. */
  budget?: Budget;
  deadline?: number;
}

/**
 * Recomputes the project's gate from its stored facts — on a later day within their validity, with the issues
 * changed since (recorded by events, found by a sweep) read again — or says why it cannot (the caller then computes
 * in full: no facts, another configuration, a day past their validity, too many changes, an issue Jira could not
 * give, any failure).
 */
export async function recomputeFromStoredFacts(
  project: string,
  config: Config,
  options: IncrementalOptions,
): Promise<IncrementalResult> {
  const { now } = options;
  const asOf = todayIn(config.timeZone, now);
  try {
    const header = await readFactsHeader(project);
    if (!header) return { done: false, why: 'no stored facts' };
    if (header.config !== canonicalConfig(config)) return { done: false, why: 'the configuration changed' };
    const validUntil = header.validUntil ?? header.asOf;
    if (asOf < header.asOf) return { done: false, why: `the facts are for ${header.asOf}` };
    if (asOf > validUntil) return { done: false, why: `the facts are for ${header.asOf} to ${validUntil}` };
    const listed = await listChanges(project, MAX_CHANGE_RECORDS);
    const stored = header.counts.incidents + header.counts.deliverables + header.counts.ideas;
    if (!listed.complete) return { done: false, why: 'too many changes' };
    const base = await readFacts(project, header, config.timeZone);
    if (!base) return { done: false, why: 'the stored facts cannot be read' };
    // 1. What the events' payloads say, applied without reading Jira where they suffice; the rest is read.
    const known = { ...base.known };
    const direct = new Map<string, Extract<PayloadOutcome, { kind: 'applied' | 'deleted' }>>();
    const toRead = new Set<string>();
    const recordsOf = byIssue(listed.records);
    for (const [issue, records] of recordsOf) {
      const held = known[issue]?.[1];
      // Events no newer than what the facts hold of the issue are in them already (a sweep or a read got there first).
      const pending = records.filter(
        (r) =>
          !(
            held !== undefined &&
            r.payload?.eventType === UPDATED &&
            r.payload.updated !== undefined &&
            r.payload.updated <= held
          ),
      );
      if (pending.length === 0) continue;
      const outcome = applyPayloads(
        base,
        issue,
        pending.map((r) => r.payload),
        config,
      );
      if (outcome.kind === 'read') toRead.add(issue);
      else if (outcome.kind === 'unchanged') continue;
      else {
        direct.set(issue, outcome);
        if (outcome.kind === 'applied') known[issue] = [outcome.id, outcome.updated];
        else delete known[issue];
      }
    }
    const withDirect = applyDirect(base, direct);
    // A sweep when due — or when Jira must be read anyway: it returns the recorded issues too (at the same cost as
    // fetching them) and the schedule's next sweep is then not due.
    const swept =
      options.sweep === true ||
      ((options.sweep ?? 'due') === 'due' &&
        (toRead.size > 0 || now - base.syncedAt >= (options.sweepAfterMs ?? SWEEP_EVERY_HOURS * 3_600_000)));

    // 2. The sweep (issues updated since the last sync, less those known), then the recorded issues it did not return.
    const client = jiraClient('app', options.budget ?? 'background', options.deadline);
    const found = swept ? await sweep(client, { ...withDirect, known }, now) : [];
    // A recorded event newer than what the search returned (its index trailing): that issue is read itself.
    const newest = new Map<string, number>();
    for (const r of listed.records) {
      if (r.payload?.updated !== undefined)
        newest.set(r.issue, Math.max(newest.get(r.issue) ?? 0, r.payload.updated));
    }
    const current = found.filter((r) => !((updatedOf(r) ?? -Infinity) < (newest.get(r.key) ?? -Infinity)));
    const foundKeys = new Set(current.map((r) => r.key));
    for (const r of found)
      if (!foundKeys.has(r.key) && direct.get(r.key)?.kind !== 'applied') toRead.add(r.key);
    const read = [...new Set([...toRead, ...foundKeys])];
    const changed = [...new Set([...read, ...direct.keys()])];
    if (changed.length > Math.max(stored / 2, 50)) return { done: false, why: 'too many changes' };
    // Recorded issues the sweep did not return (deleted, moved, of another type now, or not indexed yet) are read.
    const rest = [...toRead].filter((k) => !foundKeys.has(k));
    const fresh = [...current, ...(rest.length ? await reread(client, rest) : [])];
    const applied = applyChanges(withDirect, read, fresh, config, await extraMembers(client, config, fresh));
    // Deliverables read for what their payloads could not say (a resolution date): their history from the payloads.
    const fromPayloads = new Map<string, NonNullable<IssueFact['history']>>();
    for (const r of fresh) {
      const held = base.issues.deliverables.find((x) => x.key === r.key)?.fact;
      const history =
        held && toRead.has(r.key) && !extraClauseOf(config, 'deliverables')
          ? historyFromPayloads(
              held,
              // Those no newer than what the facts held are in them already.
              (recordsOf.get(r.key) ?? [])
                .filter(
                  (x) =>
                    !(
                      x.payload?.updated !== undefined &&
                      x.payload.updated <= (base.known[r.key]?.[1] ?? -Infinity)
                    ),
                )
                .map((x) => x.payload),
              updatedOf(r),
            )
          : null;
      if (history) fromPayloads.set(r.key, history);
    }
    for (const k of read) delete known[k];
    for (const r of fresh) {
      const at = updatedOf(r);
      if (at !== null) known[r.key] = [r.id, at];
    }
    const syncedAt = swept ? now : base.syncedAt;
    const updated: StoredFacts = {
      ...applied,
      syncedAt,
      // Kept while within the next sweep's window.
      known: Object.fromEntries(
        Object.entries(known).filter(([, [, at]]) => at >= syncedAt - SWEEP_MARGIN_MS),
      ),
      ...(read.length
        ? await rereadHistories(client, applied, new Set(read), fresh, base, config, fromPayloads)
        : {}),
    };
    const facts = gateFactsOf(updated);
    const approved = new Set(updated.approvers);
    const isApprover = (a: string, p: string) => approved.has(`${a}\u0000${p}`);
    const gate = gateFromFacts(
      facts,
      updated.sources,
      config,
      { home: project, name: config.name ?? updated.homeName },
      { asOf, now, trend: true, isApprover },
    );
    const snapshot: Snapshot = {
      report: gate.report,
      trend: gate.trend ?? [],
      evidence: gate.evidence,
      computedAt: gate.report.computedAt,
    };
    // A store failure is recorded (lastError) and thrown: the change records stay for the retry.
    const result = await storeOrRecord(
      { id: options.homeId ?? project, key: project },
      snapshot,
      config,
      waitingLockedIdeas(await governedIdeas(project, facts.ideas), config, updated.sources, isApprover),
      now,
    );

    // Keep the updated facts unless a full read replaced (or forgot) the ones this started from. Nothing changed and
    // nothing swept, no record: the stored facts are still exactly these.
    if (changed.length || swept || listed.records.length) {
      const kept = await withLease(
        project,
        async (fence) => {
          const current = await readFactsHeader(project);
          if (current?.fetchedAt !== header.fetchedAt || current.updatedAt !== header.updatedAt) return false;
          if (await writeFacts(project, updated, now, current, fence)) return true;
          await forgetFacts(project);
          return false;
        },
        { waitMs: 2000 },
      ).catch(() => false);
      if (kept) await deleteChanges(listed.records.map((c) => c.id));
    }
    return {
      done: true,
      outcome: { ok: true, doc: result.doc, change: result.change, stored: result.stored },
      reread: read.length,
      applied: direct.size,
      swept,
    };
  } catch (err) {
    if (err instanceof StorageBusyError) throw err; // another run is storing this project: a full one would wait too
    if (err instanceof StoreFailedError)
      return { done: false, why: err.message, failed: true, storeFailed: true };
    return { done: false, why: describeFailure(err), failed: true };
  }
}
