/**
 * Words about gates across projects (issue #11) that the wording module does not cover: what each configured name
 * resolved to, which sources a project is of a gate, how long a gate has held its phase, how often it was thrown back,
 * the macro's idea counts, and the page's glossary. Dates through src/core/wording.ts; nothing here reads a sentence.
 */
import type { IdeasReport } from '../../src/core/report';
import type { GateSources, NamedId } from '../../src/core/sources';
import { describeViolations, formatCalendarDate, plural } from '../../src/core/wording';
import type { Membership, PortfolioRow } from '../../src/forge/contract';

/** "P1 (id 1), P2 (id 2)"; "none found on the site" for an empty list. */
export function namedIds(list: readonly NamedId[]): string {
  return list.length === 0 ? 'none found on the site' : list.map((n) => `${n.name} (id ${n.id})`).join(', ');
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
export function resolvedNote(key: string, sources: GateSources): string | null {
  switch (key as ResolvedKey) {
    case 'incidentProjects':
      return `Read ${sources.incidents.projects.join(', ')}: incident types ${namedIds(sources.incidents.types)}`;
    case 'deliveryProjects':
      return `Read ${sources.deliverables.projects.join(', ')}: deliverable types ${namedIds(sources.deliverables.types)}`;
    case 'ideaProjects':
      return `Read ${sources.ideas.projects.join(', ')}: idea types ${namedIds(sources.ideas.types)}`;
    case 'incidentTypes':
      return `Counted as incidents: ${namedIds(sources.incidents.types)}`;
    case 'majorPriorities':
      return `Counted as major: ${namedIds(sources.incidents.majorPriorities)}`;
    case 'deliverableTypes':
      return `Counted as deliverables: ${namedIds(sources.deliverables.types)}`;
    case 'excludedResolutions':
      return `Ignored: ${namedIds(sources.excludedResolutions)}`;
    default:
      return null;
  }
}

const ROLE_WORDS: Record<Membership['roles'][number], string> = {
  incidents: 'incidents',
  deliverables: 'deliverables',
  ideas: 'ideas',
};

/**
 * What a project gives a gate, in words.
 * @example rolesText(['incidents', 'ideas']) // 'its incidents and ideas'
 */
export function rolesText(roles: readonly Membership['roles'][number][]): string {
  const words = roles.map((r) => ROLE_WORDS[r]);
  if (words.length === 0) return 'nothing';
  if (words.length === 1) return `its ${words[0]}`;
  return `its ${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
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
): string {
  if (row.phase === null || row.asOf === null) return 'not computed';
  if (row.phaseSince) {
    const days = calendarDaysBetween(row.phaseSince, row.asOf);
    return `${plural(days, 'day')} (since ${formatCalendarDate(row.phaseSince)})`;
  }
  if (row.trackedSince) {
    const days = calendarDaysBetween(row.trackedSince, row.asOf);
    return `over ${plural(days, 'day')} (unchanged since ${formatCalendarDate(row.trackedSince)})`;
  }
  return 'unknown';
}

/** "never", "once", "3 times". */
export function thrownBackText(n: number | null): string {
  if (n === null) return '—';
  if (n === 0) return 'never';
  return n === 1 ? 'once' : `${n} times`;
}

/**
 * The macro's idea counts in words that cannot be misread: the number and its noun together, the locked ones said
 * apart ("2 ideas waiting" · "1 locked"), never a bare number over a sentence.
 */
export function ideasWaitingText(
  ideas: IdeasReport,
  unlocked: boolean,
): { headline: string; detail: string | null } {
  if (!ideas.typeFound || ideas.waiting === null) {
    return { headline: 'Ideas not counted', detail: 'the idea type was not found in the idea projects' };
  }
  const headline = `${plural(ideas.waiting, 'idea')} waiting`;
  if (unlocked) return { headline, detail: ideas.waiting === 0 ? null : 'free to move on' };
  const locked = ideas.locked ?? 0;
  return {
    headline,
    detail:
      locked === ideas.waiting
        ? ideas.waiting === 0
          ? null
          : `${ideas.waiting === 1 ? 'it is' : 'all are'} locked`
        : `${locked} locked`,
  };
}

/** The glossary every page shows (issue #14): the words of the figures, as docs/metrics.md defines them. */
export const GLOSSARY: { term: string; meaning: string }[] = [
  {
    term: 'Major',
    meaning:
      "An incident whose priority is one of the major priorities (by default the site's two highest, e.g. P1 and P2).",
  },
  {
    term: 'Restored',
    meaning:
      'An incident is restored when it is resolved (or moved to Done without a resolution); restore time is from its creation to then.',
  },
  {
    term: 'Decided',
    meaning:
      'A deliverable is decided once it is known to be on time or late: delivered by its due date (plus grace), or past its due date. Deliverables without a due date are never decided.',
  },
  {
    term: 'Thrown back',
    meaning: 'The gate fell back to an earlier phase because a criterion it had met stopped holding.',
  },
];

/**
 * Issue #13: the portfolio's violations cell — "none", or the counts in words ("2 ideas moved while locked, 1
 * changed away from the idea type"); "—" when the resolver sent none.
 */
export function violationsText(v: { movedOutOfToDo: number; typeChanged: number } | undefined): string {
  if (!v) return '—';
  return v.movedOutOfToDo === 0 && v.typeChanged === 0 ? 'none' : describeViolations(v);
}
