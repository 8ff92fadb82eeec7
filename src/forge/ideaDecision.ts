/**
 * The one idea decision inside Forge, shared by the workflow validator, the idea panel and the violation flag: the
 * idea's facts, the sources its gate resolved (type ids, excluded resolutions), who added its bypass labels and
 * whether they may approve one, then the core's `decideIdea`.
 *
 * It fails closed: an issue whose type is *named* like the idea type counts as an idea even when the stored sources do
 * not list its id (the type was created or renamed after the last computation), so renaming or re-creating the type
 * never lets an idea through.
 */
import type { Config } from '../core/config';
import type { IssueFact } from '../core/facts';
import { decideIdea, type GateState, type IdeaDecision, type IdeaSources } from '../core/ideas';
import type { Words } from '../core/wording';
import type { JiraClient } from '../jira/client';
import { readBypassApprovals } from '../jira/bypass';
import { namesMatch } from '../jira/siteNames';
import type { GateDoc, IdeaTypeDoc } from './storage';

/**
 * The idea sources of the stored gate, with the issue's own type added when it is the idea type: its id is the one
 * the setup stored (the type renamed since keeps its id), or its name is the configured idea type's.
 */
export function ideaSourcesFor(
  fact: IssueFact,
  doc: GateDoc | undefined,
  config: Config,
  ideaType?: Pick<IdeaTypeDoc, 'id'> | null,
): IdeaSources {
  const stored = doc?.snapshot?.report.sources;
  const types = [...(stored?.ideas.types ?? [])];
  if (
    fact.typeId &&
    !types.some((t) => t.id === fact.typeId) &&
    (fact.typeId === ideaType?.id || namesMatch({ name: fact.type }, config.ideaType))
  ) {
    types.push({ name: fact.type, id: fact.typeId });
  }
  return {
    ideas: { projects: stored?.ideas.projects ?? [fact.project], types },
    excludedResolutions: stored?.excludedResolutions ?? [],
  };
}

/**
 * Decides one idea against its gate. Only an idea with a bypass label costs more than the issue read: its `labels`
 * changelog and a permission check per account that added one.
 */
export async function decideStoredIdea(
  client: JiraClient,
  fact: IssueFact,
  projectId: string | undefined,
  doc: GateDoc | undefined,
  config: Config,
  state: GateState,
  /** Labels being added right now (on a transition screen): added by nobody known, so they approve nothing. */
  addedNow: readonly string[] = [],
  /** The idea type the setup stored (its id is an idea's whatever the type is called now). */
  ideaType?: Pick<IdeaTypeDoc, 'id'> | null,
  /** The words of the reasons (the idea panel: the viewer's language). */
  words?: Words,
): Promise<IdeaDecision> {
  const sources = ideaSourcesFor(fact, doc, config, ideaType);
  const notes: string[] = [];
  const isApprover = await readBypassApprovals(
    client,
    [fact],
    config,
    projectId ? [{ id: projectId, key: fact.project }] : [],
    notes,
  );
  if (addedNow.length) {
    fact.labelAdders = [
      ...(fact.labelAdders ?? []).filter((a) => !addedNow.includes(a.label)),
      ...addedNow.map((label) => ({ label, accountId: null, at: 0 })),
    ];
  }
  return decideIdea(fact, config, sources, state, isApprover, words);
}
