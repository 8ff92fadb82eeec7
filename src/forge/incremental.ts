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
import { todayIn } from '../core/dates';
import type { GateFacts, IssueFact } from '../core/facts';
import type { GateSources } from '../core/sources';
import { readBypassApprovals } from '../jira/bypass';
import { fetchChangelogs, toHistory } from '../jira/changelog';
import type { JiraClient, RawIssue } from '../jira/client';
import { bulkFetchIssues, getProject } from '../jira/endpoints';
import { changedSinceJql, matchingIdsJql } from '../jira/jql';
import { SWEEP_EVERY_HOURS } from './freshness';
import { DataWarnings, FIELDS, toFact } from '../jira/facts';
import { IssueProblems, type FactKind } from '../jira/gateData';
import { statusCategories } from '../jira/siteNames';
import type { Snapshot } from './contract';
import { waitingLockedIdeas, type ComputeOutcome } from './gate';
import { describeFailure, jiraClient, type Budget } from './jira';
import { governedIdeas } from './projects';
import { storeSnapshot, StorageBusyError, withLease } from './storage';
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
  type StoredFacts,
  type StoredIssue,
} from './storedFacts';

/**
 * A sweep reads changes from this long before the last one (Jira's search index may trail a change, and the app's
 * clock Jira's): a change is read twice rather than never.
 */
export const SWEEP_MARGIN_MS = 15 * 60_000;
/** `POST /rest/api/3/issue/bulkfetch` takes at most 100 issues. */
const BULK = 100;

/** Every field any kind of fact reads, and the project (an issue may have moved away). */
const REREAD_FIELDS = [
  ...new Set([...FIELDS.incidents, ...FIELDS.deliverables, ...FIELDS.budget, ...FIELDS.ideas]),
];

// ---------------------------------------------------------------------------------------------------------------
// On an issue event

export interface ChangelogItem {
  field?: string;
  fieldId?: string;
  fromString?: unknown;
}

const fieldOf = (i: ChangelogItem) => (i.fieldId ?? i.field ?? '').toLowerCase();

/**
 * True when the change may take the issue out of a kind the gate counts even though its new type is not counted: its
 * type changed from one that `counts` (or an unnamed one), or it moved to another project.
 */
export function changesMembership(
  items: readonly ChangelogItem[] | undefined,
  counts: (typeName: string | undefined) => boolean,
): boolean {
  return (items ?? []).some((i) =>
    fieldOf(i) === 'issuetype'
      ? counts(typeof i.fromString === 'string' ? i.fromString : undefined)
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
): Promise<void> {
  try {
    await recordChange(project, issue, now);
  } catch {
    await forgetFacts(project); // unrecorded, the change would be missed: the next recompute reads everything
  }
  const oldKey = (items ?? []).find((i) => fieldOf(i) === 'key')?.fromString;
  const oldProject = typeof oldKey === 'string' ? /^([A-Z][A-Z0-9_]*)-\d+$/.exec(oldKey)?.[1] : undefined;
  if (oldProject && oldProject !== project) await forgetFacts(oldProject);
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

/** The changelog-derived facts of the changed issues (committed due dates; who added bypass labels). */
async function rereadHistories(
  client: JiraClient,
  facts: StoredFacts,
  changed: ReadonlySet<string>,
  config: Config,
): Promise<string[]> {
  const approvers = new Set(facts.approvers);
  const deliverables = facts.issues.deliverables.flatMap((s) =>
    s.fact && changed.has(s.key) ? [s.fact] : [],
  );
  const ideas = facts.issues.ideas.flatMap((s) => (s.fact && changed.has(s.key) ? [s.fact] : []));
  const ref = (f: IssueFact) => f.id || f.key;
  if (deliverables.length) {
    // Status categories as the full read knew them; a status created since is asked for (the site's list).
    const logs = await fetchChangelogs(client, deliverables.map(ref), ['duedate', 'status']);
    const known = new Map(Object.entries(facts.statusCategories));
    const statusIds = [...logs.values()].flatMap((hs) =>
      hs.flatMap((h) => h.items.filter((i) => i.field === 'status' || i.fieldId === 'status')),
    );
    const unknown = statusIds.some((i) => (i.from && !known.has(i.from)) || (i.to && !known.has(i.to)));
    const categories = unknown ? await statusCategories(client) : known;
    for (const f of deliverables) f.history = toHistory(logs.get(f.id) ?? logs.get(f.key) ?? [], categories);
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
  return [...approvers];
}

export type IncrementalResult =
  | { done: true; outcome: ComputeOutcome & { ok: true }; reread: number; swept: boolean }
  /** `failed`: Jira or storage failed (not merely facts that cannot answer): a doubtful run. */
  | { done: false; why: string; failed?: boolean };

/**
 * Finds the issues of the gate's sources updated since the last sync (less {@link SWEEP_MARGIN_MS}): one search,
 * about one point a page plus one an issue. Issue events can be missed; this heals them.
 */
async function sweep(client: JiraClient, facts: StoredFacts, now: number): Promise<RawIssue[]> {
  const { sources } = facts;
  const jql = changedSinceJql(
    [sources.incidents, sources.deliverables, sources.ideas].map((s) => ({
      projects: s.projects,
      typeIds: s.types.map((t) => t.id),
    })),
    (now - (facts.syncedAt - SWEEP_MARGIN_MS)) / 60_000,
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
    const swept =
      options.sweep === true ||
      ((options.sweep ?? 'due') === 'due' &&
        now - base.syncedAt >= (options.sweepAfterMs ?? SWEEP_EVERY_HOURS * 3_600_000));

    const client = jiraClient('app', options.budget ?? 'background', options.deadline);
    const found = swept ? await sweep(client, base, now) : [];
    const recorded = [...new Set(listed.records.map((c) => c.issue))];
    const foundKeys = new Set(found.map((r) => r.key));
    const changed = [...new Set([...recorded, ...foundKeys])];
    if (changed.length > Math.max(stored / 2, 50)) return { done: false, why: 'too many changes' };
    // Recorded issues the sweep did not return (deleted, moved, of another type now, or not indexed yet) are read.
    const rest = recorded.filter((k) => !foundKeys.has(k));
    const fresh = [...found, ...(rest.length ? await reread(client, rest) : [])];
    const applied = applyChanges(base, changed, fresh, config, await extraMembers(client, config, fresh));
    const updated: StoredFacts = {
      ...applied,
      syncedAt: swept ? now : base.syncedAt,
      approvers: changed.length
        ? await rereadHistories(client, applied, new Set(changed), config)
        : applied.approvers,
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
    const result = await storeSnapshot(
      options.homeId ?? project,
      snapshot,
      config,
      waitingLockedIdeas(await governedIdeas(project, facts.ideas), config, updated.sources, isApprover),
    );

    // Keep the updated facts unless a full read replaced (or forgot) the ones this started from. Nothing changed and
    // nothing swept: the stored facts are still exactly these.
    if (changed.length || swept) {
      const kept = await withLease(
        project,
        async () => {
          const current = await readFactsHeader(project);
          if (current?.fetchedAt !== header.fetchedAt || current.updatedAt !== header.updatedAt) return false;
          if (await writeFacts(project, updated, now, current)) return true;
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
      reread: changed.length,
      swept,
    };
  } catch (err) {
    if (err instanceof StorageBusyError) throw err; // another run is storing this project: a full one would wait too
    return { done: false, why: describeFailure(err), failed: true };
  }
}
