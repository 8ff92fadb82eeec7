/**
 * "What the next gate needs", in plain words: the resolver's `nextGate` when it sent one, otherwise the failing
 * criteria of the current phase with what would change them. Either way a hint is rendered as in the criteria list
 * (`hintText`): it never repeats the value and target the sentence already gives.
 */
import type { GateView } from '../../src/forge/contract';
import type { Criterion, Report } from '../../src/core/report';
import {
  formatCriterionLabel,
  formatCriterionValue,
  formatTargetWords,
  hintText,
  prettyOperators,
} from './format';

/** "On-time rate: 66.7%, needs at least 80% — about 2 more on-time deliveries". */
export function describeCriterion(c: Criterion): string {
  const base = `${formatCriterionLabel(c.label)}: ${formatCriterionValue(c)}, needs ${formatTargetWords(c)}`;
  return c.hint ? `${base} — ${hintText(c.hint)}` : base;
}

/**
 * A sentence written by the core ("Label: value, needs target — hint", as in `nextGate` and the idea panel's
 * reasons) with its hint rendered as in the criteria list, and its operators in words. Other sentences are only
 * made readable ("<=" → "≤").
 */
export function tidyNeed(text: string): string {
  const m = /^(.*?,\s*needs\s+.*?)\s+—\s+(.+)$/.exec(text.trim());
  if (!m) return prettyOperators(text.trim());
  const head = m[1]!.replace(/needs\s+<=\s*/, 'needs at most ').replace(/needs\s+>=\s*/, 'needs at least ');
  return `${prettyOperators(head)} — ${hintText(m[2]!)}`;
}

/** The failing criteria that stand between the report and the next phase. */
export function gateBlockers(
  report: Pick<Report, 'phase' | 'innovationUnlocked' | 'reliability' | 'delivery'>,
): Criterion[] {
  if (report.innovationUnlocked) return [];
  const failing = (list: Criterion[]) => list.filter((c) => !c.met);
  if (report.phase === 1) return failing(report.reliability.criteria);
  if (report.phase === 2) return failing(report.delivery.criteria);
  return [...failing(report.reliability.criteria), ...failing(report.delivery.criteria)];
}

/** The name of the gate the organisation is working towards. */
export function nextGateName(report: Pick<Report, 'phase' | 'innovationUnlocked'>): string | null {
  if (report.innovationUnlocked) return null;
  if (report.phase === 1) return 'Phase 2 — On-time delivery';
  return 'Phase 3 — Innovation';
}

/** What the next gate needs, one sentence per item; empty when innovation is unlocked or nothing is known. */
export function nextGateNeeds(view: Pick<GateView, 'nextGate' | 'snapshot'>): string[] {
  if (view.nextGate.length > 0) return view.nextGate.map(tidyNeed);
  const report = view.snapshot?.report;
  if (!report || report.innovationUnlocked) return [];
  const blockers = gateBlockers(report);
  if (blockers.length > 0) return blockers.map(describeCriterion);
  // Both phases are met today but not yet for the whole sustain period.
  return ['keep both phases met for the whole sustain period; innovation then unlocks'];
}
