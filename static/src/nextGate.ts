/**
 * "What the next gate needs", read from the report's `nextGate` (computed once, on the server: the next phase and the
 * criteria that block it) and worded by src/core/wording.ts, as the idea panel's reasons and the command line word it.
 */
import type { Criterion, Report } from '../../src/core/report';
import { wordsFor, type Words } from '../../src/core/wording';

/** The default words: English (callers that do not know the viewer's language, and the command line's tests). */
const ENGLISH = wordsFor('en-US');

type GateReport = Pick<Report, 'nextGate' | 'reliability' | 'delivery' | 'waivers' | 'asOf'>;

/** The name of the gate the organisation is working towards ("Phase 3 — Innovation"); null once innovation is unlocked. */
export function nextGateName(report: Pick<Report, 'nextGate'>, words: Words = ENGLISH): string | null {
  const phase = report.nextGate.phase;
  return phase === null
    ? null
    : words.translator.t('project.nextGateName', { phase, name: words.phaseName(phase) });
}

/** The criteria that block the next gate, in the report's order. */
export function nextGateBlockers(report: GateReport): Criterion[] {
  const all = [...report.reliability.criteria, ...report.delivery.criteria];
  return report.nextGate.blockers
    .map((id) => all.find((c) => c.id === id))
    .filter((c): c is Criterion => c !== undefined);
}

/**
 * What the next gate needs, one line per blocking criterion; with none left before innovation, the sustain period is
 * what is missing (the words of the idea panel). Empty once innovation is unlocked.
 */
export function nextGateNeeds(report: GateReport, words?: Words): string[] {
  const w = words ?? ENGLISH;
  const { t } = w.translator;
  if (report.nextGate.phase === null) return [];
  const blockers = nextGateBlockers(report);
  const windows = { reliability: report.reliability.windowDays, delivery: report.delivery.windowDays };
  if (blockers.length > 0) return blockers.map((c) => w.describeCriterion(c, report.waivers, windows));
  const date = w.formatCalendarDate(report.asOf);
  if (report.nextGate.phase === 3) return [t('idea.reasonSustain', { date })];
  return [t('project.phase1CountsAsMet', { date })];
}
