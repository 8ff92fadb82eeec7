/**
 * Renders a report for people: plain text for a terminal, Markdown for a wiki or a ticket. Every criterion, unit and
 * date goes through the one wording module (src/core/wording.ts), so the command reads like every other surface.
 */
import type { Criterion, Report } from '../core/report';
import {
  criterionTarget,
  describeCriterion,
  describeNeed,
  describePhaseChange,
  describeWaiver,
  formatCalendarDate,
  formatDateTime,
  formatHours,
  formatRate,
  formatValue,
} from '../core/wording';

const orDash = (n: number | null | undefined, f: (n: number) => string = String): string =>
  n === null || n === undefined ? '—' : f(n);

function phaseState(report: Report, n: 1 | 2): string {
  const part = n === 1 ? report.reliability : report.delivery;
  if (part.met) return 'met';
  if (n === 1 && part.criteria.some((c) => c.id === 'R0' && !c.met)) return 'cannot be shown';
  if (n === 2 && part.criteria.some((c) => c.id === 'D1' && !c.met && !c.waived)) return 'not enough data';
  return 'not met';
}

function waiverOf(report: Report, c: Criterion) {
  return c.waived ? report.waivers.find((w) => w.criterion === c.id) : undefined;
}

/** ✓ met, ~ waived (counts as met for the phase), ✗ not met. */
function mark(c: Criterion): string {
  return c.met ? '✓' : c.waived ? '~' : '✗';
}

function ideasLine(report: Report): string {
  const i = report.ideas;
  if (!i.typeFound)
    return `the idea type exists in none of the idea projects (${report.sources.ideas.projects.join(', ')})`;
  return `ideas ${i.total} · waiting ${i.waiting} · in progress ${i.inProgress} · done ${i.done} · locked ${i.locked}`;
}

function sourcesLines(report: Report): string[] {
  const s = report.sources;
  const names = (list: { name: string; id: string }[]) =>
    list.length ? list.map((n) => `${n.name} (${n.id})`).join(', ') : 'none';
  return [
    `incidents from ${s.incidents.projects.join(', ')}: types ${names(s.incidents.types)}; major priorities ${names(s.incidents.majorPriorities)}`,
    `deliverables from ${s.deliverables.projects.join(', ')}: types ${names(s.deliverables.types)}`,
    `ideas from ${s.ideas.projects.join(', ')}: types ${names(s.ideas.types)}`,
    `excluded resolutions: ${names(s.excludedResolutions)}`,
  ];
}

function deliveryFigures(report: Report): string {
  const d = report.delivery;
  let line =
    `decided ${d.decided} · on time ${d.onTime} · late ${d.late} · overdue open ${d.overdueOpen}` +
    ` · median days late ${orDash(d.medianDaysLate)} · no due date ${d.noDueDate} (last ${d.windowDays} days)`;
  line += ` · due dates: ${d.dueDateBasis} · slipped ${d.slipped}, median slip ${orDash(d.medianSlipDays, (n) => `${n} days`)}`;
  if (d.budgetMeasured !== undefined)
    line += ` · on budget ${d.onBudget} of ${d.budgetMeasured} (${orDash(d.onBudgetRate, formatRate)})`;
  return line;
}

/** The road travelled: each step back, and how long the gate has been in its current phase. */
function roadLines(report: Report): string[] {
  const lines = report.phaseChanges.map(describePhaseChange);
  const last = report.phaseChanges[report.phaseChanges.length - 1];
  lines.push(
    `${report.timesThrownBack} step${report.timesThrownBack === 1 ? '' : 's'} back; in phase ${report.phase} ` +
      (last ? `since ${formatCalendarDate(last.date)}` : 'for the whole period shown'),
  );
  return lines;
}

/** The text an IT leader reads in a terminal. */
export function formatText(report: Report): string {
  const r = report.reliability;
  const lines: string[] = [];
  lines.push(
    `Phase Gate — ${report.gate.name} (${report.project}), as of ${formatCalendarDate(report.asOf)} (${report.timeZone})`,
  );
  lines.push(
    `Phase ${report.phase} of 3: ${report.phaseName} — innovation ${report.innovationUnlocked ? 'UNLOCKED' : 'locked'}`,
  );
  lines.push('');
  const criterion = (c: Criterion) => {
    const w = waiverOf(report, c);
    const note = w ? describeWaiver(w) : describeNeed(c.need);
    return `    ${mark(c)} ${c.label}: ${formatValue(c)} (target ${criterionTarget(c)})${note ? `\n        → ${note}` : ''}`;
  };
  lines.push(`${r.met ? '✓' : '✗'} 1. Reliable systems — ${phaseState(report, 1)}`);
  lines.push(...r.criteria.map(criterion));
  lines.push(
    `    incidents ${r.incidents} · major ${r.majorIncidents} · open ${r.openIncidents} · restored ${r.restoredInWindow}` +
      ` · median restore ${orDash(r.medianRestoreHours, formatHours)} · mean ${orDash(r.meanRestoreHours, formatHours)}` +
      ` (last ${r.windowDays} days)`,
  );
  lines.push(`${report.delivery.met ? '✓' : '✗'} 2. On-time delivery — ${phaseState(report, 2)}`);
  lines.push(...report.delivery.criteria.map(criterion));
  lines.push(`    ${deliveryFigures(report)}`);
  lines.push(
    `${report.innovationUnlocked ? '✓' : '✗'} 3. Innovation — ${report.innovationUnlocked ? 'ideas unlocked' : 'ideas locked'}`,
  );
  lines.push(`    ${ideasLine(report)}`);
  lines.push('', 'The road travelled:', ...roadLines(report).map((l) => `  ${l}`));
  lines.push('', 'Sources:', ...sourcesLines(report).map((l) => `  ${l}`));
  if (report.warnings.length) {
    lines.push('', 'Warnings:', ...report.warnings.map((w) => `  ! ${w}`));
  }
  lines.push('', `Computed ${formatDateTime(Date.parse(report.computedAt), report.timeZone)}`);
  return lines.join('\n') + '\n';
}

/** The same report as Markdown. */
export function formatMarkdown(report: Report): string {
  const r = report.reliability;
  const d = report.delivery;
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const row = (c: Criterion) => {
    const w = waiverOf(report, c);
    const state = c.met ? '✅' : c.waived ? '➖ waived' : '❌';
    const note = w ? describeWaiver(w) : describeNeed(c.need);
    return `| ${state} | ${cell(c.label)} | ${formatValue(c)} | ${criterionTarget(c)} | ${cell(note)} |`;
  };
  const out = [
    `# Phase Gate — ${report.gate.name} (${report.project})`,
    '',
    `As of **${formatCalendarDate(report.asOf)}** (${report.timeZone}): **phase ${report.phase} of 3, ${report.phaseName}**; ` +
      `innovation ${report.innovationUnlocked ? '**unlocked**' : '**locked**'}.`,
    '',
    '| | Criterion | Value | Target | What would change it |',
    '|---|---|---|---|---|',
    ...r.criteria.map(row),
    ...d.criteria.map(row),
    '',
    `- **Reliable systems** (${phaseState(report, 1)}): ${r.incidents} incidents, ${r.majorIncidents} major, ` +
      `${r.openIncidents} open, ${r.restoredInWindow} restored; median restore ${orDash(r.medianRestoreHours, formatHours)} ` +
      `(last ${r.windowDays} days).`,
    `- **On-time delivery** (${phaseState(report, 2)}): ${d.decided} decided, ${d.onTime} on time, ${d.late} late, ` +
      `${d.overdueOpen} overdue and open; on-time rate ${orDash(d.onTimeRate, formatRate)} (last ${d.windowDays} days); ` +
      `${d.slipped} slipped after commitment.`,
    `- **Innovation**: ${ideasLine(report)}.`,
    '',
    '**The road travelled**',
    '',
    ...roadLines(report).map((l) => `- ${l}`),
    '',
    '**Sources**',
    '',
    ...sourcesLines(report).map((l) => `- ${cell(l)}`),
  ];
  if (report.warnings.length) out.push('', '**Warnings**', '', ...report.warnings.map((w) => `- ${w}`));
  out.push('', `_Computed ${formatDateTime(Date.parse(report.computedAt), report.timeZone)}._`);
  return out.join('\n') + '\n';
}

/** One idea decision as text. */
export function formatIdeaText(d: {
  issue: string;
  project: string;
  gate: string;
  isIdea: boolean;
  locked: boolean;
  reasons: string[];
}): string {
  const state = !d.isIdea ? 'not an idea' : d.locked ? 'LOCKED' : 'not locked';
  const head = `${d.issue} (${d.project}, gate ${d.gate}): ${state}`;
  return [head, ...d.reasons.map((r) => `  - ${r}`)].join('\n') + '\n';
}

export { describeCriterion };
