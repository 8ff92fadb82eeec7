/**
 * Issue #14: the project page's helpers in German (the viewer's words as their last parameter); English stays the
 * default, as test/ui/{ladder,refresh,evidence,computing,errors,nextGate,criteria}.test.ts assert.
 */
import { wordsFor } from '../../src/core/wording';
import { computingMessage, pollingGaveUp } from '../../static/src/computing';
import { criterionView } from '../../static/src/criteria';
import { errorFromException, errorMessage } from '../../static/src/errors';
import { evidenceNote } from '../../static/src/evidence';
import { ideaCount, phaseLadder, phaseStateLabel } from '../../static/src/ladder';
import { nextGateName, nextGateNeeds } from '../../static/src/nextGate';
import { report, noIdeaTypeReport } from '../helpers/reports';

const de = wordsFor('de-DE');
const en = wordsFor('en-US');

describe('the project page in German', () => {
  test('the ladder', () => {
    const steps = phaseLadder(report(1), de);
    expect(steps[0]?.name).toBe('Zuverlässige Systeme');
    expect(steps[0]?.summary).toBe(
      '4 schwere Vorfälle in 90 Tagen, Median der Wiederherstellung 160 Std. (6,7 Tage)',
    );
    expect(steps[2]?.stateLabel).toBe('Gesperrt');
    expect(steps[2]?.summary).toBe('5 Ideen gesperrt');
    expect(phaseLadder(report(2), de)[1]?.summary).toBe('6 von 9 pünktlich (66,7 %)');
    expect(phaseStateLabel(report(1), 1, de)).toBe('Nicht erreicht');
    const r = noIdeaTypeReport();
    expect(ideaCount(r.ideas, r.ideas.waiting, de)).toBe('nicht gefunden');
  });

  test('the next gate and a criterion, labels worded from the catalogue', () => {
    const r = report(1);
    expect(nextGateName(r, de)).toBe('Phase 2 — Termintreue Lieferung');
    for (const line of nextGateNeeds(r, de)) expect(line).toMatch(/nötig: (höchstens|mindestens)/);
    const r1 = r.reliability.criteria.find((c) => c.id === 'R1')!;
    const windows = { reliability: r.reliability.windowDays, delivery: r.delivery.windowDays };
    const v = criterionView(r1, r.reliability.criteria, r.waivers, de, windows);
    expect(v.label).toBe(`Schwere Vorfälle in ${r.reliability.windowDays} Tagen`);
    expect(v.stateText).toBe('Nicht erreicht');
    // In English, the catalogue's label is the report's own.
    expect(criterionView(r1, r.reliability.criteria, r.waivers, en, windows).label).toBe(r1.label);
  });

  test('evidence, computing and errors', () => {
    expect(evidenceNote(48, { total: 180, stored: 50 }, de)).toBe(
      '48 von 180 angezeigt: Nur 50 sind mit der Berechnung gespeichert, und 2 davon sind für Sie ausgeblendet oder haben sich seit der Berechnung geändert.',
    );
    expect(computingMessage(35, de)).toBe('Das Gate wird berechnet — etwa 35 s');
    expect(computingMessage(240, de)).toBe('Das Gate wird berechnet — etwa 4 Min.');
    expect(pollingGaveUp(de)).toMatch(/^Das Gate wird noch berechnet/);
    // Worded from the code, never from the server's English text; in English the server's message stays.
    const jira = { code: 'jira' as const, message: 'Jira answered 503 for OPS' };
    expect(errorMessage(jira, de)).toBe('Jira konnte nicht gelesen werden.');
    expect(errorMessage(jira)).toBe('Jira answered 503 for OPS');
    expect(errorFromException(null, de).message).toBe('unbekannter Fehler');
  });
});
