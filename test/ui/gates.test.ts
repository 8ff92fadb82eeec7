/** Words about gates across projects (static/src/gates.ts). */
import type { GateSources } from '../../src/core/sources';
import { wordsFor } from '../../src/core/wording';
import {
  calendarDaysBetween,
  ideasWaitingText,
  namedIds,
  resolvedNote,
  rolesText,
  thrownBackText,
  timeInPhase,
} from '../../static/src/gates';

const SOURCES: GateSources = {
  incidents: {
    projects: ['ITSM'],
    types: [{ name: '[System] Incident', id: '10021' }],
    majorPriorities: [
      { name: 'P1', id: '1' },
      { name: 'P2', id: '2' },
    ],
  },
  deliverables: { projects: ['APP', 'DATA'], types: [{ name: 'Epic', id: '10000' }] },
  ideas: { projects: ['IDEAS'], types: [] },
  excludedResolutions: [{ name: 'Duplicate', id: '3' }],
};

describe('what each name resolved to', () => {
  test('names with their ids, per field', () => {
    expect(resolvedNote('majorPriorities', SOURCES)).toBe('Counted as major: P1 (id 1), P2 (id 2)');
    expect(resolvedNote('incidentProjects', SOURCES)).toBe(
      'Read ITSM: incident types [System] Incident (id 10021)',
    );
    expect(resolvedNote('deliveryProjects', SOURCES)).toContain('Read APP, DATA');
    expect(resolvedNote('ideaProjects', SOURCES)).toBe('Read IDEAS: idea types none found on the site');
    expect(resolvedNote('graceDays', SOURCES)).toBeNull();
    expect(namedIds([])).toBe('none found on the site');
  });
});

describe('memberships and the portfolio', () => {
  test('roles in words', () => {
    expect(rolesText(['deliverables'])).toBe('its deliverables');
    expect(rolesText(['incidents', 'deliverables', 'ideas'])).toBe('its incidents, deliverables and ideas');
  });

  test('time in the phase, from the last change or the start of the tracked year', () => {
    expect(calendarDaysBetween('2026-03-04', '2026-06-30')).toBe(118);
    expect(
      timeInPhase({ asOf: '2026-06-30', phaseSince: '2026-03-04', trackedSince: '2025-06-30', phase: 2 }),
    ).toBe('118 days (since 4 Mar 2026)');
    expect(timeInPhase({ asOf: '2026-06-30', phaseSince: null, trackedSince: '2025-06-30', phase: 1 })).toBe(
      'over 365 days (unchanged since 30 Jun 2025)',
    );
    expect(timeInPhase({ asOf: null, phaseSince: null, trackedSince: null, phase: null })).toBe(
      'not computed',
    );
  });

  test('times thrown back', () => {
    expect([0, 1, 3, null].map(thrownBackText)).toEqual(['never', 'once', '3 times', '—']);
  });
});

describe("the macro's idea counts cannot be misread", () => {
  const ideas = { typeFound: true, total: 4, waiting: 2, inProgress: 1, done: 1, locked: 1 };
  test('the number goes with its noun; the locked ones are said apart', () => {
    expect(ideasWaitingText(ideas, false)).toEqual({ headline: '2 ideas waiting', detail: '1 locked' });
    expect(ideasWaitingText({ ...ideas, locked: 2 }, false)).toEqual({
      headline: '2 ideas waiting',
      detail: 'all are locked',
    });
    expect(ideasWaitingText({ ...ideas, waiting: 1, locked: 1 }, false).headline).toBe('1 idea waiting');
    expect(ideasWaitingText(ideas, true)).toEqual({ headline: '2 ideas waiting', detail: 'free to move on' });
    expect(ideasWaitingText({ ...ideas, typeFound: false, waiting: null }, false).headline).toBe(
      'Ideas not counted',
    );
  });

  test('in German, the verb agrees with the count: one idea "kann", two "können" weitergehen', () => {
    const de = wordsFor('de-DE');
    expect(ideasWaitingText({ ...ideas, waiting: 1, locked: 0 }, true, de)).toEqual({
      headline: '1 Idee wartet',
      detail: 'kann weitergehen',
    });
    expect(ideasWaitingText(ideas, true, de)).toEqual({
      headline: '2 Ideen warten',
      detail: 'können weitergehen',
    });
  });
});
