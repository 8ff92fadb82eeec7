/**
 * Words about gates across projects (issue #11) that the wording module does not cover: what each configured name
 * resolved to, which sources a project is of a gate, how long a gate has held its phase, how often it was thrown back,
 * and the macro's idea counts. Dates through src/core/wording.ts; nothing here reads a sentence.
 */
import type { IdeasReport } from '../../src/core/report';
import type { GateSources, NamedId } from '../../src/core/sources';
import { wordsFor, type Words } from '../../src/core/wording';
import type { Membership, PortfolioRow } from '../../src/forge/contract';

/** The default of the functions that take the viewer's words: English (the callers not converted yet). */
const ENGLISH = wordsFor('en-US');

/** "P1 (id 1), P2 (id 2)"; "none found on the site" for an empty list. */
export function namedIds(list: readonly NamedId[], words: Words = ENGLISH): string {
  const { t } = words.translator;
  return list.length === 0
    ? t('admin.gates.noneFound')
    : list.map((n) => t('admin.gates.namedId', { name: n.name, id: n.id })).join(', ');
}

/** The settings keys whose stored resolution is shown beside their field. */
export type ResolvedKey =
  | 'incidentProjects'
  | 'deliveryProjects'
  | 'ideaProjects'
  | 'incidentTypes'
  | 'majorPriorities'
  | 'deliverableTypes'
  | 'excludedResolutions';

/**
 * What the last computation read for a field, from the stored report's `sources` (SPEC §5); null for other fields.
 * @example resolvedNote('majorPriorities', sources) // 'Counted as major: P1 (id 1), P2 (id 2)'
 */
export function resolvedNote(key: string, sources: GateSources, words: Words = ENGLISH): string | null {
  const { t } = words.translator;
  const ids = (list: readonly NamedId[]) => namedIds(list, words);
  switch (key as ResolvedKey) {
    case 'incidentProjects':
      return t('admin.gates.readIncidents', {
        projects: sources.incidents.projects.join(', '),
        types: ids(sources.incidents.types),
      });
    case 'deliveryProjects':
      return t('admin.gates.readDeliverables', {
        projects: sources.deliverables.projects.join(', '),
        types: ids(sources.deliverables.types),
      });
    case 'ideaProjects':
      return t('admin.gates.readIdeas', {
        projects: sources.ideas.projects.join(', '),
        types: ids(sources.ideas.types),
      });
    case 'incidentTypes':
      return t('admin.gates.countedIncidents', { list: ids(sources.incidents.types) });
    case 'majorPriorities':
      return t('admin.gates.countedMajor', { list: ids(sources.incidents.majorPriorities) });
    case 'deliverableTypes':
      return t('admin.gates.countedDeliverables', { list: ids(sources.deliverables.types) });
    case 'excludedResolutions':
      return t('admin.gates.ignored', { list: ids(sources.excludedResolutions) });
    default:
      return null;
  }
}

const ROLE_KEYS = {
  incidents: 'admin.gates.roleIncidents',
  deliverables: 'admin.gates.roleDeliverables',
  ideas: 'admin.gates.roleIdeas',
} as const satisfies Record<Membership['roles'][number], string>;

/**
 * What a project gives a gate, in words.
 * @example rolesText(['incidents', 'ideas']) // 'its incidents and ideas'
 */
export function rolesText(roles: readonly Membership['roles'][number][], words: Words = ENGLISH): string {
  const { t } = words.translator;
  const names = roles.map((r) => t(ROLE_KEYS[r]));
  if (names.length === 0) return t('admin.gates.rolesNone');
  if (names.length === 1) return t('admin.gates.rolesOne', { role: names[0]! });
  return t('admin.gates.rolesMany', { list: names.slice(0, -1).join(', '), last: names[names.length - 1]! });
}

/** Whole days from one calendar date to a later one. */
export function calendarDaysBetween(earlier: string, later: string): number {
  const utc = (d: string) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, day);
  };
  return Math.round((utc(later) - utc(earlier)) / 86_400_000);
}

/**
 * How long a gate has held its phase, from the stored report: since its last phase change, or at least since the first
 * day changes are looked for (a year of trend).
 * @example timeInPhase({ asOf: '2026-06-30', phaseSince: '2026-03-04', trackedSince: '2025-06-30', phase: 2 }) // '118 days (since 4 Mar 2026)'
 */
export function timeInPhase(
  row: Pick<PortfolioRow, 'asOf' | 'phaseSince' | 'trackedSince' | 'phase'>,
  words: Words = ENGLISH,
): string {
  const { t, plural: count } = words.translator;
  if (row.phase === null || row.asOf === null) return t('admin.gates.notComputed');
  if (row.phaseSince) {
    const days = calendarDaysBetween(row.phaseSince, row.asOf);
    return t('admin.gates.since', {
      days: count('admin.gates.days', days),
      date: words.formatCalendarDate(row.phaseSince),
    });
  }
  if (row.trackedSince) {
    const days = calendarDaysBetween(row.trackedSince, row.asOf);
    return t('admin.gates.unchangedSince', {
      days: count('admin.gates.days', days),
      date: words.formatCalendarDate(row.trackedSince),
    });
  }
  return t('admin.gates.unknown');
}

/** "never", "once", "3 times", in English (it is passed to `map`: a second parameter would receive the index). */
export function thrownBackText(n: number | null): string {
  return timesThrownBack(n, ENGLISH);
}

/** "never", "once", "3 times" in the viewer's words ("nie", "einmal", "3-mal"). */
export function timesThrownBack(n: number | null, words: Words = ENGLISH): string {
  if (n === null) return '—';
  if (n === 0) return words.translator.t('admin.gates.never');
  return words.translator.plural('admin.gates.thrownBack', n);
}

/**
 * The macro's idea counts in words that cannot be misread: the number and its noun together, the locked ones said
 * apart ("2 ideas waiting" · "1 locked"), never a bare number over a sentence.
 */
export function ideasWaitingText(
  ideas: IdeasReport,
  unlocked: boolean,
  words: Words = ENGLISH,
): { headline: string; detail: string | null } {
  const { t, plural: count, number } = words.translator;
  if (!ideas.typeFound || ideas.waiting === null) {
    return { headline: t('admin.gates.ideasNotCounted'), detail: t('admin.gates.ideaTypeNotFound') };
  }
  const headline = count('admin.gates.ideasWaiting', ideas.waiting);
  if (unlocked)
    return {
      headline,
      detail: ideas.waiting === 0 ? null : count('admin.gates.freeToMoveOn', ideas.waiting),
    };
  const locked = ideas.locked ?? 0;
  return {
    headline,
    detail:
      locked === ideas.waiting
        ? ideas.waiting === 0
          ? null
          : count('admin.gates.allLocked', ideas.waiting)
        : t('admin.gates.someLocked', { n: number(locked) }),
  };
}

/**
 * Issue #13: the portfolio's violations cell — "none", or the counts in words ("2 ideas moved while locked, 1
 * changed away from the idea type"); "—" when the resolver sent none.
 */
export function violationsText(
  v: { movedOutOfToDo: number; typeChanged: number } | undefined,
  words: Words = ENGLISH,
): string {
  if (!v) return '—';
  return v.movedOutOfToDo === 0 && v.typeChanged === 0
    ? words.translator.t('admin.gates.none')
    : words.describeViolations(v);
}
