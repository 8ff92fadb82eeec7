/**
 * Phase 1 — Reliable systems (SPEC section 3). Pure: facts in, figures out.
 */
import type { Config } from './config';
import { addDays, endOfDayIn, hoursBetween, inWindow, type CalendarDate } from './dates';
import { existsAt, nameSet, resolvedAt, type IssueFact } from './facts';
import type { Criterion, ReliabilityReport } from './report';
import { mean, median } from './stats';

export type ReliabilityConfig = Pick<
  Config,
  | 'incidentTypes'
  | 'incidentExemptLabels'
  | 'majorPriorities'
  | 'reliabilityWindowDays'
  | 'maxMajorIncidents'
  | 'maxMedianRestoreHours'
  | 'excludedResolutions'
  | 'timeZone'
>;

export interface ReliabilityResult {
  report: ReliabilityReport;
  evidence: { majorIncidents: string[]; openIncidents: string[]; openMajorIncidents: string[] };
}

/**
 * Rule "incident": an issue of an incident type, not resolved with an excluded resolution, without an exemption label.
 * @example isIncident({ type: 'Incident', labels: ['external-cause'], … }, config) // false
 */
export function isIncident(issue: IssueFact, config: ReliabilityConfig): boolean {
  const isType = nameSet(config.incidentTypes);
  const exempt = nameSet(config.incidentExemptLabels);
  const excluded = nameSet(config.excludedResolutions);
  return isType(issue.type) && !excluded(issue.resolution) && !issue.labels.some((l) => exempt(l));
}

/** Rule "major incident": the priority name is one of `majorPriorities`. */
export function isMajor(issue: IssueFact, config: Pick<Config, 'majorPriorities'>): boolean {
  return nameSet(config.majorPriorities)(issue.priority);
}

/** Hours from creation to resolution. */
export function restoreHours(issue: IssueFact): number {
  return hoursBetween(issue.created, issue.resolved ?? issue.created);
}

/**
 * Rule R1–R3 and every reliability figure, as of the end of `asOf`.
 * @example computeReliability(facts, config, '2026-06-30').report.majorIncidents // 1
 */
export function computeReliability(
  issues: readonly IssueFact[],
  config: ReliabilityConfig,
  asOf: CalendarDate,
): ReliabilityResult {
  const N = config.reliabilityWindowDays;
  const endOfAsOf = endOfDayIn(asOf, config.timeZone);
  const incidents = issues.filter((i) => isIncident(i, config) && existsAt(i, asOf));

  const inWin = incidents.filter((i) => inWindow(i.createdDay, asOf, N));
  const major = inWin.filter((i) => isMajor(i, config));
  const open = inWin.filter((i) => !resolvedAt(i, asOf));
  const restored = incidents.filter((i) => i.resolvedDay !== null && inWindow(i.resolvedDay, asOf, N));
  const hours = restored.map(restoreHours);
  const openMajor = incidents.filter((i) => isMajor(i, config) && !resolvedAt(i, asOf));
  const longestOpenMajorHours = openMajor.reduce(
    (m, i) => Math.max(m, hoursBetween(i.created, endOfAsOf)),
    0,
  );

  const medianRestoreHours = median(hours);
  const criteria = reliabilityCriteria(
    {
      majorIncidents: major.length,
      medianRestoreHours,
      longestOpenMajorHours,
      openMajor,
      majorInWindow: major,
    },
    config,
    asOf,
  );
  return {
    report: {
      met: criteria.every((c) => c.met),
      windowDays: N,
      incidents: inWin.length,
      majorIncidents: major.length,
      openIncidents: open.length,
      restoredInWindow: restored.length,
      medianRestoreHours,
      meanRestoreHours: mean(hours),
      longestOpenMajorHours,
      criteria,
    },
    evidence: {
      majorIncidents: major.map((i) => i.key),
      openIncidents: open.map((i) => i.key),
      openMajorIncidents: [...openMajor].sort((a, b) => a.created - b.created).map((i) => i.key),
    },
  };
}

function formatHours(h: number): string {
  return `${Math.round(h * 10) / 10} h`;
}

function reliabilityCriteria(
  f: {
    majorIncidents: number;
    medianRestoreHours: number | null;
    longestOpenMajorHours: number;
    openMajor: IssueFact[];
    majorInWindow: IssueFact[];
  },
  config: ReliabilityConfig,
  asOf: CalendarDate,
): Criterion[] {
  const N = config.reliabilityWindowDays;
  const max = config.maxMajorIncidents;
  const target = config.maxMedianRestoreHours;

  const r1: Criterion = {
    id: 'R1',
    label: `Major incidents in ${N} days`,
    value: f.majorIncidents,
    target: `<= ${max}`,
    met: f.majorIncidents <= max,
  };
  if (!r1.met) {
    const excess = f.majorIncidents - max;
    // The window moves forward one day at a time: the excess leaves it as the oldest major incidents age out.
    const days = [...f.majorInWindow].map((i) => i.createdDay).sort();
    const clearsOn = days[excess - 1];
    r1.hint =
      `${excess} major incident${excess > 1 ? 's' : ''} too many` +
      (clearsOn ? `; with no new ones, the count drops to ${max} after ${addDays(clearsOn, N - 1)}` : '');
  }

  const r2: Criterion = {
    id: 'R2',
    label: `Median time to restore in ${N} days (hours)`,
    value: f.medianRestoreHours,
    target: `<= ${target}`,
    met: f.medianRestoreHours === null || f.medianRestoreHours <= target,
  };
  if (!r2.met)
    r2.hint = `restore incidents faster: the median must fall by ${formatHours(f.medianRestoreHours! - target)}`;

  const r3: Criterion = {
    id: 'R3',
    label: 'Longest-open major incident (hours)',
    value: f.longestOpenMajorHours,
    target: `<= ${target}`,
    met: f.longestOpenMajorHours <= target,
  };
  if (!r3.met) {
    const endOfAsOf = endOfDayIn(asOf, config.timeZone);
    const tooOld = f.openMajor
      .filter((i) => hoursBetween(i.created, endOfAsOf) > target)
      .sort((a, b) => a.created - b.created)
      .map((i) => i.key);
    r3.hint = `resolve ${listKeys(tooOld)}`;
  }
  return [r1, r2, r3];
}

/** "OPS-1", "OPS-1 and OPS-2", "OPS-1, OPS-2 and 3 more". */
export function listKeys(keys: readonly string[], max = 3): string {
  if (keys.length <= 1) return keys[0] ?? '';
  if (keys.length <= max) return `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
  return `${keys.slice(0, max).join(', ')} and ${keys.length - max} more`;
}
