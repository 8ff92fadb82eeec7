/**
 * The gate of one project inside Forge: compute it as the app, store it (never replacing a good snapshot with a
 * failure), read it back as a view or as the state the idea decision needs, and tell ideas when innovation unlocks.
 */
import { formatCalendarDate } from '../core/wording';
import { addComment } from '../jira/endpoints';
import { earliestAsOf, gateFromFacts } from '../app/projectGate';
import { DEFAULT_CONFIG, parseConfig, type Config } from '../core/config';
import { addDays, todayIn } from '../core/dates';
import type { IssueFact } from '../core/facts';
import {
  bypassOf,
  describeCriterion,
  isIdea,
  type GateState,
  type IdeaSources,
  type IsApprover,
} from '../core/ideas';
import type { Report } from '../core/report';
import { gateScope, scopeProjects } from '../core/sources';
import { JiraError } from '../jira/errors';
import { fetchGateFacts, type FetchedGate } from '../jira/gateData';
import { FirstViewTooBig, forecastFirstRead } from './firstView';
import { VALIDITY_DAYS, validityEnd } from './freshness';
import type { GateView, Snapshot, Violations } from './contract';
import { snapshotView } from './snapshotView';
import { governedIdeas } from './projects';
import { rememberFacts } from './storedFacts';
import { describeFailure, jiraClient, type Budget } from './jira';
import {
  claimNotice,
  readGate,
  readPendingNotices,
  readSettings,
  recordFailure,
  releaseNotice,
  removePendingNotices,
  storeSnapshot,
  StorageBusyError,
  type GateChange,
  type GateDoc,
  type StoreResult,
} from './storage';
import type { Snapshot as StoredSnapshot } from './contract';

/**
 * A stored configuration read back through the schema (which fills keys added since it was saved). One that no
 * longer validates falls back to the defaults rather than failing every reader.
 */
export function storedConfig(stored: unknown): Config {
  try {
    return parseConfig(stored);
  } catch {
    console.warn('phase-gate: a stored configuration no longer validates; using the defaults');
    return DEFAULT_CONFIG;
  }
}

/** A stored configuration read back through the schema, or null when it no longer validates (callers fail closed). */
export function storedConfigOrNull(stored: unknown): Config | null {
  try {
    return parseConfig(stored);
  } catch {
    return null;
  }
}

/** A home project: its id (its documents' storage key) and its current key (what Jira is asked about). */
export interface HomeRef {
  id: string;
  key: string;
}

/**
 * The configuration in force for a project (by id): its gate document's, else its saved settings, else the defaults.
 */
export async function configFor(project: string, gate?: GateDoc): Promise<Config> {
  if (gate) return storedConfig(gate.config);
  const settings = await readSettings(project);
  return settings ? storedConfig(settings.config) : DEFAULT_CONFIG;
}

/**
 * Every project a stored gate reads (SPEC §3.0), home first: the sources of the configuration in force and those of
 * the configuration its snapshot was computed with (after a save they differ until the recompute).
 */
export function gateProjects(home: string, config: Config, doc?: GateDoc): string[] {
  const snapshotConfig = doc?.snapshotConfig ? storedConfigOrNull(doc.snapshotConfig) : null;
  return [
    ...new Set([
      ...scopeProjects(gateScope(home, config)),
      ...(snapshotConfig ? scopeProjects(gateScope(home, snapshotConfig)) : []),
    ]),
  ];
}

export type ComputeOutcome =
  | { ok: true; doc: GateDoc; change: GateChange | null; stored: boolean }
  /** `storeFailed`: computed, but storing it failed (the error is recorded when it could be; retried). */
  | { ok: false; doc: GateDoc; error: string; storeFailed?: true }
  /** Only with `recordTimeout: false`: out of time, nothing recorded (the caller queues the computation). */
  | { ok: false; timedOut: true; doc: undefined; error: string; etaSeconds?: number };

/** Waiting ideas that the gate locks (no bypass label): the ones to tell when innovation unlocks. */
export function waitingLockedIdeas(
  ideas: readonly IssueFact[],
  config: Config,
  sources: IdeaSources,
  isApprover?: IsApprover,
): string[] {
  return ideas
    .filter(
      (i) =>
        isIdea(i, sources) && i.statusCategory === 'new' && bypassOf(i, config, isApprover).bypass === null,
    )
    .map((i) => i.key);
}

/**
 * Computes the project's gate as the app and stores it. A failure (Jira unreachable, rate-limited, out of time) is
 * recorded beside the last good snapshot, which stays as it was.
 */
export async function computeAndStore(
  home: HomeRef,
  config: Config,
  options: {
    now: number;
    budget: Budget;
    deadline?: number;
    recordTimeout?: boolean;
    /** A first view: forecast the read from Jira's counts and give up at once when it would pass the deadline. */
    forecast?: boolean;
  },
): Promise<ComputeOutcome> {
  const project = home.key;
  const client = jiraClient('app', options.budget, options.deadline);
  let snapshot: Snapshot;
  let waiting: string[];
  let fetched: FetchedGate;
  const asOf = todayIn(config.timeZone, options.now);
  // Read for every as-of day of the coming week (the JQL pre-filters bounded a week ahead): the days until the
  // project's weekly reconciliation are computed from the stored facts without reading Jira again (incremental.ts).
  const validUntil = validityEnd(home.id, asOf);
  try {
    fetched = await fetchGateFacts(
      client,
      gateScope(project, config),
      config,
      { asOf: addDays(asOf, VALIDITY_DAYS), earliest: earliestAsOf(config, asOf) },
      options.forecast && options.deadline !== undefined
        ? { beforeSearch: forecastFirstRead(client, options.deadline) }
        : {},
    );
    const gate = {
      ...gateFromFacts(
        fetched.facts,
        fetched.sources,
        config,
        { home: project, name: config.name ?? fetched.homeName ?? project },
        { asOf, now: options.now, trend: true, isApprover: fetched.isApprover },
      ),
      fetched,
    };
    snapshot = {
      report: gate.report,
      trend: gate.trend ?? [],
      evidence: gate.evidence,
      computedAt: gate.report.computedAt,
    };
    waiting = waitingLockedIdeas(
      await governedIdeas(project, gate.fetched.facts.ideas),
      config,
      gate.fetched.sources,
      gate.fetched.isApprover,
    );
  } catch (err) {
    // Only a forecasting caller gets this error, and it queues the computation itself: nothing to record.
    if (err instanceof FirstViewTooBig)
      return { ok: false, timedOut: true, doc: undefined, error: err.message, etaSeconds: err.etaSeconds };
    const outOfTime =
      options.deadline !== undefined &&
      ((err instanceof JiraError && err.kind === 'timeout') || Date.now() >= options.deadline);
    if (outOfTime && options.recordTimeout === false) {
      return { ok: false, timedOut: true, doc: undefined, error: describeFailure(err) };
    }
    const message =
      err instanceof JiraError && err.kind === 'timeout' && options.deadline !== undefined
        ? `the computation did not finish in time (${describeFailure(err)}); it continues in the background`
        : describeFailure(err);
    const doc = await recordFailure(home.id, message, options.now, config, { key: home.key });
    return { ok: false, doc, error: message };
  }
  let result: StoreResult;
  try {
    result = await storeOrRecord(home, snapshot, config, waiting, options.now);
  } catch (err) {
    if (!(err instanceof StoreFailedError)) throw err;
    // The facts are good: kept, so the retry computes from them without reading Jira in full again.
    await rememberFacts(project, config, fetched, { asOf, fetchedAt: options.now, validUntil });
    return {
      ok: false,
      doc: await failedDoc(home, config, err, options.now),
      error: err.message,
      storeFailed: true,
    };
  }
  // For the next issue event: recomputed from these facts and the changed issues only (incremental.ts).
  await rememberFacts(project, config, fetched, { asOf, fetchedAt: options.now, validUntil });
  return { ok: true, doc: result.doc, change: result.change, stored: result.stored };
}

// ---------------------------------------------------------------------------------------------------------------
// Store failures (issue #12): a computed gate that could not be stored is never lost silently

/** A computed gate could not be stored (KVS failed): `doc` is the gate document with the error, when it was written. */
export class StoreFailedError extends Error {
  constructor(
    message: string,
    readonly doc: GateDoc | undefined,
  ) {
    super(message);
    this.name = 'StoreFailedError';
  }
}

/**
 * Stores a computed snapshot. A failure other than a busy lease is recorded as `lastError` beside the last good
 * snapshot (if that write itself succeeds) and thrown as a {@link StoreFailedError}: the caller retries the work, and
 * the change records it applied stay until a store succeeds.
 */
export async function storeOrRecord(
  home: HomeRef,
  snapshot: StoredSnapshot,
  config: Config,
  waiting: readonly string[],
  now: number,
): Promise<StoreResult> {
  try {
    return await storeSnapshot(home.id, snapshot, config, waiting);
  } catch (err) {
    if (err instanceof StorageBusyError) throw err;
    const message = `the computed gate could not be stored (${describeFailure(err)}); it is computed again`;
    const doc = await recordFailure(home.id, message, now, config, { key: home.key }).catch(() => undefined);
    throw new StoreFailedError(message, doc);
  }
}

/** The gate document to answer with after a store failure: the recorded one, else the stored one, else a bare one. */
async function failedDoc(
  home: HomeRef,
  config: Config,
  err: StoreFailedError,
  now: number,
): Promise<GateDoc> {
  if (err.doc) return err.doc;
  const stored = await readGate(home.id).catch(() => undefined);
  const lastError = { message: err.message, at: new Date(now).toISOString() };
  return stored
    ? { ...stored, lastError }
    : { project: home.key, config, snapshot: null, lastError, lastAttemptAt: lastError.at };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the stored gate

function ageMinutesOf(snapshot: Snapshot | null, now: number): number | null {
  if (!snapshot) return null;
  const at = Date.parse(snapshot.computedAt);
  return Number.isFinite(at) ? Math.max(0, Math.floor((now - at) / 60_000)) : null;
}

function isStale(doc: GateDoc | undefined, now: number): boolean {
  const age = ageMinutesOf(doc?.snapshot ?? null, now);
  const maxHours = doc?.config.maxSnapshotAgeHours ?? DEFAULT_CONFIG.maxSnapshotAgeHours;
  return age === null || age > maxHours * 60;
}

/** What the next gate needs, in plain words: the unmet criteria of the current phase. */
export function nextGateNeeds(report: Report): string[] {
  if (report.innovationUnlocked) return [];
  const criteria = report.phase === 1 ? report.reliability.criteria : report.delivery.criteria;
  const unmet = criteria
    .filter((c) => report.nextGate.blockers.includes(c.id))
    .map((c) => describeCriterion(c, report.waivers));
  if (unmet.length) return unmet;
  if (report.phase === 3)
    return [`both phases must stay met for the whole sustain period (as of ${report.asOf})`];
  return [];
}

export function gateView(project: string, doc: GateDoc | undefined, now: number): GateView {
  const snapshot = doc?.snapshot ?? null;
  return {
    project,
    snapshot: snapshot ? snapshotView(snapshot) : null,
    ageMinutes: ageMinutesOf(snapshot, now),
    stale: isStale(doc, now),
    lastError: doc?.lastError ?? null,
    nextGate: snapshot ? nextGateNeeds(snapshot.report) : [],
    violations: violationCounts(doc),
    deferred: doc?.deferred ?? null,
  };
}

/** Issue #13: the gate document's violation counts (zeros when none was ever flagged). */
export function violationCounts(doc: GateDoc | undefined): Violations {
  return {
    movedOutOfToDo: doc?.violations?.movedOutOfToDo ?? 0,
    typeChanged: doc?.violations?.typeChanged ?? 0,
  };
}

/**
 * What the idea decision knows of a project's gate. Never computed, or older than `maxSnapshotAgeHours`: unknown,
 * with the reason — ideas then stay locked (fail closed).
 */
export function gateState(project: string, doc: GateDoc | undefined, now: number): GateState {
  const snapshot = doc?.snapshot ?? null;
  const failed = doc?.lastError ? ` (the last attempt failed: ${doc.lastError.message})` : '';
  if (!snapshot) {
    return {
      kind: 'unknown',
      why:
        `the phase gate of ${project} has never been computed, so ideas stay locked until it is` +
        ` (open the project's Phase gate page, or wait for the hourly recompute)${failed}`,
    };
  }
  if (isStale(doc, now)) {
    const hours = Math.floor((ageMinutesOf(snapshot, now) ?? 0) / 60);
    const max = doc?.config.maxSnapshotAgeHours ?? DEFAULT_CONFIG.maxSnapshotAgeHours;
    return {
      kind: 'unknown',
      why:
        `the phase gate of ${project} was last computed ${hours} hours ago, more than the ${max} hours allowed,` +
        ` so ideas stay locked until it is computed again${failed}`,
    };
  }
  return { kind: 'known', report: snapshot.report };
}

/** The gate state when the stored settings no longer validate: unknown, so ideas stay locked (fail closed). */
export function unparsableSettings(home: string): GateState {
  return {
    kind: 'unknown',
    why: `the Phase Gate settings of ${home} no longer validate, so ideas stay locked until a project admin saves them again`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Comments

/** A comment body in Atlassian Document Format: one paragraph per line. */
export function adf(lines: readonly string[]) {
  return {
    type: 'doc',
    version: 1,
    content: lines.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  };
}

export const VIOLATION_LABEL = 'phase-gate-violation';

/** A definite refusal (Jira answered); a timeout or a lost connection may have created the comment anyway. */
function definitelyNotDone(err: unknown): boolean {
  return err instanceof JiraError && err.status !== undefined && err.status !== 408 && err.status < 500;
}

/**
 * Tells each pending idea, once, that innovation unlocked for its project. Each idea is claimed before its comment
 * is posted, so no idea is told twice even if two runs overlap; a comment Jira refused is given back for later.
 */
export async function deliverUnlockNotices(
  home: HomeRef,
  options: { now: number; max?: number },
): Promise<{ sent: string[]; failed: string[] }> {
  const project = home.key;
  const pending = await readPendingNotices(home.id);
  const sent: string[] = [];
  const failed: string[] = [];
  if (pending.length === 0) return { sent, failed };
  const doc = await readGate(home.id);
  const report = doc?.snapshot?.report;
  if (!report?.innovationUnlocked) {
    await removePendingNotices(home.id, pending);
    return { sent, failed };
  }
  const client = jiraClient('app', 'background');
  const handled: string[] = [];
  for (const issue of pending.slice(0, options.max ?? 200)) {
    if (!(await claimNotice('unlock', issue, options.now))) {
      handled.push(issue);
      continue;
    }
    try {
      await addComment(client, issue, {
        body: adf([
          `Innovation is unlocked for ${project}: reliable systems and on-time delivery are both met as of ${formatCalendarDate(report.asOf)}.`,
          'This idea may now move out of To Do. — Phase Gate',
        ]),
      });
      sent.push(issue);
      handled.push(issue);
    } catch (err) {
      failed.push(issue);
      if (err instanceof JiraError && (err.kind === 'not-found' || err.kind === 'forbidden')) {
        handled.push(issue); // deleted or moved away: nobody to tell
      } else if (definitelyNotDone(err)) {
        await releaseNotice('unlock', issue); // try again on the next run
      } else {
        handled.push(issue); // may have been posted: never risk a second comment
      }
    }
  }
  await removePendingNotices(home.id, handled);
  return { sent, failed };
}
