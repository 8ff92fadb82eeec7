/**
 * Whether the hourly schedule must re-read a project from Jira. A full read costs about one Jira point per relevant
 * issue (thousands for a large project), against a quota shared by every customer of the app; issue events already
 * keep the snapshot current within a day (incremental.ts). So the schedule re-reads only when the figures can have
 * moved without an event: a new calendar day (every window moves), a snapshot older than the safety interval (an event
 * may have been missed), a failed or missing computation, or a configuration the snapshot was not computed with.
 */
import type { Config } from '../core/config';
import { todayIn } from '../core/dates';
import type { GateDoc } from './storage';

/** The longest a snapshot is trusted without a full re-read, whatever the events say. */
export const FULL_READ_EVERY_HOURS = 12;

/**
 * Why the scheduled run must read the project again, or null when the stored snapshot is still exact.
 * @example scheduledReadReason(null, config, Date.now()) // 'never computed'
 */
export function scheduledReadReason(
  doc: GateDoc | null | undefined,
  config: Config,
  now: number,
): string | null {
  const snapshot = doc?.snapshot;
  if (!doc || !snapshot) return 'never computed';
  if (doc.lastError) return 'the last computation failed';
  if (JSON.stringify(doc.snapshotConfig) !== JSON.stringify(config)) return 'the configuration changed';
  const today = todayIn(config.timeZone, now);
  if (snapshot.report.asOf !== today) return `a new day (${today})`;
  const ageHours = (now - Date.parse(snapshot.computedAt)) / 3_600_000;
  if (!(ageHours < FULL_READ_EVERY_HOURS)) return `older than ${FULL_READ_EVERY_HOURS} h`;
  return null;
}
