/**
 * Keeping snapshots fresh without anyone opening a page, and watching ideas:
 * - `onSchedule` (scheduledTrigger, hourly): one queued recompute per configured project, spread over the hour;
 * - `onRecompute` (consumer of the recompute queue): compute as the app, store, tell ideas of an unlock;
 * - `onIssueEvent` (trigger on issue created/updated/deleted): a debounced recompute when the issue is of a type the
 *   gate counts, and the violation flag when a locked idea is moved out of To Do (where no validator stopped it).
 */
import { JiraId, addComment, editIssue, getStatus } from '../jira/endpoints';
import type { AsyncEvent } from '@forge/events';
import { z } from 'zod';
import { isIdea } from '../core/ideas';
import { DEFAULT_INCIDENT_TYPES } from '../core/config';
import type { GateSources } from '../core/sources';
import { decideStoredIdea, ideaSourcesFor } from './ideaDecision';
import { nameSet } from '../core/facts';
import { JiraError } from '../jira/errors';
import type { Config } from '../core/config';
import {
  adf,
  computeAndStore,
  configFor,
  deliverUnlockNotices,
  gateState,
  storedConfig,
  VIOLATION_LABEL,
} from './gate';
import { scheduledReadReason } from './freshness';
import { countFlagged, flagRetype, typeChange } from './violations';
import { changesMembership, eventPayloadOf, noteIssueChange, recomputeFromStoredFacts } from './incremental';
import { listChanges, readFactsHeader } from './storedFacts';
import { budgetWait, flushSpend } from './pointsBudget';
import { describeFailure, jiraClient, TRIGGER_DEADLINE_MS } from './jira';
import { fetchIdeaIssue, ideaFacts, statusCategoryOf } from './ideaIssue';
import {
  DEBOUNCE_SECONDS,
  queueDebouncedRecompute,
  queueRecompute,
  queueRecomputes,
  RecomputeEvent,
  spreadDelays,
} from './queue';
import { isIssueKey, isProjectKey } from './request';
import {
  claimFullRead,
  claimNotice,
  clearRecomputePending,
  isConfigured,
  listScheduledProjects,
  isProjectId,
  readAlias,
  readGate,
  readLegacyGate,
  readProjectRef,
  recordDeferral,
  readProjectRefs,
  recordFailure,
  releaseNotice,
  StorageBusyError,
  type GateDoc,
  readIdeaContext,
  type IdeaIndexDoc,
  type IdeaTypeDoc,
} from './storage';
import { governingGate, learnProject, projectRef, readersOf } from './projects';

/** Consumer functions get this long (manifest `timeoutSeconds`), minus a margin to store the outcome. */
export const CONSUMER_BUDGET_MS = 540_000;

// ---------------------------------------------------------------------------------------------------------------
// Scheduled

/** Async events allow 500 pushes a minute per installation: stay below with one scheduled run. */
export const MAX_SCHEDULED_PER_RUN = 450;

/**
 * The projects of this hour's run: all of them, or — past {@link MAX_SCHEDULED_PER_RUN} — one of `k` interleaved
 * slices in turn, so each project is still recomputed every `k` hours.
 */
export function scheduledSlice(projects: readonly string[], hour: number): string[] {
  const slices = Math.ceil(projects.length / MAX_SCHEDULED_PER_RUN);
  if (slices <= 1) return [...projects];
  return projects.filter((_, i) => i % slices === hour % slices);
}

export async function onSchedule(): Promise<{ queued: number; deferred?: string }> {
  // Jira's quota spent (a 429 with a reset) or this installation past its share of the hour: nothing is queued; the
  // next hour's run picks every project up again.
  const wait = await budgetWait(Date.now());
  if (wait) {
    // Issue #12: said on every scheduled gate (the page and the portfolio show it, with the next try).
    const ids = await listScheduledProjects(Date.now());
    for (let i = 0; i < ids.length; i += 10)
      await Promise.all(ids.slice(i, i + 10).map((id) => noteDeferral(id, wait, Date.now())));
    return { queued: 0, deferred: `deferred: Jira budget (${wait.detail})` };
  }
  // Projects nobody opened for 30 days are left out (storage.ts `listScheduledProjects`).
  const configured = scheduledSlice(
    await listScheduledProjects(Date.now()),
    Math.floor(Date.now() / 3_600_000),
  );
  // Configured projects are listed by id; the queue names them by key, as every other recompute does (one
  // concurrency key per project). A project of version 1 is listed by its key until its documents move.
  const refs = await readProjectRefs(configured.filter(isProjectId));
  const projects = configured.map((p) => (isProjectId(p) ? (refs.get(p)?.key ?? p) : p));
  const delays = spreadDelays(projects.length);
  await queueRecomputes(
    projects.map((project, i) => ({
      body: { project, reason: 'scheduled' as const },
      delayInSeconds: delays[i] ?? 0,
    })),
  );
  return { queued: projects.length };
}

/** Records a budget deferral on the gate (issue #12); a failure to record it is logged, the deferral stands. */
async function noteDeferral(
  id: string,
  wait: { detail: string; nextTryAt: number },
  now: number,
): Promise<void> {
  await recordDeferral(id, {
    at: new Date(now).toISOString(),
    reason: 'jira-budget',
    detail: wait.detail,
    nextTryAt: new Date(wait.nextTryAt).toISOString(),
  }).catch((err: unknown) => console.warn(`phase-gate: the deferral was not recorded: ${String(err)}`));
}

// ---------------------------------------------------------------------------------------------------------------
// Consumer

/**
 * A recompute that found the project's storage busy runs again after this long (a lease lives 60 s at most); the
 * debounced issue-event recompute already waits as long.
 */
export const BUSY_RETRY_SECONDS = DEBOUNCE_SECONDS;

/** Queues the recompute again; false when one is queued already (issue events share one debounced recompute). */
async function requeueAfterBusy(
  project: string,
  reason: RecomputeEvent['reason'],
  now: number,
): Promise<boolean> {
  if (reason === 'issue-event') return queueDebouncedRecompute(project, now);
  await queueRecompute(project, reason, BUSY_RETRY_SECONDS);
  return true;
}

/**
 * A computation whose store failed runs again after {@link BUSY_RETRY_SECONDS} (once: a retry that fails again is left
 * to the schedule, which sees the recorded error or the change records still waiting).
 */
async function retryAfterStoreFailure(project: string, reason: RecomputeEvent['reason']): Promise<string> {
  if (reason === 'retry') return '; left to the next scheduled run';
  return queueRecompute(project, 'retry', BUSY_RETRY_SECONDS).then(
    () => `; queued again in ${BUSY_RETRY_SECONDS} s`,
    (e: unknown) => `; could not queue it again (${describeFailure(e)})`,
  );
}

export async function onRecompute(event: AsyncEvent | { body?: unknown }): Promise<{ outcome: string }> {
  try {
    return await recompute(event);
  } finally {
    await flushSpend(Date.now()); // what this run spent, counted for the installation's hour
  }
}

async function recompute(event: AsyncEvent | { body?: unknown }): Promise<{ outcome: string }> {
  const parsed = RecomputeEvent.safeParse((event as { body?: unknown })?.body);
  if (!parsed.success) return { outcome: 'ignored: not a recompute event' };
  const { project, reason } = parsed.data;
  // The queued key (or id) names the project; its documents are stored under its id, its current key is asked of
  // Jira (an old key still resolves, to the project's reference).
  // A key with no reference yet is asked of Jira only for a project version 1 configured (its documents then move).
  const ref = isProjectId(project)
    ? await readProjectRef(project)
    : ((await readAlias(project)) ??
      ((await isConfigured(project))
        ? await projectRef(project, { client: jiraClient('app', 'background') })
        : null));
  // A first view's queued computation (issue #12) runs for a project nobody enrolled yet, as the view itself would.
  if (!ref || (reason !== 'first-view' && !(await isConfigured(ref.id)))) {
    return { outcome: `ignored: ${project} is not configured` };
  }
  const home = { id: ref.id, key: ref.key };
  const now = Date.now();
  if (reason === 'notices') {
    const notices = await deliverUnlockNotices(home, { now });
    return { outcome: `notices: ${notices.sent.length} sent, ${notices.failed.length} failed` };
  }
  // Events arriving from now on must queue another recompute: this one may not see them.
  await clearRecomputePending(project);
  const doc = await readGate(home.id);
  const config = await configFor(home.id, doc);
  if (reason === 'scheduled') {
    // The schedule recomputes only when the figures can have moved without an issue event (freshness.ts): a new day
    // (from the stored facts, no Jira read), a sweep due (`updated >= …`), a failure, another configuration.
    const header = await readFactsHeader(home.key);
    let why = scheduledReadReason(doc, config, now, header && (header.syncedAt ?? header.fetchedAt));
    // Issue events recorded but not applied (a recompute that failed to store, a queued retry lost): not current.
    if (why === null && (await listChanges(home.key, 1)).records.length > 0)
      why = 'issue changes not applied';
    if (why === null)
      return { outcome: 'skipped: the snapshot is current (same day, kept fresh by issue events)' };
    // Past the installation's share of Jira's points this hour: deferred (the snapshot stays; the next hour retries).
    const wait = await budgetWait(now);
    if (wait) {
      await noteDeferral(home.id, wait, now);
      return { outcome: `deferred: Jira budget (${wait.detail})` };
    }
  }
  let result: Awaited<ReturnType<typeof computeAndStore>>;
  let how: string;
  try {
    // From the stored facts and the issues changed since (incremental.ts) whenever they allow it; only a settings
    // change always reads in full (the stored facts were read with another configuration).
    const incremental =
      reason === 'settings' || reason === 'first-view'
        ? null
        : await recomputeFromStoredFacts(home.key, config, {
            now,
            homeId: home.id,
            // A retry follows a failure: what changed meanwhile is searched for, whatever the events said.
            sweep: reason === 'retry' ? true : 'due',
          });
    if (incremental && !incremental.done && incremental.storeFailed) {
      // Computed, but the store failed: a full read would not help. Recorded (when it could be) and retried.
      return { outcome: `failed: ${incremental.why}${await retryAfterStoreFailure(project, reason)}` };
    }
    if (incremental?.done) {
      result = incremental.outcome;
      how =
        incremental.reread || incremental.swept
          ? ` (incremental: ${incremental.reread} issues)`
          : ' (from the stored facts)';
    } else {
      // A full read costs about a point per relevant issue: at most one an hour per gate, whoever asks.
      // A first view's queued read holds the hour's claim the view took.
      const force = reason === 'settings' || reason === 'first-view';
      if (!(await claimFullRead(home.id, now, { force }))) {
        if (incremental?.failed) {
          // Jira failed the cheap path and the hour's full read is spent: recorded, so the schedule tries again.
          await recordFailure(home.id, incremental.why, now, config, { key: home.key });
          return { outcome: `failed: ${incremental.why} (a full read ran within the hour)` };
        }
        return {
          outcome: `deferred: ${home.key} was read in full within the hour (incremental not possible: ${incremental?.why})`,
        };
      }
      how = incremental ? ` (full read: ${incremental.why})` : ' (full read)';
      result = await computeAndStore(home, config, {
        now,
        budget: 'background',
        deadline: now + CONSUMER_BUDGET_MS,
      });
    }
  } catch (err) {
    if (!(err instanceof StorageBusyError)) throw err;
    // Another computation of the project is being stored right now (or a crashed one left its lease). A scheduled run
    // is redundant. Any other may not be: the other computation can have begun before the settings were saved or the
    // issue changed, so this one runs again once the lease has surely gone.
    if (reason === 'scheduled') return { outcome: `skipped: ${err.message}` };
    const again = await requeueAfterBusy(project, reason, now).then(
      (queued) => (queued ? `; queued again in ${BUSY_RETRY_SECONDS} s` : '; another recompute is queued'),
      (e: unknown) => `; could not queue it again (${describeFailure(e)})`,
    );
    return { outcome: `skipped: ${err.message}${again}` };
  }
  if (!result.ok) {
    const again =
      'storeFailed' in result && result.storeFailed ? await retryAfterStoreFailure(project, reason) : '';
    return { outcome: `failed: ${result.error}${again}` };
  }
  const notices = await deliverUnlockNotices(home, { now: Date.now() });
  return {
    outcome:
      `${result.stored ? 'stored' : 'dropped (a newer snapshot is stored)'}${how}` +
      `${result.change ? `, innovation ${result.change}` : ''}` +
      `${notices.sent.length ? `, ${notices.sent.length} ideas told` : ''}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Issue events

const Named = z.object({ id: JiraId.optional(), name: z.string().optional() }).passthrough();
const EventIssueType = Named.extend({
  untranslatedName: z.string().optional().catch(undefined),
  hierarchyLevel: z.number().optional().catch(undefined),
});

/** The parts of a Jira issue event we read; the event's issue type may be spelled `issueType` or `issuetype`. */
const IssueEvent = z
  .object({
    eventType: z.string().optional(),
    selfGenerated: z.boolean().optional(),
    issue: z
      .object({
        id: z.string().optional(),
        key: z.string(),
        fields: z
          .object({
            issueType: EventIssueType.nullish(),
            issuetype: EventIssueType.nullish(),
            project: z
              .object({
                id: JiraId.optional(),
                key: z.string(),
                simplified: z.boolean().optional(),
              })
              .passthrough()
              .nullish(),
            status: z
              .object({
                id: z.string().optional(),
                statusCategory: z.object({ key: z.string() }).passthrough().nullish(),
              })
              .passthrough()
              .nullish(),
          })
          .passthrough()
          .optional(),
      })
      .passthrough(),
    changelog: z
      .object({
        items: z
          .array(
            z
              .object({
                field: z.string().optional(),
                fieldId: z.string().optional(),
                from: z.string().nullish(),
                to: z.string().nullish(),
              })
              .passthrough(),
          )
          .optional(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();
type IssueEvent = z.infer<typeof IssueEvent>;

/** An event's issue type: what `issueType` and `issuetype` say together (either may be partial or missing). */
interface EventType {
  ids: string[];
  names: string[];
  hierarchyLevel?: number;
}

function eventTypeOf(fields: NonNullable<IssueEvent['issue']['fields']> | undefined): EventType | undefined {
  const parts = [fields?.issueType, fields?.issuetype].filter((t) => t != null);
  const ids = parts.flatMap((t) => (t.id === undefined ? [] : [t.id]));
  const names = parts.flatMap((t) => [t.name, t.untranslatedName]).filter((n) => typeof n === 'string');
  const level = parts.map((t) => t.hierarchyLevel).find((x) => typeof x === 'number');
  if (ids.length === 0 && names.length === 0) return undefined;
  return { ids, names, ...(level !== undefined ? { hierarchyLevel: level } : {}) };
}

/**
 * True when the issue's type counts for the gate (or cannot be told from the event): its id or name is among the
 * types the last computation resolved (a site's translated "Vorhaben" for Epic), or — no computation yet, or a type
 * created since — its name is a configured or default one, or it sits at hierarchy level 1 while deliverables are
 * every level-1 type (SPEC v2's default).
 */
function countsForGate(type: EventType | undefined, c: Config, sources: GateSources | undefined): boolean {
  if (!type) return true;
  if (sources) {
    const all = [...sources.incidents.types, ...sources.deliverables.types, ...sources.ideas.types];
    if (all.some((t) => type.ids.includes(t.id))) return true;
    const resolved = nameSet(all.map((t) => t.name));
    if (type.names.some(resolved)) return true;
  }
  if (c.deliverableTypes === undefined && type.hierarchyLevel === 1) return true;
  if (type.names.length === 0) return true; // an id the gate does not know, and no name: cannot be told
  const named = nameSet([
    ...(c.incidentTypes ?? DEFAULT_INCIDENT_TYPES),
    ...(c.deliverableTypes ?? ['Epic']),
    c.ideaType,
  ]);
  return type.names.some(named);
}

/** True when the type is the idea type (by the stored id, else by name); unknown types might be. */
function isIdeaType(
  type: EventType | undefined,
  c: Config,
  sources: GateSources | undefined,
  stored?: IdeaTypeDoc | null,
) {
  if (!type) return true;
  if (stored && type.ids.includes(stored.id)) return true;
  if (sources && sources.ideas.types.some((t) => type.ids.includes(t.id))) return true;
  return type.names.some(nameSet([c.ideaType]));
}

export interface IssueEventOutcome {
  recompute: 'queued' | 'already-queued' | 'not-relevant' | 'not-configured';
  /** The homes of the gates that read the issue's project and count the issue (a recompute of each is queued). */
  homes?: string[];
  violation?: 'flagged' | 'already-flagged' | 'none' | 'failed';
}

/** The gates that read `project` (SPEC §3.0): its own, when it is a home, and every gate listing it as a source. */
async function readersOfProject(
  project: { id?: string; key: string },
  index: IdeaIndexDoc,
): Promise<{ home: string; doc: GateDoc }[]> {
  const id = project.id ?? (await readAlias(project.key))?.id;
  // Configured projects have a gate document (one of version 1 is under the key until it is moved).
  const own = (id ? await readGate(id) : undefined) ?? (await readLegacyGate(project.key));
  const out: { home: string; doc: GateDoc }[] = own ? [{ home: project.key, doc: own }] : [];
  for (const homeId of id ? readersOf(index, id, false) : []) {
    if (homeId === id) continue;
    const doc = await readGate(homeId);
    if (doc && !out.some((o) => o.home === doc.project)) out.push({ home: doc.project, doc });
  }
  return out;
}

export async function onIssueEvent(raw: unknown): Promise<IssueEventOutcome> {
  // A product event trigger has 25 s: its Jira requests use the trigger's retry budget and stop at this deadline.
  const deadline = Date.now() + TRIGGER_DEADLINE_MS;
  try {
    return await handleIssueEvent(raw, deadline);
  } finally {
    await flushSpend(Date.now()); // the violation check's requests, if any
  }
}

async function handleIssueEvent(raw: unknown, deadline: number): Promise<IssueEventOutcome> {
  const parsed = IssueEvent.safeParse(raw);
  if (!parsed.success || !isIssueKey(parsed.data.issue.key)) return { recompute: 'not-relevant' };
  const event = parsed.data;
  if (event.selfGenerated) return { recompute: 'not-relevant' }; // our own comment or label
  const project = event.issue.fields?.project?.key ?? event.issue.key.replace(/-\d+$/, '');
  if (!isProjectKey(project)) return { recompute: 'not-relevant' };
  const projectId = event.issue.fields?.project?.id ?? undefined;
  const { index, ideaType } = await readIdeaContext();
  // Every gate that reads the project, whether or not the project is a home itself (organisation gates).
  const readers = await readersOfProject({ id: projectId, key: project }, index);
  if (readers.length === 0) return { recompute: 'not-configured' };
  const type = eventTypeOf(event.issue.fields);
  const items = event.changelog?.items;
  const now = Date.now();
  const homes: string[] = [];
  let queuedAny = false;
  // Kept with each change record: where it says enough, the recompute applies it without reading Jira.
  const payload = eventPayloadOf(raw);
  for (const { home, doc } of readers) {
    const config = storedConfig(doc.config);
    const sources = doc.snapshot?.report.sources;
    // The old type of a retyped issue, by its id or name as the gate resolved them (a translated "Vorhaben" too).
    const counts = (old: { id?: string; name?: string }) =>
      countsForGate(
        old.id === undefined && old.name === undefined
          ? undefined
          : { ids: old.id === undefined ? [] : [old.id], names: old.name === undefined ? [] : [old.name] },
        config,
        sources,
      );
    if (!countsForGate(type, config, sources) && !changesMembership(items, counts)) continue;
    await noteIssueChange(home, event.issue.key, items, now, payload);
    if (await queueDebouncedRecompute(home, now)) queuedAny = true;
    homes.push(home);
  }
  if (homes.length === 0) return { recompute: 'not-relevant' };
  const outcome: IssueEventOutcome = { recompute: queuedAny ? 'queued' : 'already-queued', homes };
  if (event.eventType === 'avi:jira:updated:issue') {
    // A violation is judged by the gate that governs the idea's project (SPEC §3.0).
    const governing = projectId
      ? await governingGate({ id: projectId, key: project }, index)
      : { home: project, doc: readers.find((r) => r.home === project)?.doc };
    if (governing.doc) {
      const config = storedConfig(governing.doc.config);
      if (isIdeaType(type, config, governing.doc.snapshot?.report.sources, ideaType)) {
        outcome.violation = await flagViolation(
          event,
          governing.home,
          governing.doc,
          config,
          now,
          ideaType,
          deadline,
        );
      } else if (typeChange(items)) {
        // Issue #13: changed away from the idea type while locked (src/forge/violations.ts).
        const doc = governing.doc;
        outcome.violation = await flagRetype(
          event.issue.key,
          items,
          governing.home,
          doc,
          config,
          now,
          ideaType,
          deadline,
        );
      }
    }
  }
  return outcome;
}

/**
 * An idea moved out of To Do while locked (possible where no validator is on the transition — team-managed
 * projects): one comment and the label `phase-gate-violation`, never twice. The idea is decided as it stood before
 * the move (To Do, its labels), against the stored gate.
 */
async function flagViolation(
  event: IssueEvent,
  project: string,
  doc: GateDoc,
  config: Config,
  now: number,
  ideaType: IdeaTypeDoc | null = null,
  deadline?: number,
): Promise<IssueEventOutcome['violation']> {
  const change = event.changelog?.items?.find((i) => i.fieldId === 'status' || i.field === 'status');
  if (!change?.from) return 'none';
  const client = jiraClient('app', 'trigger', deadline);
  try {
    const current = event.issue.fields?.status?.statusCategory?.key;
    if (current !== undefined && statusCategoryOf(current) === 'new') return 'none'; // still in To Do
    const from = await getStatus(client, change.from);
    // A status of no known category counts as To Do (SPEC: unknown is never a pass).
    if (!['new', 'unknown'].includes(statusCategoryOf(from.statusCategory?.key))) return 'none'; // it did not leave To Do
    const issue = await fetchIdeaIssue(client, event.issue.key);
    const facts = ideaFacts(issue, config.timeZone);
    if (facts.statusCategory === 'new') return 'none'; // moved back already
    if (!isIdea(facts, ideaSourcesFor(facts, doc, config, ideaType))) return 'none';
    const decision = await decideStoredIdea(
      client,
      { ...facts, statusCategory: 'new' },
      issue.fields.project.id,
      doc,
      config,
      gateState(project, doc, now),
      [],
      ideaType,
    );
    if (!decision.locked) return 'none';
    if (facts.labels.includes(VIOLATION_LABEL)) return 'already-flagged';
    if (!(await claimNotice('violation', issue.key, now))) return 'already-flagged';
    try {
      await addComment(client, issue.key, {
        body: adf([
          `This idea left To Do while innovation is locked for ${project}. Phase Gate could not stop the move ` +
            `(no Phase Gate validator on this transition — team-managed projects have none), so it is flagged ` +
            `with the label ${VIOLATION_LABEL}.`,
          `What the organisation must achieve first: ${decision.reasons.join('; ')}.`,
          `Please move it back to To Do` +
            (config.ideaBypassLabels.length
              ? `, or label it ${config.ideaBypassLabels.map((l) => `"${l}"`).join(' or ')} if it is that kind of work.`
              : '.') +
            ' — Phase Gate',
        ]),
      });
    } catch (err) {
      // Jira refused (nothing was posted): give the claim back so the next move can be flagged.
      if (err instanceof JiraError && err.status !== undefined && err.status < 500) {
        await releaseNotice('violation', issue.key);
      }
      throw err;
    }
    await editIssue(client, issue.key, { update: { labels: [{ add: VIOLATION_LABEL }] } });
    await countFlagged(doc, issue.key, 'status', now); // issue #13: counted on the page and in the portfolio
    return 'flagged';
  } catch (err) {
    console.warn(`phase-gate: could not check ${event.issue.key} for a violation: ${describeFailure(err)}`);
    return 'failed';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Project events

const ProjectEvent = z
  .object({
    eventType: z.string().optional(),
    project: z
      .object({
        id: JiraId,
        key: z.string(),
        name: z.string().optional(),
      })
      .passthrough(),
  })
  .passthrough();

/**
 * `avi:jira:updated:project` (trigger): a project's key may have changed. Its documents are keyed by id, so they stay
 * where they are; its reference takes the new key (the old one keeps resolving), and a configured project is
 * recomputed under its new key.
 */
export async function onProjectEvent(raw: unknown): Promise<{ outcome: string }> {
  const parsed = ProjectEvent.safeParse(raw);
  if (!parsed.success || !isProjectId(parsed.data.project.id) || !isProjectKey(parsed.data.project.key)) {
    return { outcome: 'ignored: not a project event' };
  }
  const { project } = parsed.data;
  const known = await readProjectRef(project.id);
  if (!known && !(await isConfigured(project.id)))
    return { outcome: `ignored: ${project.key} is not configured` };
  const ref = await learnProject(project);
  if (!ref.renamedFrom) return { outcome: `unchanged: ${project.key}` };
  if (await isConfigured(project.id)) await queueRecompute(project.key, 'settings', 5);
  return { outcome: `renamed: ${ref.renamedFrom} → ${project.key}` };
}
