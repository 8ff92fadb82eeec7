/**
 * Issue #14: the one message catalogue (src/core/i18n) — English and German with the same keys, the same placeholders,
 * German that is German, Forge's translation files current, manifest.yml's i18n keys present — and the wording module
 * in German.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { NAMESPACES } from '../../src/core/i18n/catalogue';
import { isPlural, type MessageTree } from '../../src/core/i18n/messages';
import { catalogueFor, createTranslator, fill, pickLocale } from '../../src/core/i18n';
import { wordsFor } from '../../src/core/wording';

const ROOT = join(__dirname, '..', '..');

/** Every message as [dotted key, text]; a plural gives key.one and key.other. */
function leaves(tree: MessageTree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] => {
    if (typeof v === 'string') return [[`${prefix}${k}`, v]];
    if (isPlural(v))
      return [
        [`${prefix}${k}.one`, v.one],
        [`${prefix}${k}.other`, v.other],
      ];
    return leaves(v, `${prefix}${k}.`);
  });
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Messages that are the same in both languages by nature: names, formats made of placeholders, loan words. */
const SAME_IN_GERMAN = new Set([
  'admin.colGate',
  'admin.colPhase',
  'admin.audit.colPhase',
  'admin.audit.phase',
  'common.product',
  'manifest.adminPage',
  'manifest.projectPage',
  'manifest.settingsPage',
  'manifest.ideaPanel',
  'wording.dateTime',
  'macro.gate',
  'macro.gates',
  'ui.phase',
  'ui.monthYear',
  'ui.monthYearShort',
  'wording.phase3',
  'wording.cause',
  'wording.phaseChangeCause',
  'project.pageTitle',
  'project.phasePrefix',
  'project.waivedCriterion',
  'project.ladderPhase',
  'project.nextGateName',
  // Formats of placeholders only, and "(optional)", which German writes the same.
  'settings.optional',
  'settings.percent',
  'settings.inField',
  'settings.change',
  'settings.version',
  'settings.memberships.phase',
]);

describe('the message catalogue', () => {
  const en = new Map(leaves(catalogueFor('en')));
  const de = new Map(leaves(catalogueFor('de')));

  it('has every English message in German, and nothing more', () => {
    expect([...de.keys()].sort()).toEqual([...en.keys()].sort());
    expect(en.size).toBeGreaterThan(80);
  });

  it('translates every message: no German message is left in English, none is empty', () => {
    const untranslated = [...en]
      .filter(([k, v]) => !SAME_IN_GERMAN.has(k) && de.get(k) === v)
      .map(([k]) => k);
    expect(untranslated).toEqual([]);
    expect([...de].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('keeps the same placeholders in both languages', () => {
    const differing = [...en].filter(
      ([k, v]) => placeholders(v).join() !== placeholders(de.get(k) ?? '').join(),
    );
    expect(differing.map(([k]) => k)).toEqual([]);
  });

  it('is written as Forge translation files that are current (npm run build:locales)', () => {
    for (const [file, lang] of [
      ['en-US.json', 'en'],
      ['de-DE.json', 'de'],
    ] as const) {
      const written = JSON.parse(readFileSync(join(ROOT, 'locales', file), 'utf8'));
      expect(written).toEqual(catalogueFor(lang));
    }
  });

  it('holds every i18n key manifest.yml names, and the manifest names both files', () => {
    const text = readFileSync(join(ROOT, 'manifest.yml'), 'utf8');
    const manifest = parse(text) as { translations: { resources: { key: string; path: string }[] } };
    expect(manifest.translations.resources.map((r) => r.key).sort()).toEqual(['de-DE', 'en-US']);
    const keys = [...text.matchAll(/i18n:\s*([\w.-]+)/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThanOrEqual(8);
    for (const key of keys) {
      expect(en.get(key)).toBeTruthy();
      expect(de.get(key)).toBeTruthy();
    }
    // No module title is left as a literal string beside the i18n ones.
    expect(text).not.toMatch(/^\s+title: [^\n{]/m);
  });

  it('registers each namespace once', () => {
    expect(Object.keys(NAMESPACES).sort()).toEqual([
      'admin',
      'common',
      'format',
      'idea',
      'macro',
      'manifest',
      'project',
      'settings',
      'ui',
      'wording',
    ]);
  });
});

describe('choosing the language', () => {
  it.each([
    ['de-DE', 'de-DE'],
    ['de_AT', 'de-DE'],
    ['de', 'de-DE'],
    ['en-GB', 'en-US'],
    ['fr-FR', 'en-US'],
    ['deu', 'en-US'],
    [undefined, 'en-US'],
    ['', 'en-US'],
  ])('%s reads %s', (tag, locale) => {
    expect(pickLocale(tag)).toBe(locale);
  });

  it('fills placeholders and leaves an unfilled one visible', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('picks the plural form by the language rule, with the count in its digits', () => {
    const de = createTranslator('de-DE');
    expect(de.plural('wording.causeR1', 1)).toBe('1 schwerer Vorfall');
    expect(de.plural('wording.causeR1', 3)).toBe('3 schwere Vorfälle');
    expect(createTranslator('en-GB').plural('wording.causeR1', 0)).toBe('0 major incidents');
  });
});

describe('the wording module in German', () => {
  const w = wordsFor('de-DE');

  it('words dates, hours and rates the German way', () => {
    expect(w.formatCalendarDate('2027-01-09')).toBe('9. Jan. 2027');
    expect(w.formatCalendarDate('2026-09-15')).toBe('15. Sept. 2026');
    expect(w.formatHours(160.1)).toBe('160 Std. (6,7 Tage)');
    expect(w.formatHours(5.5)).toBe('5,5 Std.');
    expect(w.formatRate(0.6667)).toBe('66,7 %');
    expect(w.formatDateTime(Date.parse('2026-12-02T04:17:00Z'), 'UTC')).toBe('2. Dez. 2026, 04:17 UTC');
  });

  it('words a criterion, its need and a step back', () => {
    const d2 = {
      id: 'D2' as const,
      label: 'On-time rate',
      value: 0.4,
      unit: 'rate' as const,
      op: '>=' as const,
      limit: 0.8,
      met: false,
      waived: false,
      need: { kind: 'moreOnTime' as const, deliveries: 10, overdueOpen: 1 },
    };
    expect(w.describeCriterion(d2, [], { reliability: 90, delivery: 90 })).toBe(
      'Pünktlichkeitsquote: 40 %, nötig: mindestens 80 % — 10 weitere pünktliche Lieferungen (1 überfällig und noch offen)',
    );
    expect(
      w.describePhaseChange({
        date: '2026-03-04',
        from: 2,
        to: 1,
        cause: [{ id: 'R1', value: 3, unit: 'count', op: '<=', limit: 2, waiverEnded: false }],
      }),
    ).toBe(
      'zurückgeworfen auf Phase 1 (Zuverlässige Systeme) am 4. März 2026: 3 schwere Vorfälle (Grenze 2)',
    );
  });

  it('leaves the English wording as it was', () => {
    const en = wordsFor('en-GB');
    expect(en.formatCalendarDate('2027-01-09')).toBe('9 Jan 2027');
    expect(en.formatHours(160.1)).toBe('160 h (6.7 days)');
    expect(en.criterionLabel('R1', { reliability: 90, delivery: 30 })).toBe('Major incidents in 90 days');
    expect(en.criterionLabel('D1', { reliability: 90, delivery: 30 })).toBe(
      'Deliverables decided in 30 days',
    );
  });
});
