/**
 * Ideas and the lock (docs/metrics.md "Ideas"). Ideas use their current status, not the
 * state at `asOf`. Ideas are matched by type id; a bypass label counts only when a bypass approver put it there.
 */
import type { Config } from './config';
import { isExcluded, nameSet, type IssueFact } from './facts';
import type { Criterion, IdeasReport, Report } from './report';
import { idSet, type GateSources } from './sources';
import { wordsFor, type Words } from './wording';

const ENGLISH = wordsFor('en-US');

export type IdeaConfig = Pick<Config, 'ideaBypassLabels' | 'ideaBypassApprovers'>;
export type IdeaSources = Pick<GateSources, 'ideas' | 'excludedResolutions'>;
/** Whether an account may approve a bypass in an idea project (default: the project's administrators). */
export type IsApprover = (accountId: string, ideaProject: string) => boolean;

type IdeaFact = Pick<IssueFact, 'typeId' | 'resolutionId' | 'resolution'>;
type BypassFact = Pick<IssueFact, 'labels' | 'project'> &
  Partial<Pick<IssueFact, 'labelAdders' | 'creatorAccountId'>>;

/** Rule "idea": an issue of the idea type (by id), not resolved with an excluded resolution. */
export function isIdea(issue: IdeaFact, sources: IdeaSources): boolean {
  return idSet(sources.ideas.types)(issue.typeId) && !isExcluded(issue, idSet(sources.excludedResolutions));
}

/** The first of the idea's labels that is a bypass label (by name, case-insensitively), approved or not; or null. */
export function bypassLabel(
  issue: Pick<IssueFact, 'labels'>,
  config: Pick<Config, 'ideaBypassLabels'>,
): string | null {
  const bypass = nameSet(config.ideaBypassLabels);
  return issue.labels.find((l) => bypass(l)) ?? null;
}

/**
 * Who put a label on the idea: the last changelog entry that added it (`labelAdders`), or, for a label there since
 * creation (or when no changelog was read), the creator.
 */
export function labelAdder(
  issue: BypassFact,
  label: string,
): { accountId: string | null; displayName: string | null } {
  const key = label.trim().toLowerCase();
  const entry = issue.labelAdders?.find((a) => a.label.trim().toLowerCase() === key);
  if (entry && (entry.at !== null || entry.accountId !== null))
    return { accountId: entry.accountId, displayName: entry.displayName ?? null };
  return { accountId: issue.creatorAccountId ?? null, displayName: entry?.displayName ?? null };
}

/**
 * Bypass rule (v2): the bypass labels on the idea, split into the approved one (its adder is an approver:
 * `ideaBypassApprovers` when listed, else `isApprover(accountId, project)`) and the first ignored one.
 */
export function bypassOf(
  issue: BypassFact,
  config: IdeaConfig,
  isApprover: IsApprover = () => false,
): {
  bypass: string | null;
  addedBy: string | null;
  ignored: { label: string; addedBy: string | null } | null;
} {
  const bypass = nameSet(config.ideaBypassLabels);
  const listed = config.ideaBypassApprovers ?? [];
  let ignored: { label: string; addedBy: string | null } | null = null;
  for (const label of issue.labels) {
    if (!bypass(label)) continue;
    const who = labelAdder(issue, label);
    const approved =
      who.accountId !== null &&
      (listed.length > 0 ? listed.includes(who.accountId) : isApprover(who.accountId, issue.project));
    const name = who.displayName ?? who.accountId;
    if (approved) return { bypass: label, addedBy: name, ignored: null };
    ignored ??= { label, addedBy: name };
  }
  return { bypass: null, addedBy: null, ignored };
}

/** Waiting = the To Do category; an unknown category counts as To Do. */
function isWaiting(issue: Pick<IssueFact, 'statusCategory'>): boolean {
  return issue.statusCategory === 'new' || issue.statusCategory === 'unknown';
}

/**
 * Rule "ideas": counts by current status category; `locked` = waiting ideas without an approved bypass label while
 * innovation is locked, 0 when it is unlocked. When the idea type exists in none of the idea projects, the counts are
 * null (not zero) and `typeFound` is false.
 */
export function computeIdeas(
  issues: readonly IssueFact[],
  config: IdeaConfig,
  sources: IdeaSources,
  unlocked: boolean,
  isApprover?: IsApprover,
): { report: IdeasReport; lockedKeys: string[] } {
  if (sources.ideas.types.length === 0) {
    return {
      report: { typeFound: false, total: null, waiting: null, inProgress: null, done: null, locked: null },
      lockedKeys: [],
    };
  }
  const ideas = issues.filter((i) => isIdea(i, sources));
  const waiting = ideas.filter(isWaiting);
  const locked = unlocked ? [] : waiting.filter((i) => bypassOf(i, config, isApprover).bypass === null);
  return {
    report: {
      typeFound: true,
      total: ideas.length,
      waiting: waiting.length,
      inProgress: ideas.filter((i) => i.statusCategory === 'indeterminate').length,
      done: ideas.filter((i) => i.statusCategory === 'done').length,
      locked: locked.length,
    },
    lockedKeys: locked.map((i) => i.key),
  };
}

/** The report fields an idea decision reads. */
export type GateReport = Pick<Report, 'innovationUnlocked' | 'phase' | 'reliability' | 'delivery' | 'asOf'> &
  Partial<Pick<Report, 'waivers'>>;

/** What the gate knows when an idea is decided. */
export type GateState = { kind: 'known'; report: GateReport } | { kind: 'unknown'; why: string };

export interface IdeaDecision {
  isIdea: boolean;
  locked: boolean;
  /** Plain-word reasons, also when not locked ("not waiting: in progress", "innovation is unlocked", …). */
  reasons: string[];
  /** The approved bypass label that lets the idea through, if any. */
  bypass: string | null;
  /** A bypass label ignored because it was added by someone who cannot approve a bypass. */
  ignoredBypass: { label: string; addedBy: string | null } | null;
}

/** The idea panel's words for an ignored bypass label. */
export function ignoredBypassReason(
  ignored: { label: string; addedBy: string | null },
  words: Words = ENGLISH,
): string {
  const { t } = words.translator;
  return t('idea.reasonIgnoredBypass', {
    label: ignored.label,
    who: ignored.addedBy ?? t('idea.unknownUser'),
  });
}

/**
 * The one decision for an idea, used by the validator, the idea panel and the command: locked when it is an idea,
 * in the To Do category (or an unknown one), without an approved bypass label, and innovation is locked (or unknown)
 * for its gate.
 */
export function decideIdea(
  issue: IdeaFact & BypassFact & Pick<IssueFact, 'statusCategory'>,
  config: IdeaConfig,
  sources: IdeaSources,
  gate: GateState,
  isApprover?: IsApprover,
  /** The words of the reasons (the viewer's language on the idea panel; English elsewhere). */
  words: Words = ENGLISH,
): IdeaDecision {
  const { t } = words.translator;
  if (!isIdea(issue, sources))
    return {
      isIdea: false,
      locked: false,
      reasons: [t('idea.reasonNotAnIdea')],
      bypass: null,
      ignoredBypass: null,
    };
  const { bypass, addedBy, ignored } = bypassOf(issue, config, isApprover);
  const open = (reasons: string[]): IdeaDecision => ({
    isIdea: true,
    locked: false,
    reasons,
    bypass,
    ignoredBypass: ignored,
  });
  if (!isWaiting(issue))
    return open([t(issue.statusCategory === 'done' ? 'idea.reasonDone' : 'idea.reasonInProgress')]);
  if (bypass !== null)
    return open([t('idea.reasonBypass', { label: bypass, who: addedBy ?? t('idea.unknownUser') })]);
  const extra = ignored ? [ignoredBypassReason(ignored, words)] : [];
  if (gate.kind === 'unknown')
    return {
      isIdea: true,
      locked: true,
      reasons: [gate.why, ...extra],
      bypass: null,
      ignoredBypass: ignored,
    };
  if (gate.report.innovationUnlocked) return open([t('idea.reasonUnlocked'), ...extra]);
  return {
    isIdea: true,
    locked: true,
    reasons: [...lockReasons(gate.report, words), ...extra],
    bypass: null,
    ignoredBypass: ignored,
  };
}

/**
 * Each criterion that blocks the gate in plain words (value, target, what would change it), in the wording module's
 * vocabulary; a waived criterion does not block. When none does, the sustain period is what is missing.
 */
export function lockReasons(report: GateReport, words: Words = ENGLISH): string[] {
  const blocking: Criterion[] = [...report.reliability.criteria, ...report.delivery.criteria].filter(
    (c) => !c.met && !c.waived,
  );
  // Labels worded from the id and the report's windows (in English the same words as the report's own labels).
  const windows = { reliability: report.reliability.windowDays, delivery: report.delivery.windowDays };
  const reasons = blocking.map((c) => words.describeCriterion(c, report.waivers ?? [], windows));
  if (reasons.length === 0 && !report.innovationUnlocked) {
    reasons.push(words.translator.t('idea.reasonSustain', { date: words.formatCalendarDate(report.asOf) }));
  }
  return reasons;
}

/** One criterion in plain words (kept here for older imports; the wording module owns it). */
export { describeCriterion } from './wording';
