import { parseConfig } from '../../src/core/config';
import { FULL_READ_EVERY_HOURS, scheduledReadReason } from '../../src/forge/freshness';
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
    const old = doc({}, '2026-06-30', NOW - (FULL_READ_EVERY_HOURS + 1) * 3_600_000);
    expect(scheduledReadReason(old, config, NOW)).toBe(`older than ${FULL_READ_EVERY_HOURS} h`);
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
