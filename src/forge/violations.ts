/**
 * Issue #13: ways around the innovation gate are flagged and counted, never silent.
 * - An idea changed to another issue type while it is locked (the validator sits on the idea workflow, so an idea
 *   retyped to Task can be moved and retyped back): one comment and the label `phase-gate-violation`, once per issue
 *   (claim `notified:retype:ISSUE`), counted as `typeChanged` in the governing gate's document.
 * - Every flagged violation, this one or an idea moved out of To Do where no validator stopped it, is counted
 *   (`countViolation`), so the project page and the portfolio show how often the gate was got around.
 */
import type { Config } from '../core/config';
import { addComment, editIssue } from '../jira/endpoints';
import { JiraError } from '../jira/errors';
import { namesMatch } from '../jira/siteNames';
import { decideStoredIdea } from './ideaDecision';
import { adf, gateState, VIOLATION_LABEL } from './gate';
import { fetchIdeaIssue, ideaFacts } from './ideaIssue';
import { describeFailure, jiraClient } from './jira';
import {
  claimRetypeNotice,
  countViolation,
  releaseRetypeNotice,
  type GateDoc,
  type IdeaTypeDoc,
} from './storage';

/** A changelog item of an issue event, as the trigger reads it. */
export interface EventChangeItem {
  field?: string;
  fieldId?: string;
  from?: string | null;
  to?: string | null;
  fromString?: unknown;
  toString?: unknown;
}

const fieldOf = (i: EventChangeItem) => i.fieldId ?? i.field?.toLowerCase();

/** The issue-type change of an event's changelog, if any. */
export function typeChange(items: readonly EventChangeItem[] | undefined): EventChangeItem | undefined {
  return (items ?? []).find((i) => fieldOf(i) === 'issuetype');
}

/** True when the type (id and/or name) is the gate's idea type: the setup's stored id, a resolved id, or the name. */
function isIdeaTypeOf(
  type: { id?: string | null; name?: unknown },
  doc: GateDoc,
  config: Config,
  ideaType: IdeaTypeDoc | null,
): boolean {
  if (type.id && ideaType && type.id === ideaType.id) return true;
  const resolved = doc.snapshot?.report.sources.ideas.types ?? [];
  if (type.id && resolved.some((t) => t.id === type.id)) return true;
  return typeof type.name === 'string' && namesMatch({ name: type.name }, config.ideaType);
}

/** Counts a flagged violation in the gate document; a failure to count never undoes the flag. */
export async function countFlagged(
  doc: GateDoc,
  issue: string,
  kind: 'status' | 'issuetype',
  now: number,
): Promise<void> {
  if (!doc.projectId) return; // a document of version 1 (keyed by project key) has no id to count under
  try {
    await countViolation(doc.projectId, { issue, kind, at: now });
  } catch (err) {
    console.warn(`phase-gate: could not count the violation of ${issue}: ${describeFailure(err)}`);
  }
}

/**
 * An idea changed away from the idea type while it was locked: one comment and the label, once per issue, counted.
 * The idea is decided as it stood before the change (the idea type, its status and labels), against the stored gate.
 */
export async function flagRetype(
  issueKey: string,
  items: readonly EventChangeItem[] | undefined,
  home: string,
  doc: GateDoc,
  config: Config,
  now: number,
  ideaType: IdeaTypeDoc | null = null,
  deadline?: number,
): Promise<'flagged' | 'already-flagged' | 'none' | 'failed'> {
  const change = typeChange(items);
  if (!change) return 'none';
  const from = { id: change.from, name: change.fromString };
  const to = { id: change.to, name: change.toString };
  if (!isIdeaTypeOf(from, doc, config, ideaType) || isIdeaTypeOf(to, doc, config, ideaType)) return 'none';
  // Called from the issue-event trigger (25 s): its retry budget and deadline.
  const client = jiraClient('app', 'trigger', deadline);
  try {
    const issue = await fetchIdeaIssue(client, issueKey);
    const facts = ideaFacts(issue, config.timeZone);
    const ideaName = typeof from.name === 'string' ? from.name : config.ideaType;
    const asIdea = { ...facts, type: ideaName, typeId: from.id ?? ideaType?.id ?? facts.typeId };
    // Moved out of To Do in the same edit: it was waiting when it changed type.
    const movedNow = (items ?? []).some((i) => fieldOf(i) === 'status');
    const decision = await decideStoredIdea(
      client,
      movedNow ? { ...asIdea, statusCategory: 'new' } : asIdea,
      issue.fields.project.id,
      doc,
      config,
      gateState(home, doc, now),
      [],
      ideaType,
    );
    if (!decision.locked) return 'none';
    if (!(await claimRetypeNotice(issue.key, now))) return 'already-flagged';
    const newType = typeof to.name === 'string' ? to.name : 'another type';
    try {
      await addComment(client, issue.key, {
        body: adf([
          `This idea was changed from ${ideaName} to ${newType} while innovation is locked for ${home}. ` +
            `A changed type gets around the Phase Gate validator, so it is flagged with the label ${VIOLATION_LABEL} ` +
            `and counted on the gate's page.`,
          `What the organisation must achieve first: ${decision.reasons.join('; ')}.`,
          `Please change it back to ${ideaName} — Phase Gate`,
        ]),
      });
    } catch (err) {
      // Jira refused (nothing was posted): give the claim back so the next change can be flagged.
      if (err instanceof JiraError && err.status !== undefined && err.status < 500) {
        await releaseRetypeNotice(issue.key);
      }
      throw err;
    }
    await editIssue(client, issue.key, { update: { labels: [{ add: VIOLATION_LABEL }] } });
    await countFlagged(doc, issue.key, 'issuetype', now);
    return 'flagged';
  } catch (err) {
    console.warn(`phase-gate: could not check ${issueKey} for a type change: ${describeFailure(err)}`);
    return 'failed';
  }
}
