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
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { ConfigSchema, describeIssues, type Config } from '../core/config';
import { decideStoredIdea } from './ideaDecision';
import { JiraError } from '../jira/errors';
import { checkJqlClauses } from '../jira/jqlValidation';
import { ForgeAuthError } from '../jira/forgeTransport';
import type {
  EvidenceIssue,
  IdeaView,
  PortfolioRow,
  ProjectOption,
  ResolverName,
  ResolverResponse,
  SaveSettingsResult,
  SettingsView,
} from './contract';
import { computeAndStore, configFor, gateState, gateView, storedConfig } from './gate';
import { jiraClient, RESOLVER_DEADLINE_MS, rethrowConsent } from './jira';
import { isJiraAdmin, projectAccess, type ProjectAccess } from './permissions';
import { queueDebouncedRecompute, queueRecompute } from './queue';
import {
  claimedIssue,
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
import {
  claimRefresh,
  ensureGateDoc,
  listConfiguredProjects,
  markConfigured,
  readGate,
  readGates,
  readSettings,
  readSettingsVersion,
  saveSettings as storeSettings,
  StorageBusyError,
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
    if (!caller) return failure('forbidden', 'Phase Gate answers signed-in Jira users only');
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
): Promise<{ project: string; access: ProjectAccess } | { error: ReturnType<typeof failure> }> {
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
  return { project, access };
}

/** Computes now, as the app, within the resolver's time; a failure that may pass is retried in the background. */
async function computeNow(project: string, config: Config, now: number) {
  const outcome = await computeAndStore(project, config, {
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
  const auth = await authorise(call, 'browse');
  if ('error' in auth) return auth.error;
  const doc = await readGate(auth.project);
  if (doc && (doc.snapshot || doc.lastAttemptAt)) {
    const view = gateView(auth.project, doc, call.now);
    // Stale (the hourly recompute keeps failing or stopped): ask for one more, at most one queued at a time.
    if (view.stale) await queueDebouncedRecompute(auth.project, call.now).catch(() => undefined);
    return view;
  }
  // First view: the project becomes configured and its gate is computed once, now.
  await markConfigured(auth.project, call.caller.accountId, call.now);
  const config = await configFor(auth.project, doc);
  const stored = await computeNow(auth.project, config, call.now);
  return gateView(auth.project, stored, Date.now());
});

define('refresh', async (call) => {
  const auth = await authorise(call, 'browse');
  if ('error' in auth) return auth.error;
  const doc = await readGate(auth.project);
  const last = doc?.lastAttemptAt ? Date.parse(doc.lastAttemptAt) : NaN;
  if (doc && Number.isFinite(last) && call.now - last < REFRESH_THROTTLE_SECONDS * 1000) {
    return gateView(auth.project, doc, call.now);
  }
  // `lastAttemptAt` is written when a computation ends: refreshes arriving together would each read the whole project.
  // One claim per throttle period lets one of them compute; the others answer the stored state.
  if (!(await claimRefresh(auth.project, call.now, REFRESH_THROTTLE_SECONDS))) {
    return gateView(auth.project, doc, call.now);
  }
  if (!doc) await markConfigured(auth.project, call.caller.accountId, call.now);
  const config = await configFor(auth.project, doc);
  const stored = await computeNow(auth.project, config, call.now);
  return gateView(auth.project, stored, Date.now());
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
  const auth = await authorise(call, 'browse');
  if ('error' in auth) return auth.error;
  const doc = await readGate(auth.project);
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
  return { project, config, versions: doc?.previous ?? [], canAdminister: access.administer };
}

define('getSettings', async (call) => {
  const auth = await authorise(call, 'settings');
  if ('error' in auth) return auth.error;
  const [doc, gate] = await Promise.all([readSettings(auth.project), readGate(auth.project)]);
  const config = doc ? storedConfig(doc.config) : await configFor(auth.project, gate);
  return settingsView(auth.project, config, doc, auth.access);
});

/** Validates, checks the JQL clauses with Jira, saves a new version and queues a recompute. */
async function save(
  project: string,
  input: unknown,
  call: Call<'saveSettings'> | Call<'restoreSettings'>,
  access: ProjectAccess,
): Promise<SaveSettingsResult> {
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: describeIssues(parsed.error) };
  const config = parsed.data;
  const clauses = { incidentJql: config.incidentJql, deliveryJql: config.deliveryJql };
  const deadline = call.now + RESOLVER_DEADLINE_MS;
  // First as the admin who saves: Jira's answers (a value "does not exist") then speak of their own view only. As the
  // app, which sees every project, they would tell them which projects and issues they cannot browse exist.
  const asUser = await checkJqlClauses(jiraClient('user', 'resolver', deadline), clauses);
  if (asUser.length) {
    return { ok: false, errors: asUser.map((p) => ({ path: p.field, message: p.message })) };
  }
  // Then as the app, which runs the clauses: whatever it cannot run is about things the admin sees.
  const asApp = await checkJqlClauses(jiraClient('app', 'resolver', deadline), clauses);
  if (asApp.length) {
    return {
      ok: false,
      errors: asApp.map((p) => ({
        path: p.field,
        message: `Phase Gate cannot run this clause: ${p.message}`,
      })),
    };
  }
  const doc = await storeSettings(project, config, call.caller.accountId, call.now);
  await markConfigured(project, call.caller.accountId, call.now);
  await queueRecompute(project, 'settings', 5).catch(() => undefined);
  return { ok: true, settings: settingsView(project, config, doc, access) };
}

define('saveSettings', async (call) => {
  const auth = await authorise(call, 'administer');
  if ('error' in auth) return auth.error;
  return save(auth.project, call.payload.config, call, auth.access);
});

define('restoreSettings', async (call) => {
  const auth = await authorise(call, 'administer');
  if ('error' in auth) return auth.error;
  const version = await readSettingsVersion(auth.project, call.payload.version);
  if (!version) {
    return failure(
      'not-found',
      `version ${call.payload.version} of the settings of ${auth.project} is not kept`,
    );
  }
  return save(auth.project, version.config, call, auth.access);
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
  const doc = await readGate(project);
  const config = await configFor(project, doc);
  // The user may see the idea (read as them above); who added its labels and whether they administer the project
  // are read as the app (checking another account's permissions needs it).
  const decision = await decideStoredIdea(
    jiraClient('app', 'resolver'),
    ideaFacts(issue, config.timeZone),
    issue.fields.project.id,
    doc,
    config,
    gateState(project, doc, call.now),
  );
  const view: IdeaView = {
    issue: issue.key,
    project,
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
  const { ideaType } = await configFor(project);
  return runSetup(asUser, project, ideaType, async () => {
    const added = await markConfigured(project, call.caller.accountId, call.now);
    await ensureGateDoc(project, await configFor(project));
    if (added) await queueRecompute(project, 'settings', 5).catch(() => undefined);
    return added;
  });
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

function portfolioRow(project: string, doc: GateDoc | undefined): PortfolioRow {
  const report = doc?.snapshot?.report;
  return {
    project,
    phase: report?.phase ?? null,
    phaseName: report?.phaseName ?? null,
    innovationUnlocked: report?.innovationUnlocked ?? null,
    computedAt: doc?.snapshot?.computedAt ?? null,
    lastError: doc?.lastError?.message ?? null,
  };
}

define('getPortfolio', async (call) => {
  const configured = await listConfiguredProjects();
  if (configured.length === 0) return [];
  const visible = await browsable(configured, call.now);
  const shown = configured.filter((p) => visible.has(p));
  const docs = await readGates(shown);
  return shown.map((p) => portfolioRow(p, docs.get(p)));
});

/** The resolver function of every Custom UI module (manifest: `function: resolver`). */
export const handler = resolver.getDefinitions();
