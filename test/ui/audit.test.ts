/** Issue #13: the audit trail's table rows and CSV (static/src/audit.ts), and the portfolio's violations cell. */
import type { AuditDay } from '../../src/forge/contract';
import { auditCsv, auditFileName, auditRow, csvField } from '../../static/src/audit';
import { violationsText } from '../../static/src/gates';

const day = (over: Partial<AuditDay> = {}): AuditDay => ({
  day: '2026-06-30',
  at: '2026-06-30T08:00:00.000Z',
  phase: 2,
  unlocked: false,
  reliabilityMet: true,
  deliveryMet: false,
  majorIncidents: 1,
  medianRestoreHours: 5.5,
  onTimeRate: 0.6667,
  decided: 9,
  lockedIdeas: 5,
  longestOpenMajorHours: 0,
  unmet: ['D2'],
  waived: [],
  waivers: [],
  settingsVersion: 3,
  ...over,
});

/** A strict RFC 4180 reader, written here from the RFC (not from the code under test). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\n' || c === '\r') {
      throw new Error(`a bare line break at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('an unterminated quoted field');
  if (field !== '' || row.length) throw new Error('the last record has no CRLF');
  return rows;
}

describe('the audit CSV (RFC 4180)', () => {
  test('a header row, then one row per day in the order given (newest first), CRLF line ends', () => {
    const csv = auditCsv([day({ day: '2026-06-30' }), day({ day: '2026-06-29', phase: 1 })]);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(3);
    const [header, ...days] = rows;
    expect(header).toEqual([
      'day',
      'computed_at',
      'phase',
      'innovation',
      'reliability_met',
      'delivery_met',
      'major_incidents',
      'median_restore_hours',
      'longest_open_major_hours',
      'on_time_rate',
      'decided',
      'on_budget_rate',
      'locked_ideas',
      'not_met',
      'waived',
      'waivers',
      'settings_version',
      'changes',
    ]);
    for (const r of days) expect(r).toHaveLength(header!.length);
    const col = (r: string[], name: string) => r[header!.indexOf(name)];
    expect(days.map((r) => col(r, 'day'))).toEqual(['2026-06-30', '2026-06-29']);
    expect(col(days[0]!, 'phase')).toBe('2');
    expect(col(days[0]!, 'on_time_rate')).toBe('0.6667'); // unrounded, as in the JSON
    expect(col(days[0]!, 'innovation')).toBe('locked');
    expect(col(days[0]!, 'median_restore_hours')).toBe('5.5');
    expect(col(days[0]!, 'on_budget_rate')).toBe(''); // no such figure that day
    expect(col(days[0]!, 'settings_version')).toBe('3');
  });

  test('waivers with commas, quotes and line breaks survive quoting; the row count stays one per day', () => {
    const reason = 'ERP "big bang", cut-over\r\nweekend';
    const d = day({
      waived: ['D2'],
      waivers: [
        { criterion: 'D2', from: '2026-06-01', until: '2026-08-30', approver: 'Ng, Dana (CIO)', reason },
      ],
      changes: [
        { at: '2026-06-30T09:00:00.000Z', change: 'unlocked' },
        { at: '2026-06-30T10:00:00.000Z', change: 'relocked' },
      ],
    });
    const rows = parseCsv(auditCsv([d]));
    expect(rows).toHaveLength(2);
    const header = rows[0]!;
    const waivers = rows[1]![header.indexOf('waivers')];
    expect(waivers).toBe(`D2 2026-06-01..2026-08-30 approved by Ng, Dana (CIO): ${reason}`);
    expect(rows[1]![header.indexOf('waived')]).toBe('D2');
    expect(rows[1]![header.indexOf('changes')]).toBe(
      'unlocked 2026-06-30T09:00:00.000Z; relocked 2026-06-30T10:00:00.000Z',
    );
  });

  test('fields: plain text as is, quotes doubled, null empty; text a spreadsheet would run is defused', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(false)).toBe('false');
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  test('no days: the header row only; the file is named after the project and its newest day', () => {
    expect(parseCsv(auditCsv([]))).toHaveLength(1);
    expect(auditFileName('OPS', [day()])).toBe('phase-gate-audit-OPS-2026-06-30.csv');
    expect(auditFileName('OPS', [])).toBe('phase-gate-audit-OPS.csv');
  });
});

describe('the audit table', () => {
  test('a day in the product units, waivers with approver and end date, the settings version', () => {
    const row = auditRow(
      day({
        unmet: ['R1', 'D2'],
        waived: ['D2'],
        waivers: [
          {
            criterion: 'D2',
            from: '2026-06-01',
            until: '2026-08-30',
            approver: 'Dana Ng',
            reason: 'ERP freeze',
          },
        ],
        changes: [{ at: '2026-06-30T09:05:00.000Z', change: 'relocked' }],
      }),
      'UTC',
    );
    expect(row).toMatchObject({
      date: '30 Jun 2026',
      phase: 'Phase 2',
      ideas: 'locked (5 waiting)',
      medianRestore: '5.5 h',
      onTimeRate: '66.7%',
      notMet: 'Major incidents, On-time rate (On-time rate waived)',
      waivers: 'On-time rate until 30 Aug 2026 by Dana Ng: ERP freeze',
      settings: 'version 3',
      changes: 'relocked 30 Jun 2026, 09:05 UTC',
    });
  });

  test('defaults, unknown versions and days stored before the audit fields existed', () => {
    expect(auditRow(day({ settingsVersion: 0 }), 'UTC').settings).toBe('defaults');
    expect(auditRow(day({ settingsVersion: null }), 'UTC').settings).toBe('not recorded');
    const old = day();
    delete old.unmet;
    delete old.waivers;
    delete old.settingsVersion;
    expect(auditRow(old, 'UTC')).toMatchObject({ notMet: '—', waivers: '—', settings: 'not recorded' });
    expect(auditRow(day({ unlocked: true, onTimeRate: null }), 'UTC')).toMatchObject({
      ideas: 'unlocked',
      onTimeRate: 'no data',
      changes: 'none',
    });
  });
});

describe("the portfolio's violations cell", () => {
  test('none, the counts in words, or a dash when the resolver sent nothing', () => {
    expect(violationsText({ movedOutOfToDo: 0, typeChanged: 0 })).toBe('none');
    expect(violationsText({ movedOutOfToDo: 2, typeChanged: 1 })).toBe(
      '2 ideas moved while locked, 1 changed away from the idea type',
    );
    expect(violationsText(undefined)).toBe('—');
  });
});
