/**
 * The resolvers of the Custom UI (src/forge/contract.ts is the contract). Each one:
 * - trusts only the platform-set caller (`accountId`, `installContext`), never `context.extension` or the payload;
 * - validates its payload strictly (unknown fields rejected, named);
 * - checks as the user, with Jira's `mypermissions`, that they may browse the project (administer it to save) before
 *   anything about the project is read or returned;
 * - answers a `ResolverError` for expected failures instead of throwing (except Forge's consent prompt, which must
 *   reach the platform).
 */
import { bulkFetchIssues, searchProjects } from '../jira/endpoints';
import { getProject, searchLabels, type IssueTypeDetails } from '../jira/endpoints';
import { sitePriorities, siteResolutions } from '../jira/siteNames';
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { ConfigSchema, DEFAULT_CONFIG, type Config } from '../core/config';
import { describeChanges, inPageWords, settingsIssues, staleSettingsMessage } from '../core/settingsWords';
import { wordsFor, type Words } from '../core/wording';
import { gateScope, scopeProjects } from '../core/sources';
import { decideStoredIdea } from './ideaDecision';
import { JiraError } from '../jira/errors';
import { ForgeAuthError } from '../jira/forgeTransport';
import type {
  EvidenceIssue,
  GateView,
  GateOption,
  GateSourcesView,
  IdeaView,
  Membership,
  MembershipsView,
  ProjectOption,
  RefreshOutcome,
  ResolverError,
  ResolverName,
  ResolverResponse,
  SaveSettingsResult,
  SettingsChoices,
  SettingsView,
  TypeChoice,
} from './contract';
import {
  computeAndStore,
  configFor,
  type HomeRef,
  gateProjects,
  gateState,
  gateView,
  storedConfig,
  storedConfigOrNull,
  unparsableSettings,
} from './gate';
import { describeFailure, jiraClient, RESOLVER_DEADLINE_MS, rethrowConsent } from './jira';
import { recomputeFromStoredFacts } from './incremental';
import { recordSpend } from './pointsBudget';
import { NO_GATE_SUMMARY, summaryRow, type GateSummary } from './summary';
import { isJiraAdmin, mayBrowse, projectAccess, type ProjectAccess } from './permissions';
import { queueDebouncedRecompute, queueRecompute } from './queue';
import {
  claimedIssue,
  claimedLocale,
  claimedProject,
  failure,
  isIssueKey,
  parsePayload,
  trustedCaller,
  type Caller,
  type Parsed,
} from './request';
import { fetchIdeaIssue, ideaFacts, type IdeaIssue } from './ideaIssue';
import { runSetup } from './setup';
import { estimateEtaSeconds, FIRST_VIEW_DEADLINE_MS, markComputing, readComputing } from './firstView';
import { governingGate, learnProject, projectRef, readIdeaIndex } from './projects';
import { checkClauses, checkNames } from './settingsCheck';
import {
  claimFullRead,
  claimRefresh,
  ensureGateDoc,
  listConfiguredProjects,
  markConfigured,
  noteProjectSeen,
  readGate,
  readGates,
  readGateSummaries,
  readHistory,
  readSettings,
  readSettingsVersion,
  recordFailure,
  saveSettings as storeSettings,
  StaleSettingsError,
  IdeaProjectClaimedError,
  isProjectId,
  readIdeaContext,
  readProjectRef,
  readProjectRefs,
  StorageBusyError,
  storeIdeaType,
  updateGateIndex,
  type GateDoc,
  type SettingsDoc,
} from './storage';

/** A refresh within this many seconds of the last attempt answers the stored state instead of computing again. */
export const REFRESH_THROTTLE_SECONDS = 30;

interface Call<K extends ResolverName> {
  payload: Parsed<K>;
  caller: Caller;
  context: Record<string, unknown>;
  now: number;
}

type Impl<K extends ResolverName> = (call: Call<K>) => Promise<ResolverResponse<K>>;

const resolver = new Resolver();

function define<K extends ResolverName>(name: K, impl: Impl<K>): void {
  resolver.define(name, async (request: { payload: unknown; context: Record<string, unknown> }) => {
    const caller = trustedCaller(request.context);
    if (!caller) {
      const site = request.context?.installContext;
      if (typeof site !== 'string' || site === '') {
        return failure(
          'forbidden',
          'Phase Gate answers calls of a known installation only (no installContext)',
        );
      }
      return failure('forbidden', 'Phase Gate answers signed-in Jira users only');
    }
    const parsed = parsePayload(name, request.payload);
    if (!parsed.ok) return parsed.error;
    try {
      return await impl({ payload: parsed.value, caller, context: request.context ?? {}, now: Date.now() });
    } catch (err) {
      rethrowConsent(err);
      // Jira refused the user themselves (no access to Jira on the site, e.g. a Confluence-only viewer of the macro).
      if (err instanceof ForgeAuthError && err.mode === 'user') return failure('forbidden', err.message);
      if (err instanceof JiraError) return failure('jira', err.message);
      if (err instanceof StorageBusyError) return failure('busy', err.message);
      throw err;
    } finally {
      // Issue #12: what this call spent is counted for the hour, with one write and no read (nothing if nothing).
      await recordSpend(Date.now());
    }
  });
}

const NO_PROJECT = failure(
  'not-configured',
  'no Jira project here: open Phase Gate from a project, or pick a project in the macro settings',
);

function denied(project: string): ReturnType<typeof failure> {
  // The same words whether the project does not exist or the user cannot browse it: nothing leaks.
  return failure('forbidden', `you cannot browse project ${project}, or it does not exist`);
}

/**
 * The project of the call, once the user is known to hold `need` on it:
 * - `browse`: Browse projects — everything that shows the project's data (figures, evidence, ideas);
 * - `settings`: Browse projects or Administer projects (or Jira) — reading the settings, which hold no issue data;
 * - `administer`: Administer projects (or Jira) — changing them.
 */
async function authorise(
  call: { caller: Caller; context: Record<string, unknown>; now: number },
  need: 'browse' | 'settings' | 'administer',
): Promise<
  { project: string; home: HomeRef; access: ProjectAccess } | { error: ReturnType<typeof failure> }
> {
  const project = claimedProject(call.context);
  if (!project) return { error: NO_PROJECT };
  const access = await projectAccess(jiraClient('user', 'resolver'), call.caller, project, call.now);
  if (!access.browse && !access.administer) return { error: denied(project) };
  if (need === 'browse' && !access.browse) return { error: denied(project) };
  if (need === 'administer' && !access.administer) {
    return {
      error: failure(
        'forbidden',
        `only administrators of project ${project} may change its Phase Gate settings`,
      ),
    };
  }
  // The project's id keys its documents (issue #10); a key met for the first time is looked up once, and a key
  // rename found there keeps the project's settings, gate and history (its recompute then uses the new key).
  // Looked up as the user, who may view it (checked above): a project the app cannot read yet is still found.
  const ref = await projectRef(project, { now: call.now, client: jiraClient('user', 'resolver') });
  if (!ref) return { error: denied(project) };
  if (ref.renamedFrom) await queueRecompute(ref.key, 'settings', 5).catch(() => undefined);
  return { project: ref.key, home: { id: ref.id, key: ref.key }, access };
}

/**
 * The source projects among `projects` (the home excepted: `authorise` checked it) that the user may not browse,
 * asked of Jira as the user, one cached `mypermissions` of Browse alone per project.
 */
async function unbrowsable(
  call: { caller: Caller; now: number },
  home: string,
  projects: readonly string[],
): Promise<string[]> {
  const others = projects.filter((p) => p !== home);
  if (others.length === 0) return [];
  const client = jiraClient('user', 'resolver');
  const browse = await Promise.all(others.map((p) => mayBrowse(client, call.caller, p, call.now)));
  return others.filter((_, i) => !browse[i]);
}

function needAccess(missing: readonly string[], what: 'see' | 'save'): ReturnType<typeof failure> {
  return failure('forbidden', `you need access to ${missing.join(', ')} to ${what} this gate`);
}

/**
 * A gate the user may view (SPEC §7, issue #11): Browse on its home and on every project it reads, checked as the
 * user before anything of it is read out or computed. Otherwise "you need access to ITSM, APP2 to see this gate".
 */
async function viewableGate(call: {
  caller: Caller;
  context: Record<string, unknown>;
  now: number;
}): Promise<
  | { project: string; home: HomeRef; doc: GateDoc | undefined; config: Config; access: ProjectAccess }
  | { error: ReturnType<typeof failure> }
> {
  const auth = await authorise(call, 'browse');
  if ('error' in auth) return auth;
  const doc = await readGate(auth.home.id);
  const config = await configFor(auth.home.id, doc);
  const missing = await unbrowsable(call, auth.project, gateProjects(auth.project, config, doc));
  if (missing.length) return { error: needAccess(missing, 'see') };
  return { project: auth.project, home: auth.home, doc, config, access: auth.access };
}

/** Computes now, as the app, within the resolver's time; a failure that may pass is retried in the background. */
async function computeNow(home: HomeRef, config: Config, now: number) {
  const project = home.key;
  const outcome = await computeAndStore(home, config, {
    now,
    budget: 'resolver',
    deadline: now + RESOLVER_DEADLINE_MS,
  });
  if (!outcome.ok) await queueRecompute(project, 'retry', 5).catch(() => undefined);
  else if (outcome.change === 'unlocked') await queueRecompute(project, 'notices').catch(() => undefined);
  return outcome.doc;
}

// ---------------------------------------------------------------------------------------------------------------
// The gate

define('getGate', async (call) => {
  const auth = await viewableGate(call);
  if ('error' in auth) return auth.error;
  const { doc, config } = auth;
  if (doc && (doc.snapshot || doc.lastAttemptAt)) {
    const view = gateView(auth.project, doc, call.now);
    // Stale (the hourly recompute keeps failing or stopped): ask for one more, at most one queued at a time.
    if (view.stale) await queueDebouncedRecompute(auth.project, call.now).catch(() => undefined);
    // Opened: a configured project stays in the schedule (one that left it comes back only for an admin).
    await noteProjectSeen(auth.home.id, call.now, { admin: auth.access.administer }).catch(() => undefined);
    return view;
  }
  // First view: computed once, now — a full read, at most one an hour per gate whoever asks. Opening a page does not
  // enrol the project in the hourly schedule: only a settings save (project admin) or the setup (Jira admin) does.
  if (!(await claimFullRead(auth.home.id, call.now))) {
    // Its first computation was queued (too big to finish inline): the time left, for the page to poll.
    const computing = await readComputing(auth.home.id, call.now);
    return { ...gateView(auth.project, doc, call.now), ...(computing ? { computing } : {}) };
  }
  // Inline while it fits well inside the resolver's 25 s: forecast from Jira's counts, or past FIRST_VIEW_DEADLINE_MS
  // after all, it goes to the queue (issue #12).
  const outcome = await computeAndStore(auth.home, config, {
    now: call.now,
    budget: 'resolver',
    deadline: call.now + FIRST_VIEW_DEADLINE_MS,
    recordTimeout: false,
    forecast: true,
  });
  await noteProjectSeen(auth.home.id, call.now, { admin: auth.access.administer }).catch(() => undefined);
  if (!outcome.ok && 'timedOut' in outcome) {
    const now = Date.now();
    const etaSeconds = outcome.etaSeconds ?? estimateEtaSeconds(now - call.now);
    // A full read (there are no stored facts yet) under the hour's claim this view holds, for a project that may
    // not be enrolled: the consumer's 'first-view' reason (src/forge/events.ts). Nothing is enrolled by it.
    try {
      await queueRecompute(auth.project, 'first-view');
    } catch (err) {
      // Not queued: said as before (an error beside no snapshot); the next view within the hour shows it.
      const failed = await recordFailure(
        auth.home.id,
        `the first computation did not finish in time and could not be queued (${describeFailure(err)})`,
        call.now,
        config,
        { key: auth.project },
      );
      return gateView(auth.project, failed, now);
    }
    await markComputing(auth.home.id, { queuedAt: now, etaSeconds });
    return { ...gateView(auth.project, doc, now), computing: { etaSeconds } };
  }
  if (!outcome.ok) await queueRecompute(auth.project, 'retry', 5).catch(() => undefined);
  else if (outcome.change === 'unlocked')
    await queueRecompute(auth.project, 'notices').catch(() => undefined);
  return gateView(auth.project, outcome.doc, Date.now());
});

define('refresh', async (call) => {
  const auth = await viewableGate(call);
  if ('error' in auth) return auth.error;
  const { doc, config } = auth;
  const answer = (d: GateDoc | undefined, at: number, refresh: RefreshOutcome): GateView => ({
    ...gateView(auth.project, d, at),
    refresh,
  });
  const throttled = (from: number): RefreshOutcome => ({
    outcome: 'throttled',
    retryAt: new Date(from + REFRESH_THROTTLE_SECONDS * 1000).toISOString(),
  });
  const last = doc?.lastAttemptAt ? Date.parse(doc.lastAttemptAt) : NaN;
  if (doc && Number.isFinite(last) && call.now - last < REFRESH_THROTTLE_SECONDS * 1000) {
    return answer(doc, call.now, throttled(last));
  }
  // `lastAttemptAt` is written when a computation ends: refreshes arriving together would each read the whole project.
  // One claim per throttle period lets one of them compute; the others answer the stored state.
  if (!(await claimRefresh(auth.project, call.now, REFRESH_THROTTLE_SECONDS))) {
    return answer(doc, call.now, throttled(call.now));
  }
  // The cheap path first: the stored facts and the issues changed since (recorded by events, or found by one search
  // for what was updated since the last sync — about a point plus one per changed issue), read as the app.
  const incremental = await recomputeFromStoredFacts(auth.home.key, config, {
    now: call.now,
    homeId: auth.home.id,
    sweep: true,
    budget: 'resolver',
    deadline: call.now + RESOLVER_DEADLINE_MS,
  });
  if (incremental.done) {
    const { outcome } = incremental;
    if (outcome.change === 'unlocked') await queueRecompute(auth.project, 'notices').catch(() => undefined);
    return answer(outcome.doc, Date.now(), { outcome: 'updated' });
  }
  // Computed, but the store failed: recorded beside the last good snapshot and retried; a full read would not help.
  if (incremental.storeFailed) {
    await queueRecompute(auth.project, 'retry', 60).catch(() => undefined);
    return answer(await readGate(auth.home.id), call.now, { outcome: 'deferred' });
  }
  // A full read (thousands of points for a big project) at most once an hour per gate, whoever asks.
  if (!(await claimFullRead(auth.home.id, call.now))) {
    if (!incremental.failed) return answer(doc, call.now, { outcome: 'deferred' });
    // Jira failed the cheap path: recorded beside the last good snapshot, and retried in the background.
    const failed = await recordFailure(auth.home.id, incremental.why, call.now, config, {
      key: auth.project,
    });
    await queueRecompute(auth.project, 'retry', 60).catch(() => undefined);
    return answer(failed, call.now, { outcome: 'deferred' });
  }
  const stored = await computeNow(auth.home, config, call.now);
  return answer(stored, Date.now(), { outcome: 'computed' });
});

// ---------------------------------------------------------------------------------------------------------------
// The audit trail (issue #13)

/**
 * What the gate enforced each day, newest first: the stored history as it is (no Jira read beyond the access
 * check). The same rule as getGate: Browse on the home and on every project the gate reads.
 */
define('getAudit', async (call) => {
  const auth = await viewableGate(call);
  if ('error' in auth) return auth.error;
  const history = await readHistory(auth.home.id);
  return { project: auth.project, timeZone: auth.config.timeZone, days: [...history.days].reverse() };
});

const named = (v: unknown): string | null => {
  const name = (v as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : null;
};
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function evidenceIssue(key: string, fields: Record<string, unknown>): EvidenceIssue {
  return {
    key,
    summary: text(fields.summary) ?? '',
    status: named(fields.status) ?? '',
    priority: named(fields.priority),
    created: text(fields.created),
    resolved: text(fields.resolutiondate),
    dueDate: text(fields.duedate),
  };
}

define('getEvidence', async (call) => {
  const auth = await viewableGate(call);
  if ('error' in auth) return auth.error;
  const { doc } = auth;
  const keys = (doc?.snapshot?.evidence[call.payload.list] ?? []).filter(isIssueKey);
  if (keys.length === 0) return [];
  // Read as the user: issues they cannot see are simply not returned. Bulk fetch (not `key in (…)` JQL) because a
  // deleted or hidden key makes a JQL query fail as a whole.
  const client = jiraClient('user', 'resolver', call.now + RESOLVER_DEADLINE_MS);
  const found = new Map<string, EvidenceIssue>();
  for (let i = 0; i < keys.length; i += 100) {
    const page = await bulkFetchIssues(client, {
      issueIdsOrKeys: keys.slice(i, i + 100),
      fields: ['summary', 'status', 'priority', 'created', 'resolutiondate', 'duedate'],
    });
    for (const issue of page.issues ?? []) found.set(issue.key, evidenceIssue(issue.key, issue.fields ?? {}));
  }
  return keys.map((k) => found.get(k)).filter((i): i is EvidenceIssue => i !== undefined);
});

// ---------------------------------------------------------------------------------------------------------------
// Settings

function settingsView(
  project: string,
  config: Config,
  doc: SettingsDoc | undefined,
  access: ProjectAccess,
): SettingsView {
  const versions = (doc?.previous ?? []).map((v) => ({
    version: v.version,
    savedAt: v.savedAt,
    savedBy: v.savedBy,
  }));
  // What each version changed, by version number (versions saved before issue #10 recorded nothing).
  const changes: Record<string, string[]> = {};
  for (const v of [...(doc ? [doc] : []), ...(doc?.previous ?? [])]) {
    if (v.changes) changes[String(v.version)] = v.changes;
  }
  return {
    project,
    config,
    version: doc?.version ?? 0,
    current: doc ? { version: doc.version, savedAt: doc.savedAt, savedBy: doc.savedBy } : null,
    versions,
    changes,
    canAdminister: access.administer,
  };
}

define('getSettings', async (call) => {
  const auth = await authorise(call, 'settings');
  if ('error' in auth) return auth.error;
  const [doc, gate] = await Promise.all([readSettings(auth.home.id), readGate(auth.home.id)]);
  const config = doc ? storedConfig(doc.config) : await configFor(auth.home.id, gate);
  return settingsView(auth.project, config, doc, auth.access);
});

/** "IDEAS is already governed by the gate "Northwind IT" (home ITSM)…", naming the other gate. */
async function claimedMessage(err: IdeaProjectClaimedError, words: Words): Promise<string> {
  const [idea, other] = await Promise.all([
    readProjectRef(err.ideaProjectId),
    readProjectRef(err.otherHomeId),
  ]);
  const otherKey = other?.key ?? err.otherHomeId;
  const otherDoc = await readGate(err.otherHomeId);
  const name = otherDoc?.config.name ?? otherDoc?.snapshot?.report.gate?.name ?? other?.name ?? otherKey;
  return words.translator.t('settings.ideaProjectClaimed', {
    project: idea?.key ?? err.ideaProjectId,
    name,
    home: otherKey,
  });
}

/** Validates, checks the JQL clauses with Jira, saves a new version and queues a recompute. */
async function save(
  home: HomeRef,
  input: unknown,
  call: Call<'saveSettings'> | Call<'restoreSettings'>,
  access: ProjectAccess,
): Promise<SaveSettingsResult | ResolverError> {
  const project = home.key;
  // Refusals in the viewer's language (the context's locale: a claim that chooses words only, issue #14).
  const words = wordsFor(claimedLocale(call.context));
  const parsed = ConfigSchema.safeParse(input);
  // In the page's words, the field named ("Major incidents allowed must be 0 or more"), never zod's (issue #10).
  if (!parsed.success) return { ok: false, errors: settingsIssues(parsed.error, input, words) };
  const config = parsed.data;
  // A form loaded from an older version is refused before Jira is asked anything (and again inside the lease).
  const baseVersion = call.payload.baseVersion;
  if (baseVersion !== undefined) {
    const current = await readSettings(home.id);
    if ((current?.version ?? 0) !== baseVersion) {
      return staleAnswer(
        {
          version: current?.version ?? 0,
          savedAt: current?.savedAt ?? '',
          savedBy: current?.savedBy ?? '',
        },
        words,
      );
    }
  }
  // Administer on the home (authorise) and Browse on every other project the gate would read (issue #11): nobody
  // builds a gate over data they cannot see.
  const missing = await unbrowsable(call, project, scopeProjects(gateScope(project, config)));
  if (missing.length) return needAccess(missing, 'save');
  const clauses = { incidentJql: config.incidentJql, deliveryJql: config.deliveryJql };
  const deadline = call.now + RESOLVER_DEADLINE_MS;
  const asUserClient = jiraClient('user', 'resolver', deadline);
  // First as the admin who saves: Jira's answers (a value "does not exist") then speak of their own view only. As the
  // app, which sees every project, they would tell them which projects and issues they cannot browse exist.
  const asUser = await checkClauses(asUserClient, clauses, words);
  if (asUser.length) return { ok: false, errors: asUser.map((p) => inPageWords(p, words)) };
  // Then as the app, which runs the clauses: whatever it cannot run is about things the admin sees.
  const asApp = await checkClauses(jiraClient('app', 'resolver', deadline), clauses, words);
  if (asApp.length) {
    return {
      ok: false,
      errors: asApp.map((p) => ({
        path: p.path,
        message: words.translator.t('settings.cannotRunClause', { message: p.message }),
      })),
    };
  }
  // Every name the admin wrote must exist on the site (as they see it), with the site's choices when not (#10).
  const names = await checkNames(asUserClient, project, config);
  if (!names.ok) return { ok: false, errors: names.errors.map((p) => inPageWords(p, words)) };
  // Which gate governs which ideas, and which gates read which project (SPEC §3.0): recorded with the save, in the
  // index's lease, so two gates saved together cannot both claim an idea project.
  const { projects, sources } = names.resolved;
  const idOf = (key: string) => projects.get(key)?.id;
  for (const p of projects.values()) await learnProject(p, call.now);
  const homeId = home.id;
  const explicitIdeaProjects = config.ideaProjects
    ? sources.ideas.projects.map(idOf).filter((id): id is string => id !== undefined)
    : [];
  let doc: SettingsDoc;
  try {
    doc = await updateGateIndex(
      homeId,
      { explicitIdeaProjects, sourceProjects: [...projects.values()].map((p) => p.id) },
      () =>
        storeSettings(home.id, config, call.caller.accountId, call.now, {
          key: project,
          ...(baseVersion !== undefined ? { baseVersion } : {}),
          changes: (before, after) => describeChanges(before ?? DEFAULT_CONFIG, after),
        }),
    );
  } catch (err) {
    if (err instanceof StaleSettingsError) return staleAnswer(err.current, words);
    if (!(err instanceof IdeaProjectClaimedError)) throw err;
    return { ok: false, errors: [{ path: 'ideaProjects', message: await claimedMessage(err, words) }] };
  }
  await markConfigured(home.id, call.caller.accountId, call.now, project);
  await queueRecompute(project, 'settings', 5).catch(() => undefined);
  return {
    ok: true,
    settings: settingsView(project, config, doc, access),
    warnings: names.resolved.warnings,
  };
}

/** "2026-12-03T11:50:12.000Z" → "3 Dec 2026, 11:50 UTC", the wording module's date-time. */
function instantText(iso: string, words: Words): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? words.formatDateTime(t, 'UTC') : words.translator.t('settings.unknownTime');
}

/** The refusal of a save based on an older version: who saved the current one and when; nothing was written. */
function staleAnswer(
  current: { version: number; savedAt: string; savedBy: string },
  words: Words,
): SaveSettingsResult {
  const { t } = words.translator;
  const by = current.savedBy ? t('settings.staleAccount', { id: current.savedBy }) : t('settings.someone');
  const message =
    current.version === 0
      ? t('settings.staleReset')
      : staleSettingsMessage(by, instantText(current.savedAt, words), words);
  return { ok: false, errors: [{ path: '', message }], stale: current };
}

define('saveSettings', async (call) => {
  const auth = await authorise(call, 'administer');
  if ('error' in auth) return auth.error;
  return save(auth.home, call.payload.config, call, auth.access);
});

define('restoreSettings', async (call) => {
  const auth = await authorise(call, 'administer');
  if ('error' in auth) return auth.error;
  // Version 0 is the defaults, always restorable (saved as a new version, like any restore).
  if (call.payload.version === 0) return save(auth.home, {}, call, auth.access);
  const version = await readSettingsVersion(auth.home.id, call.payload.version);
  if (!version) {
    return failure(
      'not-found',
      `version ${call.payload.version} of the settings of ${auth.project} is not kept`,
    );
  }
  return save(auth.home, version.config, call, auth.access);
});

// ---------------------------------------------------------------------------------------------------------------
// Settings choices (issue #10): the site's names for the settings page's pickers

/** At most this many labels are offered (10 pages of Jira's 1000); the page still takes any label typed. */
const MAX_LABELS = 10_000;

const typeChoice = (t: IssueTypeDetails): TypeChoice => ({
  id: t.id,
  name: t.name,
  hierarchyLevel: typeof t.hierarchyLevel === 'number' ? t.hierarchyLevel : null,
});

define('getSettingsChoices', async (call) => {
  // Project admins of the home only; read as the admin, as the save checks the names: they see what they may pick.
  const auth = await authorise(call, 'administer');
  if ('error' in auth) return auth.error;
  const stored = await readSettings(auth.home.id);
  const config = stored ? storedConfig(stored.config) : await configFor(auth.home.id);
  const form = call.payload;
  const scope = gateScope(auth.project, {
    incidentProjects: form.incidentProjects ?? config.incidentProjects,
    deliveryProjects: form.deliveryProjects ?? config.deliveryProjects,
    ideaProjects: form.ideaProjects ?? config.ideaProjects,
  });
  const keys = scopeProjects(scope);
  // Only projects the admin may browse are read (as for a save): nothing about the others comes back.
  const hidden = new Set(await unbrowsable(call, auth.project, keys));
  const client = jiraClient('user', 'resolver', call.now + RESOLVER_DEADLINE_MS);
  const read = async (key: string) => {
    if (hidden.has(key)) return null;
    try {
      const p = await getProject(client, key);
      return { key: p.key, name: p.name ?? p.key, types: (p.issueTypes ?? []).map(typeChoice) };
    } catch (err) {
      if (err instanceof JiraError && (err.kind === 'not-found' || err.kind === 'forbidden')) return null;
      throw err;
    }
  };
  // Labels only help the pickers (any label may be typed): a site that cannot list them still shows the page.
  const labels = async (): Promise<{ labels: string[]; complete: boolean }> => {
    const out: string[] = [];
    try {
      for (let startAt = 0; out.length < MAX_LABELS;) {
        const page = await searchLabels(client, startAt, 1000);
        out.push(...page.values);
        startAt += page.values.length;
        const done = page.isLast ?? (page.total !== undefined ? startAt >= page.total : true);
        if (done || page.values.length === 0) return { labels: out, complete: true };
      }
    } catch (err) {
      if (!(err instanceof JiraError)) throw err;
    }
    return { labels: out.slice(0, MAX_LABELS), complete: false };
  };
  const [projects, priorities, resolutions, site, names] = await Promise.all([
    Promise.all(keys.map(read)),
    sitePriorities(client),
    siteResolutions(client),
    labels(),
    // The saved settings' data-quality notes (a name in none of the source projects), as the save would find them.
    stored && hidden.size === 0
      ? checkNames(client, auth.project, config).catch((err: unknown) => {
          if (err instanceof JiraError) return null;
          throw err;
        })
      : Promise.resolve(null),
  ]);
  const byKey = new Map(keys.map((k, i) => [k, projects[i] ?? null]));
  const of = (list: readonly string[]) =>
    list.map((k) => byKey.get(k)).filter((p): p is NonNullable<typeof p> => !!p);
  const view: SettingsChoices = {
    project: auth.project,
    incidents: of(scope.incidentProjects),
    deliveries: of(scope.deliveryProjects),
    ideas: of(scope.ideaProjects),
    missingProjects: keys.filter((k) => !byKey.get(k)),
    priorities: priorities.map((p) => ({ id: p.id, name: p.name })),
    resolutions: resolutions.map((r) => ({ id: r.id, name: r.name })),
    labels: site.labels,
    labelsComplete: site.complete,
    warnings: names?.ok ? names.resolved.warnings : [],
  };
  return view;
});

// ---------------------------------------------------------------------------------------------------------------
// Ideas

define('getIdea', async (call) => {
  const claimed = claimedIssue(call.context);
  if (!claimed) return failure('bad-request', 'no issue here: the idea panel shows on an issue');
  const asUser = jiraClient('user', 'resolver');
  // Read as the user: Jira's own permissions (and issue security) decide whether they may see it.
  let issue: IdeaIssue;
  try {
    issue = await fetchIdeaIssue(asUser, claimed);
  } catch (err) {
    if (err instanceof JiraError && (err.kind === 'not-found' || err.kind === 'forbidden')) {
      return failure('forbidden', `you cannot see issue ${claimed}, or it does not exist`);
    }
    throw err;
  }
  // The project is Jira's answer, not the browser's claim.
  const project = issue.fields.project.key;
  const access = await projectAccess(asUser, call.caller, project, call.now);
  if (!access.browse) return denied(project);
  // Decided with the gate that governs the idea's project (SPEC §3.0), as the validator decides it.
  const { index, ideaType } = await readIdeaContext();
  const governing = await governingGate({ id: issue.fields.project.id, key: project }, index);
  const { doc, home } = governing;
  const parsedConfig = doc ? storedConfigOrNull(doc.config) : await configFor(governing.homeId ?? home);
  const config = parsedConfig ?? DEFAULT_CONFIG;
  // The user may see the idea (read as them above); who added its labels and whether they administer the project
  // are read as the app (checking another account's permissions needs it).
  const decision = await decideStoredIdea(
    jiraClient('app', 'resolver'),
    ideaFacts(issue, config.timeZone),
    issue.fields.project.id,
    doc,
    config,
    parsedConfig ? gateState(home, doc, call.now) : unparsableSettings(home),
    [],
    ideaType,
    wordsFor(claimedLocale(call.context)),
  );
  const view: IdeaView = {
    issue: issue.key,
    project,
    gate: { home, name: doc?.config.name ?? doc?.snapshot?.report.gate?.name ?? home },
    isIdea: decision.isIdea,
    locked: decision.locked,
    reasons: decision.reasons,
    bypass: decision.bypass,
    phase: doc?.snapshot?.report.phase ?? null,
    computedAt: doc?.snapshot?.computedAt ?? null,
  };
  return view;
});

// ---------------------------------------------------------------------------------------------------------------
// Projects, setup, portfolio

const ProjectPage = z.object({
  values: z.array(z.object({ key: z.string(), name: z.string().optional() }).passthrough()),
  isLast: z.boolean().optional(),
});

define('listProjects', async (call) => {
  // As the user, `action=browse`: Jira lists only the projects they may browse (its default, `view`, also lists
  // projects they merely administer, whose gate they could not open).
  const client = jiraClient('user', 'resolver', call.now + RESOLVER_DEADLINE_MS);
  const query = call.payload.query?.trim() ?? '';
  const params = new URLSearchParams({ query, maxResults: '50', orderBy: 'key', action: 'browse' });
  const page = await searchProjects(client, params, ProjectPage);
  const out: ProjectOption[] = page.values.map((p) => ({ key: p.key, name: p.name ?? p.key }));
  return out;
});

define('setup', async (call) => {
  const asUser = jiraClient('user', 'resolver', call.now + RESOLVER_DEADLINE_MS);
  if (!(await isJiraAdmin(asUser, call.caller, call.now))) {
    return failure('forbidden', 'only Jira administrators may run the Phase Gate setup');
  }
  const project = call.payload.projectKey;
  const ref = await projectRef(project, { now: call.now, client: asUser });
  const { ideaType } = ref ? await configFor(ref.id) : DEFAULT_CONFIG;
  return runSetup(
    asUser,
    project,
    ideaType,
    async () => {
      if (!ref) return false; // runSetup found the project: `ref` was found before it
      const added = await markConfigured(ref.id, call.caller.accountId, call.now, ref.key);
      await ensureGateDoc(ref.id, await configFor(ref.id), ref.key);
      if (added) await queueRecompute(project, 'settings', 5).catch(() => undefined);
      return added;
    },
    (type) => storeIdeaType(type, call.now),
    jiraClient('app', 'resolver', call.now + RESOLVER_DEADLINE_MS),
    wordsFor(claimedLocale(call.context)),
  );
});

/**
 * The configured projects among `keys` that the user can browse (Jira's project search with `action=browse` lists no
 * others; its default, `view`, would add projects the user only administers).
 */
async function browsable(keys: readonly string[], now: number): Promise<Set<string>> {
  const client = jiraClient('user', 'resolver', now + RESOLVER_DEADLINE_MS);
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 50) {
    const params = new URLSearchParams();
    for (const k of keys.slice(i, i + 50)) params.append('keys', k);
    params.set('maxResults', '50');
    params.set('action', 'browse');
    const page = await searchProjects(client, params, ProjectPage);
    for (const p of page.values) out.add(p.key);
  }
  return out;
}

/** The gate's display name: its settings' `name`, else the stored report's, else the home key. */
function gateName(home: string, doc: GateDoc | undefined): string {
  return doc?.config.name ?? doc?.snapshot?.report.gate?.name ?? home;
}

/**
 * The stored gates the user may open, by home key: those whose home and every project they read the user can browse
 * (issue #11), read from the gates' summaries (issue #12: a few hundred bytes each, never the full documents; Jira
 * is asked only which projects the user can browse).
 */
async function visibleGates(now: number): Promise<{ key: string; summary: GateSummary }[]> {
  // Configured projects are listed by id (a project of version 1 by its key until its documents move).
  const configured = await listConfiguredProjects();
  if (configured.length === 0) return [];
  const refs = await readProjectRefs(configured.filter(isProjectId));
  const keyOf = new Map<string, string>();
  for (const p of configured) {
    const key = isProjectId(p) ? refs.get(p)?.key : p;
    if (key) keyOf.set(p, key);
  }
  const visible = await browsable([...new Set(keyOf.values())], now);
  const homes = [...keyOf.keys()].filter((p) => visible.has(keyOf.get(p)!));
  const stored = await readGateSummaries(homes);
  // A configured project with no gate document yet: listed, never computed.
  const summaries = new Map(homes.map((p) => [p, stored.get(p) ?? NO_GATE_SUMMARY]));
  // A gate is listed only when the user may browse every project it reads (issue #11): the sources of the
  // configuration in force and of the one its snapshot was computed with (gate.ts `gateProjects`).
  const reads = new Map(
    homes.map((p) => {
      const home = keyOf.get(p)!;
      return [p, [...new Set(summaries.get(p)!.scopes.flatMap((s) => scopeProjects(gateScope(home, s))))]];
    }),
  );
  const others = [...new Set([...reads.values()].flat())].filter((p) => !visible.has(p));
  if (others.length) for (const p of await browsable(others, now)) visible.add(p);
  return homes
    .filter((p) => reads.get(p)!.every((s) => visible.has(s)))
    .map((p) => ({ key: keyOf.get(p)!, summary: summaries.get(p)! }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

define('getPortfolio', async (call) => {
  // The portfolio is the admin page's: Jira administrators only, asked of Jira as the user.
  const asUser = jiraClient('user', 'resolver', call.now + RESOLVER_DEADLINE_MS);
  if (!(await isJiraAdmin(asUser, call.caller, call.now))) {
    return failure('forbidden', 'only Jira administrators may see the Phase Gate portfolio');
  }
  return (await visibleGates(call.now)).map((g) => summaryRow(g.key, g.summary));
});

define('listGates', async (call) => {
  const out: GateOption[] = (await visibleGates(call.now)).map((g) => ({
    home: g.key,
    name: g.summary.name ?? g.key,
    phase: g.summary.phase,
  }));
  return out;
});

define('getMemberships', async (call) => {
  // Browse on the project, as the user; then stored documents only: the index of which gates read which project.
  const auth = await authorise(call, 'browse');
  if ('error' in auth) return auth.error;
  const index = await readIdeaIndex();
  const homeIds = [...new Set([auth.home.id, ...(index.sources[auth.home.id] ?? [])])];
  const [docs, refs] = await Promise.all([readGates(homeIds), readProjectRefs(homeIds.filter(isProjectId))]);
  const gates: Membership[] = [];
  let hidden = 0;
  for (const id of homeIds) {
    const doc = docs.get(id);
    if (!doc) continue;
    const home = id === auth.home.id ? auth.project : (refs.get(id)?.key ?? doc.project);
    const config = storedConfig(doc.config);
    // The index may lag a save: the gate's configuration says what it reads.
    const scope = gateScope(home, config);
    const roles: Membership['roles'] = [];
    if (scope.incidentProjects.includes(auth.project)) roles.push('incidents');
    if (scope.deliveryProjects.includes(auth.project)) roles.push('deliverables');
    if (scope.ideaProjects.includes(auth.project)) roles.push('ideas');
    if (roles.length === 0) continue;
    // Listed only for a viewer of every project the gate reads (as its page would be); the others are only counted.
    const missing = await unbrowsable(call, auth.project, [home, ...gateProjects(home, config, doc)]);
    if (missing.length) {
      hidden++;
      continue;
    }
    const report = doc.snapshot?.report;
    gates.push({
      home,
      name: gateName(home, doc),
      roles,
      phase: report?.phase ?? null,
      phaseName: report?.phaseName ?? null,
      innovationUnlocked: report?.innovationUnlocked ?? null,
      computedAt: doc.snapshot?.computedAt ?? null,
    });
  }
  // The project's own gate first, then by home key.
  const rank = (g: Membership) => `${g.home === auth.project ? 0 : 1}:${g.home}`;
  gates.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
  const view: MembershipsView = { project: auth.project, gates, hidden };
  return view;
});

define('getGateSources', async (call) => {
  // The settings page's reading right (Browse or Administer on the home): names and ids, no issue data.
  const auth = await authorise(call, 'settings');
  if ('error' in auth) return auth.error;
  const doc = await readGate(auth.home.id);
  const snapshot = doc?.snapshot ?? null;
  const config = doc ? storedConfig(doc.config) : null;
  const computedWith = doc?.snapshotConfig ? storedConfigOrNull(doc.snapshotConfig) : null;
  const view: GateSourcesView = {
    project: auth.project,
    sources: snapshot?.report.sources ?? null,
    computedAt: snapshot?.computedAt ?? null,
    pending:
      snapshot !== null && computedWith !== null && JSON.stringify(computedWith) !== JSON.stringify(config),
  };
  return view;
});

/** The resolver function of every Custom UI module (manifest: `function: resolver`). */
export const handler = resolver.getDefinitions();
