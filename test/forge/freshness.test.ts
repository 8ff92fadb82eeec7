import { parseConfig } from '../../src/core/config';
import {
  projectHash,
  scheduledReadReason,
  SWEEP_EVERY_HOURS,
  VALIDITY_DAYS,
  validityEnd,
} from '../../src/forge/freshness';
import { addDays, daysBetween } from '../../src/core/dates';
import type { GateDoc } from '../../src/forge/storage';

const NOW = Date.parse('2026-06-30T12:00:00Z');
const config = parseConfig({ timeZone: 'Europe/Paris' });

function doc(over: Partial<GateDoc> = {}, asOf = '2026-06-30', computedAt = NOW - 3_600_000): GateDoc {
  return {
    project: 'OPS',
    config,
    snapshotConfig: config,
    snapshot: {
      report: { asOf },
      trend: [],
      evidence: {},
      computedAt: new Date(computedAt).toISOString(),
    } as unknown as GateDoc['snapshot'],
    lastError: null,
    lastAttemptAt: null,
    ...over,
  };
}

describe('the schedule reads Jira again only when the figures can have moved', () => {
  test('a same-day snapshot kept by issue events is current', () => {
    expect(scheduledReadReason(doc(), config, NOW)).toBeNull();
  });
  test('never computed', () => {
    expect(scheduledReadReason(null, config, NOW)).toBe('never computed');
    expect(scheduledReadReason(doc({ snapshot: null }), config, NOW)).toBe('never computed');
  });
  test('a new day in the configured zone moves every window', () => {
    // 23:30 UTC on the 30th is already the 1st in Paris.
    expect(scheduledReadReason(doc(), config, Date.parse('2026-06-30T23:30:00Z'))).toBe(
      'a new day (2026-07-01)',
    );
  });
  test('older than the safety interval', () => {
    const old = doc({}, '2026-06-30', NOW - (SWEEP_EVERY_HOURS + 1) * 3_600_000);
    expect(scheduledReadReason(old, config, NOW)).toBe(`not synced with Jira for ${SWEEP_EVERY_HOURS} h`);
    // The stored facts' last sync counts, not the snapshot's age (an event-driven recompute does not sync).
    expect(scheduledReadReason(old, config, NOW, NOW - 60_000)).toBeNull();
    expect(scheduledReadReason(doc(), config, NOW, NOW - SWEEP_EVERY_HOURS * 3_600_000)).toMatch(
      /^not synced/,
    );
  });
  test('a failed computation or another configuration', () => {
    expect(scheduledReadReason(doc({ lastError: { message: 'x', at: '' } }), config, NOW)).toBe(
      'the last computation failed',
    );
    // Settings saved: the config in force changed, the snapshot was computed with the old one.
    const saved = parseConfig({ timeZone: 'Europe/Paris', graceDays: 2 });
    expect(scheduledReadReason(doc({ config: saved }), saved, NOW)).toBe('the configuration changed');
    expect(scheduledReadReason(doc({ snapshotConfig: undefined }), config, NOW)).toBe(
      'the configuration changed',
    );
  });
});

describe('validityEnd: a week ahead at most, reconciliations spread over the week by project', () => {
  test('within a week; the next full read falls on the project weekday, every week', () => {
    const projects = Array.from({ length: 70 }, (_, i) => String(10_000 + i));
    const weekdays = new Set<number>();
    for (const p of projects) {
      let day = '2026-06-01';
      const first = validityEnd(p, day);
      const ahead = daysBetween(day, first);
      expect(ahead).toBeGreaterThanOrEqual(1);
      expect(ahead).toBeLessThanOrEqual(VALIDITY_DAYS);
      // The next full read (the day after) is on the project's slot; from then on a whole week each time.
      day = addDays(first, 1);
      expect(daysBetween('1970-01-01', day) % VALIDITY_DAYS).toBe(projectHash(p) % VALIDITY_DAYS);
      expect(daysBetween(day, addDays(validityEnd(p, day), 1))).toBe(VALIDITY_DAYS);
      weekdays.add(daysBetween('1970-01-01', day) % VALIDITY_DAYS);
    }
    expect(weekdays.size).toBe(VALIDITY_DAYS);
  });
});
