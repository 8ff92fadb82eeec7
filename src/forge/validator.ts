/**
 * The innovation gate on the workflow (`jira:workflowValidator`, function form).
 *
 * Jira calls the function with `{ issue: { key }, transition: { from: { id }, to: { id }, modifiedFields? },
 * configuration? }` and expects `{ result: boolean, errorMessage?: string }`. There is no user to act for, so every
 * Jira call is made as the app.
 *
 * It reads storage twice — the governance index with the stored idea type (one batched read), then the gate that
 * governs the idea's project (SPEC §3.0) — never an issue search on the transition path; the issue's type, status,
 * labels and resolution (one GET); and, only when it is about to block, the target status's category (cached). A
 * locked idea may not leave the To Do category, except to be declined (to Done with one of the gate's excluded
 * resolutions); every other transition and every other issue passes. The idea type is recognised by the id the setup
 * stored as well as by name, so renaming it lets nothing through.
 * When the gate state is unknown (never computed, or older than `maxSnapshotAgeHours`) ideas stay locked: the
 * validator fails closed and says why.
 */
import { JiraId as Id, getStatus } from '../jira/endpoints';
import { z } from 'zod';
import type { GateState } from '../core/ideas';
import { decideStoredIdea } from './ideaDecision';
import { JiraError } from '../jira/errors';
import { DEFAULT_CONFIG, DEFAULT_EXCLUDED_RESOLUTIONS } from '../core/config';
import { gateState, storedConfigOrNull, unparsableSettings } from './gate';
import { describeFailure, jiraClient } from './jira';
import { isIssueKey } from './request';
import { fetchIdeaIssue, ideaFacts, type IdeaIssue } from './ideaIssue';
import { governingGate } from './projects';
import { readIdeaContext, type GateDoc } from './storage';
import { recordSpend } from './pointsBudget';
import { namesMatch } from '../jira/siteNames';
import type { Config } from '../core/config';

/** The whole validation should take no longer than this; Jira waits for it while a person waits for Jira. */
export const VALIDATOR_BUDGET_MS = 5000;

export const ValidatorInput = z
  .object({
    issue: z.object({ key: z.string() }).passthrough(),
    transition: z
      .object({
        from: z.object({ id: Id }).passthrough().nullish(),
        to: z.object({ id: Id }).passthrough(),
        modifiedFields: z.record(z.string(), z.unknown()).nullish(),
      })
      .passthrough(),
    configuration: z.unknown().optional(),
  })
  .passthrough();

export interface ValidatorResult {
  result: boolean;
  errorMessage?: string;
}

/** Status id → category key; statuses rarely change category, and a warm function instance saves a request. */
const statusCategories = new Map<string, { key: string; until: number }>();

async function targetCategory(
  client: ReturnType<typeof jiraClient>,
  id: string,
  now: number,
): Promise<string> {
  const hit = statusCategories.get(id);
  if (hit && hit.until > now) return hit.key;
  // A status without a known category reads as '' (not To Do): a locked idea stays put (fail closed).
  const key = (await getStatus(client, id)).statusCategory?.key ?? '';
  if (statusCategories.size > 500) statusCategories.clear();
  statusCategories.set(id, { key, until: now + 10 * 60_000 });
  return key;
}

/** Forgets cached status categories (tests). */
export function clearStatusCache(): void {
  statusCategories.clear();
}

function block(message: string): ValidatorResult {
  return { result: false, errorMessage: message.length > 1000 ? `${message.slice(0, 997)}…` : message };
}

/** Labels as edited on the transition screen, when they were; the stored labels otherwise. */
function labelsOf(issue: IdeaIssue, modified: Record<string, unknown> | null | undefined): string[] {
  if (modified && 'labels' in modified) {
    const labels = modified.labels;
    return Array.isArray(labels) ? labels.filter((l): l is string => typeof l === 'string') : [];
  }
  return issue.fields.labels ?? [];
}

/** The resolution the transition sets (the transition screen's, else the issue's), as `{ id?, name? }`. */
function resolutionOf(
  issue: IdeaIssue,
  modified: Record<string, unknown> | null | undefined,
): { id?: string; name?: string } | null {
  if (modified && 'resolution' in modified) {
    const r = modified.resolution;
    if (typeof r === 'string' || typeof r === 'number') return { id: String(r), name: String(r) };
    if (r && typeof r === 'object') {
      const { id, name } = r as { id?: unknown; name?: unknown };
      return {
        ...(typeof id === 'string' || typeof id === 'number' ? { id: String(id) } : {}),
        ...(typeof name === 'string' ? { name } : {}),
      };
    }
    return null;
  }
  const own = issue.fields.resolution;
  return own ? { ...(own.id !== undefined ? { id: own.id } : {}), name: own.name } : null;
}

/**
 * True when the transition declines the idea: its resolution is one of the gate's excluded resolutions — by the id
 * the gate resolved, or by name (the configured names, case-insensitively).
 */
function declines(
  issue: IdeaIssue,
  modified: Record<string, unknown> | null | undefined,
  doc: GateDoc | undefined,
  config: Config,
): boolean {
  const resolution = resolutionOf(issue, modified);
  if (!resolution) return false;
  const ids = doc?.snapshot?.report.sources?.excludedResolutions ?? [];
  if (resolution.id !== undefined && ids.some((r) => r.id === resolution.id)) return true;
  const names = [...ids.map((r) => r.name), ...(config.excludedResolutions ?? DEFAULT_EXCLUDED_RESOLUTIONS)];
  return resolution.name !== undefined && names.some((n) => namesMatch({ name: resolution.name! }, n));
}

/**
 * Decides the transition. Never throws: what Jira does with a validator function that fails is not documented, so
 * anything unexpected blocks, with the reason (fail closed).
 */
export async function validate(args: unknown, now: number = Date.now()): Promise<ValidatorResult> {
  try {
    return await decide(args, now);
  } catch (err) {
    const key = (args as { issue?: { key?: unknown } } | null)?.issue?.key;
    const which = isIssueKey(key) ? key : 'this issue';
    return block(
      `Phase Gate could not read ${which} (${describeFailure(err)}); an idea stays in To Do until it can.`,
    );
  }
}

async function decide(args: unknown, now: number): Promise<ValidatorResult> {
  const input = ValidatorInput.safeParse(args);
  if (!input.success || !isIssueKey(input.data.issue.key)) {
    return block('Phase Gate could not read this transition, so it cannot let an idea through; try again.');
  }
  const { issue: ref, transition } = input.data;
  const client = jiraClient('app', 'validator', now + VALIDATOR_BUDGET_MS);
  let issue: IdeaIssue;
  let context: Awaited<ReturnType<typeof readIdeaContext>>;
  try {
    [issue, context] = await Promise.all([fetchIdeaIssue(client, ref.key), readIdeaContext()]);
  } catch (err) {
    return block(
      `Phase Gate could not read ${ref.key} (${describeFailure(err)}); an idea stays in To Do until it can.`,
    );
  }
  // The idea is decided with the gate that governs its project (SPEC §3.0): the one listing it, else its own.
  const governing = await governingGate(
    { id: issue.fields.project.id, key: issue.fields.project.key },
    context.index,
  );
  const project = governing.home;
  const doc = governing.doc;

  // No gate document: the project was never configured (settings are saved with one), so the defaults apply — and
  // the gate is unknown, so an idea stays locked.
  const config = doc ? storedConfigOrNull(doc.config) : DEFAULT_CONFIG;
  const labels = labelsOf(issue, transition.modifiedFields);
  const facts = { ...ideaFacts(issue), labels };
  const state: GateState = config ? gateState(project, doc, now) : unparsableSettings(project);
  // A label added on the transition screen is not in the changelog yet: nobody known added it, so it bypasses nothing.
  const addedNow = labels.filter((l) => !(issue.fields.labels ?? []).includes(l));
  const decision = await decideStoredIdea(
    client,
    facts,
    issue.fields.project.id,
    doc,
    config ?? DEFAULT_CONFIG,
    state,
    addedNow,
    context.ideaType,
  );
  if (!decision.locked) return { result: true };

  // A locked idea: only a move to another To Do status may pass — or a decline: a move to a Done status with one of
  // the gate's excluded resolutions, so a freeze does not make bad ideas immortal (issue #10).
  try {
    const category = await targetCategory(client, transition.to.id, now);
    if (category === 'new') return { result: true };
    if (category === 'done' && declines(issue, transition.modifiedFields, doc, config ?? DEFAULT_CONFIG)) {
      return { result: true };
    }
  } catch (err) {
    const why = err instanceof JiraError ? err.message : describeFailure(err);
    return block(`Phase Gate could not read the target status (${why}); a locked idea stays in To Do.`);
  }
  const labelsThatBypass = (config ?? DEFAULT_CONFIG).ideaBypassLabels;
  const bypass = labelsThatBypass.length
    ? ` Work labelled ${labelsThatBypass.map((l) => `"${l}"`).join(' or ')} is never held back.`
    : '';
  return block(
    `This idea stays in To Do: innovation is locked for ${project}. ${decision.reasons
      .map((r) => r.charAt(0).toUpperCase() + r.slice(1))
      .join('. ')}.${bypass}`,
  );
}

/** The function of the `jira:workflowValidator` module. */
export const handler = async (args: unknown): Promise<ValidatorResult> => {
  try {
    return await validate(args);
  } finally {
    // Issue #12: the issue read is counted for the installation's hour, with one write and no read.
    await recordSpend(Date.now());
  }
};
