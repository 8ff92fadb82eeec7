/**
 * Phase 1 — Reliable systems (docs/metrics.md "Phase 1").
 * Pure: facts in, figures out. Types, priorities and resolutions are compared by id (GateSources), labels by name.
 */
import type { Config } from './config';
import { addDays, endOfDayIn, hoursBetween, inWindow, type CalendarDate } from './dates';
import { existsAt, isExcluded, nameSet, resolvedAt, type GateFacts, type IssueFact } from './facts';
import type { Criterion, ReliabilityReport } from './report';
import { idSet, type GateSources } from './sources';
import { mean, median } from './stats';
import { criterionLabel } from './wording';

export type ReliabilityConfig = Pick<
  Config,
  | 'incidentExemptLabels'
  | 'reliabilityWindowDays'
  | 'maxMajorIncidents'
  | 'maxMedianRestoreHours'
  | 'timeZone'
>;

export type ReliabilitySources = Pick<GateSources, 'incidents' | 'excludedResolutions'>;

export interface ReliabilityEvidence {
  majorIncidents: string[];
  openIncidents: string[];
  openMajorIncidents: string[];
  staleMajorIncidents: string[];
}

export interface ReliabilityResult {
  report: ReliabilityReport;
  evidence: ReliabilityEvidence;
}

/**
 * Rule "incident": an issue whose type id is an incident type, not resolved with an excluded resolution (only issues
 * that have a resolution can be excluded), without an exemption label (by name, case-insensitively).
 * @example isIncident({ typeId: '10021', labels: ['external-cause'], … }, sources, config) // false
 */
export function isIncident(
  issue: IssueFact,
  sources: ReliabilitySources,
  config: Pick<Config, 'incidentExemptLabels'>,
): boolean {
  const exempt = nameSet(config.incidentExemptLabels);
  return (
    idSet(sources.incidents.types)(issue.typeId) &&
    !isExcluded(issue, idSet(sources.excludedResolutions)) &&
    !issue.labels.some((l) => exempt(l))
  );
}

/** Rule "major incident": the priority id is one of the major priorities' ids. */
export function isMajor(issue: IssueFact, sources: Pick<GateSources, 'incidents'>): boolean {
  return idSet(sources.incidents.majorPriorities)(issue.priorityId);
}

/** Hours from creation to the resolved instant. */
export function restoreHours(issue: IssueFact): number {
  return hoursBetween(issue.created, issue.resolved ?? issue.created);
}

/**
 * R0 "incidents are recorded" (docs/metrics.md "Sources and id matching"): an incident type exists in the incident projects and an incident was
 * created on or before `asOf` (the cheap first-incident search, or any counted incident).
 */
export function incidentsRecorded(
  sources: Pick<GateSources, 'incidents'>,
  firstIncidentDay: GateFacts['firstIncidentDay'],
  incidents: readonly IssueFact[],
  asOf: CalendarDate,
): boolean {
  if (sources.incidents.types.length === 0) return false;
  if (firstIncidentDay !== null && firstIncidentDay <= asOf) return true;
  return incidents.some((i) => existsAt(i, asOf));
}

/** The R0 warning, naming the incident projects ("unknown is never a pass"). */
export function unrecordedWarning(sources: Pick<GateSources, 'incidents'>): string {
  const where = sources.incidents.projects.join(', ');
  return sources.incidents.types.length === 0
    ? `No incident type exists in ${where}: reliability cannot be shown`
    : `No incident has ever been recorded in ${where}: reliability cannot be shown`;
}

/**
 * R0–R3 and every reliability figure, as of the end of `asOf`. `incidents` are already incidents (see
 * `isIncident`); `met` here is the real result (waivers are applied by compute.ts).
 * @example computeReliability(incidents, sources, config, '2026-06-30', null).report.majorIncidents // 1
 */
export function computeReliability(
  incidentFacts: readonly IssueFact[],
  sources: ReliabilitySources,
  config: ReliabilityConfig,
  asOf: CalendarDate,
  firstIncidentDay: CalendarDate | null = null,
  preFiltered = false,
): ReliabilityResult {
  const N = config.reliabilityWindowDays;
  const endOfAsOf = endOfDayIn(asOf, config.timeZone);
  const major = idSet(sources.incidents.majorPriorities);
  const incidents: IssueFact[] = [];
  for (const i of incidentFacts)
    if (existsAt(i, asOf) && (preFiltered || isIncident(i, sources, config))) incidents.push(i);

  const inWin = incidents.filter((i) => inWindow(i.createdDay, asOf, N));
  const majors = inWin.filter((i) => major(i.priorityId));
  const open = inWin.filter((i) => !resolvedAt(i, asOf));
  const restored = incidents.filter((i) => i.resolvedDay !== null && inWindow(i.resolvedDay, asOf, N));
  const hours = restored.map(restoreHours);
  const openMajor = incidents
    .filter((i) => major(i.priorityId) && !resolvedAt(i, asOf))
    .sort((a, b) => a.created - b.created);
  const longestOpenMajorHours = openMajor.reduce(
    (m, i) => Math.max(m, hoursBetween(i.created, endOfAsOf)),
    0,
  );
  const limit = config.maxMedianRestoreHours;
  const stale = openMajor.filter((i) => hoursBetween(i.created, endOfAsOf) > limit);
  const medianRestoreHours = median(hours);
  const recorded = incidentsRecorded(sources, firstIncidentDay, incidents, asOf);

  const criteria: Criterion[] = [
    {
      id: 'R0',
      label: criterionLabel('R0', { reliability: N, delivery: N }),
      value: recorded ? 1 : 0,
      unit: 'count',
      op: '>=',
      limit: 1,
      met: recorded,
      waived: false,
      need: recorded ? null : { kind: 'recordIncidents' },
    },
    r1(majors, config),
    {
      id: 'R2',
      label: criterionLabel('R2', { reliability: N, delivery: N }),
      value: medianRestoreHours,
      unit: 'hours',
      op: '<=',
      limit,
      met: medianRestoreHours === null || medianRestoreHours <= limit,
      waived: false,
      need:
        medianRestoreHours === null || medianRestoreHours <= limit
          ? null
          : { kind: 'fasterRestore', excessHours: medianRestoreHours - limit },
    },
    {
      id: 'R3',
      label: criterionLabel('R3', { reliability: N, delivery: N }),
      value: longestOpenMajorHours,
      unit: 'hours',
      op: '<=',
      limit,
      met: longestOpenMajorHours <= limit,
      waived: false,
      need: stale.length === 0 ? null : { kind: 'resolveOpenMajors', count: stale.length },
    },
  ];
  return {
    report: {
      met: criteria.every((c) => c.met),
      windowDays: N,
      incidents: inWin.length,
      majorIncidents: majors.length,
      openIncidents: open.length,
      restoredInWindow: restored.length,
      medianRestoreHours,
      meanRestoreHours: mean(hours),
      longestOpenMajorHours,
      criteria,
    },
    evidence: {
      majorIncidents: majors.map((i) => i.key),
      openIncidents: open.map((i) => i.key),
      openMajorIncidents: openMajor.map((i) => i.key),
      staleMajorIncidents: stale.map((i) => i.key),
    },
  };
}

/**
 * R1 with its need: `excess` majors too many; `clearsOn` = the created day of the `excess`-th oldest major incident in
 * the window + windowDays (the first as-of date on which it has left the window).
 */
function r1(majors: readonly IssueFact[], config: ReliabilityConfig): Criterion {
  const N = config.reliabilityWindowDays;
  const max = config.maxMajorIncidents;
  const met = majors.length <= max;
  let need: Criterion['need'] = null;
  if (!met) {
    const excess = majors.length - max;
    const day = majors.map((i) => i.createdDay).sort()[excess - 1];
    need = { kind: 'fewerMajorIncidents', excess, clearsOn: day === undefined ? null : addDays(day, N) };
  }
  return {
    id: 'R1',
    label: criterionLabel('R1', { reliability: N, delivery: N }),
    value: majors.length,
    unit: 'count',
    op: '<=',
    limit: max,
    met,
    waived: false,
    need,
  };
}

/** "OPS-1", "OPS-1 and OPS-2", "OPS-1, OPS-2 and 3 more". */
export function listKeys(keys: readonly string[], max = 3): string {
  if (keys.length <= 1) return keys[0] ?? '';
  if (keys.length <= max) return `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
  return `${keys.slice(0, max).join(', ')} and ${keys.length - max} more`;
}
