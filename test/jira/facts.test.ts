import { DataWarnings, toFact } from '../../src/jira/facts';

const raw = (fields: Record<string, unknown>) => ({ id: '1', key: 'OPS-1', fields });
const created = '2026-06-01T23:30:00.000-0200';

describe('Jira issues become facts', () => {
  test('timestamps are read with their offsets and dated in the configured zone', () => {
    const f = toFact(
      raw({ created, resolutiondate: '2026-06-02T00:15:00.000+0530' }),
      'UTC',
      new DataWarnings(),
    )!;
    expect(f.created).toBe(Date.parse('2026-06-02T01:30:00Z'));
    expect(f.createdDay).toBe('2026-06-02');
    expect(f.resolvedDay).toBe('2026-06-01');
  });

  test('missing fields read as empty: no priority, no labels, no due date, unknown status', () => {
    const f = toFact(raw({ created }), 'UTC', new DataWarnings())!;
    expect(f).toMatchObject({
      type: '',
      priority: null,
      labels: [],
      dueDate: null,
      resolved: null,
      statusCategory: 'unknown',
    });
  });

  test('null priority and null resolution are fine', () => {
    const f = toFact(
      raw({ created, priority: null, resolution: null, labels: null }),
      'UTC',
      new DataWarnings(),
    )!;
    expect(f).toMatchObject({ priority: null, resolution: null, labels: [] });
  });

  test('no readable creation date: left out with a warning', () => {
    const w = new DataWarnings();
    expect(toFact(raw({ created: 'last tuesday' }), 'UTC', w)).toBeNull();
    expect(toFact(raw({}), 'UTC', w)).toBeNull();
    expect(w.list()).toEqual(['2 issues: no readable creation date, left out (OPS-1, OPS-1)']);
  });

  test('a resolution without a resolution date reads as unresolved, with a warning', () => {
    const w = new DataWarnings();
    const f = toFact(raw({ created, resolution: { name: 'Done' }, resolutiondate: null }), 'UTC', w)!;
    expect(f.resolved).toBeNull();
    expect(w.list()[0]).toContain('a resolution without a resolution date, read as unresolved');
  });

  test('a malformed due date reads as none, with a warning', () => {
    const w = new DataWarnings();
    expect(toFact(raw({ created, duedate: '2026-02-30' }), 'UTC', w)!.dueDate).toBeNull();
    expect(toFact(raw({ created, duedate: '01/05/2026' }), 'UTC', w)!.dueDate).toBeNull();
    expect(w.list()[0]).toContain('a malformed due date, read as none');
  });

  test('a malformed resolution date reads as unresolved, with a warning', () => {
    const w = new DataWarnings();
    expect(toFact(raw({ created, resolutiondate: 'soon' }), 'UTC', w)!.resolved).toBeNull();
    expect(w.list()[0]).toContain('a malformed resolution date');
  });

  test('status category keys map to waiting, in progress and done', () => {
    const cat = (key: string) =>
      toFact(raw({ created, status: { name: 'X', statusCategory: { key } } }), 'UTC', new DataWarnings())!
        .statusCategory;
    expect([cat('new'), cat('indeterminate'), cat('done'), cat('undefined')]).toEqual([
      'new',
      'indeterminate',
      'done',
      'unknown',
    ]);
  });
});
