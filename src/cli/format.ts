/**
 * Renders a report for people: plain text for a terminal, Markdown for a wiki or a ticket.
 */
import { describeCriterion } from '../core/ideas';
import type { Criterion, Report } from '../core/report';

const round = (n: number | null, digits = 1): string =>
  n === null ? '—' : `${Math.round(n * 10 ** digits) / 10 ** digits}`;
const pct = (n: number | null): string => (n === null ? '—' : `${Math.round(n * 1000) / 10}%`);

function value(c: Criterion): string {
  if (c.value === null) return 'no data';
  return c.id === 'D2' ? pct(c.value) : round(c.value);
}

function phaseState(report: Report, n: 1 | 2): string {
  const part = n === 1 ? report.reliability : report.delivery;
  if (part.met) return 'met';
  if (n === 2 && !report.delivery.criteria.find((c) => c.id === 'D1')?.met) return 'not enough data';
  return 'not met';
}

/** The text an IT leader reads in a terminal. */
export function formatText(report: Report): string {
  const r = report.reliability;
  const d = report.delivery;
  const i = report.ideas;
  const lines: string[] = [];
  lines.push(`Phase Gate — ${report.project}, as of ${report.asOf} (${report.timeZone})`);
  lines.push(
    `Phase ${report.phase} of 3: ${report.phaseName} — innovation ${report.innovationUnlocked ? 'UNLOCKED' : 'locked'}`,
  );
  lines.push('');
  const criterion = (c: Criterion) =>
    `    ${c.met ? '✓' : '✗'} ${c.id} ${c.label}: ${value(c)} (target ${c.target})${!c.met && c.hint ? `\n        → ${c.hint}` : ''}`;
  lines.push(`${r.met ? '✓' : '✗'} 1. Reliable systems — ${phaseState(report, 1)}`);
  lines.push(...r.criteria.map(criterion));
  lines.push(
    `    incidents ${r.incidents} · major ${r.majorIncidents} · open ${r.openIncidents} · restored ${r.restoredInWindow}` +
      ` · median restore ${round(r.medianRestoreHours)} h · mean ${round(r.meanRestoreHours)} h (last ${r.windowDays} days)`,
  );
  lines.push(`${d.met ? '✓' : '✗'} 2. On-time delivery — ${phaseState(report, 2)}`);
  lines.push(...d.criteria.map(criterion));
  lines.push(
    `    decided ${d.decided} · on time ${d.onTime} · late ${d.late} · overdue open ${d.overdueOpen}` +
      ` · median days late ${round(d.medianDaysLate)} · no due date ${d.noDueDate} (last ${d.windowDays} days)`,
  );
  lines.push(
    `${report.innovationUnlocked ? '✓' : '✗'} 3. Innovation — ${report.innovationUnlocked ? 'ideas unlocked' : 'ideas locked'}`,
  );
  lines.push(
    `    ideas ${i.total} · waiting ${i.waiting} · in progress ${i.inProgress} · done ${i.done} · locked ${i.locked}`,
  );
  if (report.warnings.length) {
    lines.push('');
    lines.push('Warnings:');
    lines.push(...report.warnings.map((w) => `  ! ${w}`));
  }
  lines.push('');
  lines.push(`Computed ${report.computedAt}`);
  return lines.join('\n') + '\n';
}

/** The same report as Markdown. */
export function formatMarkdown(report: Report): string {
  const r = report.reliability;
  const d = report.delivery;
  const i = report.ideas;
  const row = (c: Criterion) =>
    `| ${c.met ? '✅' : '❌'} | ${c.id} | ${c.label} | ${value(c)} | ${c.target} | ${c.met ? '' : (c.hint ?? '')} |`;
  const out = [
    `# Phase Gate — ${report.project}`,
    '',
    `As of **${report.asOf}** (${report.timeZone}): **phase ${report.phase} of 3, ${report.phaseName}**; innovation ` +
      `${report.innovationUnlocked ? '**unlocked**' : '**locked**'}.`,
    '',
    '| | | Criterion | Value | Target | What would change it |',
    '|---|---|---|---|---|---|',
    ...r.criteria.map(row),
    ...d.criteria.map(row),
    '',
    `- **Reliable systems** (${phaseState(report, 1)}): ${r.incidents} incidents, ${r.majorIncidents} major, ` +
      `${r.openIncidents} open, ${r.restoredInWindow} restored; median restore ${round(r.medianRestoreHours)} h ` +
      `(last ${r.windowDays} days).`,
    `- **On-time delivery** (${phaseState(report, 2)}): ${d.decided} decided, ${d.onTime} on time, ${d.late} late, ` +
      `${d.overdueOpen} overdue and open; on-time rate ${pct(d.onTimeRate)} (last ${d.windowDays} days).`,
    `- **Innovation**: ${i.total} ideas, ${i.waiting} waiting, ${i.inProgress} in progress, ${i.done} done, ` +
      `${i.locked} locked.`,
  ];
  if (report.warnings.length) out.push('', '**Warnings**', '', ...report.warnings.map((w) => `- ${w}`));
  out.push('', `_Computed ${report.computedAt}._`);
  return out.join('\n') + '\n';
}

/** One idea decision as text. */
export function formatIdeaText(d: {
  issue: string;
  project: string;
  locked: boolean;
  reasons: string[];
}): string {
  const head = `${d.issue} (${d.project}): ${d.locked ? 'LOCKED' : 'not locked'}`;
  return [head, ...d.reasons.map((r) => `  - ${r}`)].join('\n') + '\n';
}

export { describeCriterion };
