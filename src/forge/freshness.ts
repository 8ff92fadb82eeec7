/**
 * Whether the hourly schedule must re-read a project from Jira. A full read costs about one Jira point per relevant
 * issue (thousands for a large project), against a quota shared by every customer of the app; issue events already
 * keep the snapshot current within a day (incremental.ts). So the schedule re-reads only when the figures can have
 * moved without an event: a new calendar day (every window moves), a snapshot older than the safety interval (an event
 * may have been missed), a failed or missing computation, or a configuration the snapshot was not computed with.
 */
import type { Config } from '../core/config';
import { addDays, daysBetween, todayIn, type CalendarDate } from '../core/dates';
import type { GateDoc } from './storage';

/**
 * Why the scheduled run must read the project again, or null when the stored snapshot is still exact.
 * @example scheduledReadReason(null, config, Date.now()) // 'never computed'
 */
export function scheduledReadReason(
  doc: GateDoc | null | undefined,
  config: Config,
  now: number,
  /** When the stored facts last caught up with Jira (a full read or a sweep); absent: the snapshot's age counts. */
  syncedAt?: number,
): string | null {
  const snapshot = doc?.snapshot;
  if (!doc || !snapshot) return 'never computed';
  if (doc.lastError) return 'the last computation failed';
  if (JSON.stringify(doc.snapshotConfig) !== JSON.stringify(config)) return 'the configuration changed';
  const today = todayIn(config.timeZone, now);
  if (snapshot.report.asOf !== today) return `a new day (${today})`;
  const ageHours = (now - (syncedAt ?? Date.parse(snapshot.computedAt))) / 3_600_000;
  if (!(ageHours < SWEEP_EVERY_HOURS)) return `not synced with Jira for ${SWEEP_EVERY_HOURS} h`;
  return null;
}

/** A full read answers for this many as-of days ahead (its JQL pre-filters are bounded by the last of them). */
export const VALIDITY_DAYS = 7;

/** A small stable hash of a project id (FNV-1a), to spread the projects' weekly reconciliations over the week. */
export function projectHash(project: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < project.length; i++) {
    h ^= project.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The last as-of date the facts of a full read on `day` are used for (they are read a whole {@link VALIDITY_DAYS}
 * ahead, so they hold every issue that can matter until then): chosen so that the next full read (the day after)
 * falls on the project's own weekday — reconciliations spread across the week by
 * project, never all on one day.
 * @example validityEnd('10001', '2026-06-01') // a day from 2026-06-02 to 2026-06-08
 */
export function validityEnd(project: string, day: CalendarDate): CalendarDate {
  const index = daysBetween('1970-01-01', day);
  const slot = projectHash(project) % VALIDITY_DAYS;
  // Days until the day before the project's reconciliation weekday (0 → a whole week).
  const ahead = (((slot - 1 - index) % VALIDITY_DAYS) + VALIDITY_DAYS) % VALIDITY_DAYS;
  return addDays(day, ahead === 0 ? VALIDITY_DAYS : ahead);
}

/**
 * A sweep reads changes from this long before the last one (Jira's search index may trail a change, and the app's
 * clock Jira's): a change is read twice rather than never.
 */
export const SWEEP_MARGIN_MS = 15 * 60_000;

/** The stored facts are swept (`updated >= …` search) at least this often by the schedule: events can be missed. */
export const SWEEP_EVERY_HOURS = 3;
