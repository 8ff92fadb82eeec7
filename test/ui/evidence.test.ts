import { snapshotView } from '../../src/forge/snapshotView';
import { evidenceCount, evidenceNote } from '../../static/src/evidence';
import { evidence, report } from '../helpers/reports';

/** A snapshot as the resolvers send it (counts, never keys). */
function sent(lists: Parameters<typeof evidence>[0], totals?: Record<string, number>) {
  const r = report(2);
  return snapshotView({
    report: r,
    trend: [],
    evidence: evidence(lists),
    computedAt: r.computedAt,
    ...(totals ? { evidenceTotals: totals } : {}),
  });
}

describe('evidence lists', () => {
  test("an intact list's count is its length", () => {
    expect(evidenceCount(sent({ late: ['A-1', 'A-2'] }), 'late')).toEqual({ total: 2, stored: 2 });
  });

  test('a list cut to fit storage counts in full through evidenceTotals', () => {
    const snapshot = sent({ openMajorIncidents: ['A-1', 'A-2'] }, { openMajorIncidents: 180 });
    expect(evidenceCount(snapshot, 'openMajorIncidents')).toEqual({ total: 180, stored: 2 });
    // Lists absent from evidenceTotals are complete.
    expect(evidenceCount(snapshot, 'late')).toEqual({ total: 0, stored: 0 });
  });

  test('the v2 lists are counted too', () => {
    expect(evidenceCount(sent({ staleMajorIncidents: ['A-9'] }), 'staleMajorIncidents').total).toBe(1);
  });

  test('under a trimmed list: "showing N of M"', () => {
    expect(evidenceNote(50, { total: 180, stored: 50 })).toBe(
      'Showing 50 of 180: only 50 are kept with the computation.',
    );
    expect(evidenceNote(48, { total: 180, stored: 50 })).toBe(
      'Showing 48 of 180: only 50 are kept with the computation, and 2 of those are hidden from you or have ' +
        'changed since the computation.',
    );
    expect(evidenceNote(0, { total: 180, stored: 0 })).toBe(
      'The list of these 180 issues was too long to keep with the computation.',
    );
  });

  test('one kept issue reads in the singular', () => {
    expect(evidenceNote(1, { total: 4, stored: 1 })).toBe(
      'Showing 1 of 4: only 1 is kept with the computation.',
    );
  });

  test('an intact list says nothing unless issues are hidden from the viewer', () => {
    expect(evidenceNote(3, { total: 3, stored: 3 })).toBeNull();
    expect(evidenceNote(2, { total: 3, stored: 3 })).toBe(
      'Showing 2 of 3: the others are hidden from you, or have changed since the computation.',
    );
  });
});
