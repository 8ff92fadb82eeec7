/**
 * Ideas and the lock (SPEC section 3, "Ideas"). Ideas use their current status, not the state at `asOf`.
 */
import type { Config } from './config';
import { nameSet, type IssueFact } from './facts';
import type { Criterion, IdeasReport, Report } from './report';

export type IdeaConfig = Pick<Config, 'ideaType' | 'ideaBypassLabels' | 'excludedResolutions'>;

/** Rule "idea": an issue of the idea type, not resolved with an excluded resolution. */
export function isIdea(issue: Pick<IssueFact, 'type' | 'resolution'>, config: IdeaConfig): boolean {
  return nameSet([config.ideaType])(issue.type) && !nameSet(config.excludedResolutions)(issue.resolution);
}

/** Rule "bypass": the first of the idea's labels that is a bypass label, or null. */
export function bypassLabel(issue: Pick<IssueFact, 'labels'>, config: IdeaConfig): string | null {
  const bypass = nameSet(config.ideaBypassLabels);
  return issue.labels.find((l) => bypass(l)) ?? null;
}

/**
 * Rule "ideas": counts by current status category; `locked` = waiting ideas without a bypass label while innovation
 * is locked, 0 when it is unlocked.
 */
export function computeIdeas(
  issues: readonly IssueFact[],
  config: IdeaConfig,
  unlocked: boolean,
): { report: IdeasReport; lockedKeys: string[] } {
  const ideas = issues.filter((i) => isIdea(i, config));
  const waiting = ideas.filter((i) => i.statusCategory === 'new');
  const locked = unlocked ? [] : waiting.filter((i) => bypassLabel(i, config) === null);
  return {
    report: {
      total: ideas.length,
      waiting: waiting.length,
      inProgress: ideas.filter((i) => i.statusCategory === 'indeterminate').length,
      done: ideas.filter((i) => i.statusCategory === 'done').length,
      locked: locked.length,
    },
    lockedKeys: locked.map((i) => i.key),
  };
}

/** What the gate knows when an idea is decided. */
export type GateState =
  | {
      kind: 'known';
      report: Pick<Report, 'innovationUnlocked' | 'phase' | 'reliability' | 'delivery' | 'asOf'>;
    }
  | { kind: 'unknown'; why: string };

export interface IdeaDecision {
  locked: boolean;
  /** Plain-word reasons, empty when not locked. */
  reasons: string[];
  /** The bypass label that lets the idea through, if any. */
  bypass: string | null;
  isIdea: boolean;
}

/**
 * The one decision for an idea, used by the validator, the idea panel and the command: locked when it is an idea,
 * in the To Do category, without a bypass label, and innovation is locked (or unknown) for its project.
 */
export function decideIdea(
  issue: Pick<IssueFact, 'type' | 'resolution' | 'labels' | 'statusCategory'>,
  config: IdeaConfig,
  gate: GateState,
): IdeaDecision {
  if (!isIdea(issue, config)) return { locked: false, reasons: [], bypass: null, isIdea: false };
  const bypass = bypassLabel(issue, config);
  if (issue.statusCategory !== 'new' || bypass !== null)
    return { locked: false, reasons: [], bypass, isIdea: true };
  if (gate.kind === 'unknown') return { locked: true, reasons: [gate.why], bypass: null, isIdea: true };
  if (gate.report.innovationUnlocked) return { locked: false, reasons: [], bypass: null, isIdea: true };
  return { locked: true, reasons: lockReasons(gate.report), bypass: null, isIdea: true };
}

/** Each failing criterion in plain words: its value, its target and what would unlock it. */
export function lockReasons(
  report: Pick<Report, 'innovationUnlocked' | 'phase' | 'reliability' | 'delivery' | 'asOf'>,
): string[] {
  const failing: Criterion[] = [...report.reliability.criteria, ...report.delivery.criteria].filter(
    (c) => !c.met,
  );
  const reasons = failing.map(describeCriterion);
  if (reasons.length === 0) {
    // Both phases are met today but not yet for every day of the sustain period.
    reasons.push(`both phases are met as of ${report.asOf} but not yet for the whole sustain period`);
  }
  return reasons;
}

/**
 * One criterion in plain words: value, target and what would change it.
 * @example describeCriterion(d2) // "On-time rate: 40%, needs at least 80% — about 10 more on-time deliveries"
 */
export function describeCriterion(c: Criterion): string {
  const value =
    c.value === null
      ? 'no data'
      : c.id === 'D2'
        ? `${Math.round(c.value * 1000) / 10}%`
        : `${round1(c.value)}`;
  const target = c.target.replace(/^<=\s*/, 'at most ').replace(/^>=\s*/, 'at least ');
  return `${c.label}: ${value}, needs ${target}${c.hint ? ` — ${c.hint}` : ''}`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
