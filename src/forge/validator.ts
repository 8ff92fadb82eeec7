/**
 * The innovation gate on the workflow (`jira:workflowValidator`, function form).
 *
 * Jira calls the function with `{ issue: { key }, transition: { from: { id }, to: { id }, modifiedFields? },
 * configuration? }` and expects `{ result: boolean, errorMessage?: string }`. There is no user to act for, so every
 * Jira call is made as the app.
 *
 * It reads the stored gate only (one KVS read — never an issue search on the transition path), the issue's type,
 * status, labels and resolution (one GET), and, only when it is about to block, the target status's category
 * (cached). A locked idea may not leave the To Do category; every other transition and every other issue passes.
 * When the gate state is unknown (never computed, or older than `maxSnapshotAgeHours`) ideas stay locked: the
 * validator fails closed and says why.
 */
import { getStatus } from '../jira/endpoints';
import { z } from 'zod';
import type { GateState } from '../core/ideas';
import { decideStoredIdea } from './ideaDecision';
import { JiraError } from '../jira/errors';
import { DEFAULT_CONFIG } from '../core/config';
import { gateState, storedConfigOrNull } from './gate';
import { describeFailure, jiraClient } from './jira';
import { isIssueKey } from './request';
import { fetchIdeaIssue, ideaFacts, type IdeaIssue } from './ideaIssue';
import { readGate } from './storage';

/** The whole validation should take no longer than this; Jira waits for it while a person waits for Jira. */
export const VALIDATOR_BUDGET_MS = 5000;

const Id = z.union([z.string(), z.number()]).transform(String);

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
  const keyProject = ref.key.replace(/-\d+$/, '');

  let issue: IdeaIssue;
  let doc: Awaited<ReturnType<typeof readGate>>;
  try {
    [issue, doc] = await Promise.all([fetchIdeaIssue(client, ref.key), readGate(keyProject)]);
  } catch (err) {
    return block(
      `Phase Gate could not read ${ref.key} (${describeFailure(err)}); an idea stays in To Do until it can.`,
    );
  }
  const project = issue.fields.project.key;
  if (project !== keyProject) doc = await readGate(project);

  // No gate document: the project was never configured (settings are saved with one), so the defaults apply — and
  // the gate is unknown, so an idea stays locked.
  const config = doc ? storedConfigOrNull(doc.config) : DEFAULT_CONFIG;
  const labels = labelsOf(issue, transition.modifiedFields);
  const facts = { ...ideaFacts(issue), labels };
  const state: GateState = config
    ? gateState(project, doc, now)
    : {
        kind: 'unknown',
        why: `the Phase Gate settings of ${project} no longer validate, so ideas stay locked until a project admin saves them again`,
      };
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
  );
  if (!decision.locked) return { result: true };

  // A locked idea: only a move to another To Do status may pass.
  try {
    if ((await targetCategory(client, transition.to.id, now)) === 'new') return { result: true };
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
export const handler = (args: unknown): Promise<ValidatorResult> => validate(args);
