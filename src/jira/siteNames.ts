/**
 * Names to ids (SPEC §3.0 "Names are matched to the site's ids"): the configuration names issue types, priorities
 * and resolutions; the site is asked once per computation what those names are called there, and from then on every
 * query and every rule uses ids. A site whose names are translated, or whose service desk calls its type
 * `[System] Incident`, is read right, and nothing depends on the language of Jira's messages.
 *
 * - A name the user wrote that matches nothing is a ConfigError naming the value and the site's choices.
 * - A default name that matches nothing is skipped silently.
 * - Defaults: incident types `Incident` and `[System] Incident`; major priorities the two highest in the site's
 *   order; deliverable types every type at hierarchy level 1.
 */
import {
  ConfigError,
  DEFAULT_EXCLUDED_RESOLUTIONS,
  DEFAULT_INCIDENT_TYPES,
  type Config,
} from '../core/config';
import type { StatusCategory } from '../core/facts';
import { scopeProjects, type GateScope, type GateSources, type NamedId } from '../core/sources';
import type { JiraClient } from './client';
import {
  getAllIssueTypes,
  getPriorities,
  getProject,
  getResolutions,
  getStatus,
  getStatuses,
  searchPriorities,
  searchResolutions,
  type IssueTypeDetails,
  type SiteObject,
} from './endpoints';
import { JiraError } from './errors';
import { statusCategoryOf } from './facts';

export interface SiteProject {
  id: string;
  key: string;
  name: string;
  issueTypes: IssueTypeDetails[];
}

/** What the site said about a gate's sources, resolved to ids. */
export interface ResolvedSources {
  sources: GateSources;
  /** Every project the gate reads, by key (home first). */
  projects: Map<string, SiteProject>;
  /** The home project's name (the gate's default display name). */
  homeName: string;
  /** Notes for the report: a source without the type it needs, a default that found nothing. */
  warnings: string[];
}

function lower(s: string): string {
  return s.trim().toLowerCase();
}

/** True when `name` is the object's name or its untranslated (English) name, case-insensitively. */
export function namesMatch(object: { name: string; untranslatedName?: string }, name: string): boolean {
  const n = lower(name);
  return (
    lower(object.name) === n ||
    (object.untranslatedName !== undefined && lower(object.untranslatedName) === n)
  );
}

/** Each distinct (name, id), in the order met. */
function distinct(list: NamedId[]): NamedId[] {
  const seen = new Set<string>();
  return list.filter((x) => (seen.has(x.id) ? false : (seen.add(x.id), true)));
}

function choices(objects: readonly { name: string }[]): string {
  const names = [...new Set(objects.map((o) => o.name))];
  if (names.length === 0) return 'the site has none';
  const shown = names.slice(0, 20).map((n) => `"${n}"`);
  return `the site has ${shown.join(', ')}${names.length > 20 ? `, … ${names.length - 20} more` : ''}`;
}

/**
 * Matches configured names against the site's objects.
 * @param written the user's names (undefined: `defaults` are used and each is skipped where the site lacks it)
 * @throws ConfigError for a written name that matches nothing
 */
export function matchNames(
  key: string,
  written: readonly string[] | undefined,
  defaults: readonly string[],
  objects: readonly SiteObject[],
  where: string,
): NamedId[] {
  const names = written ?? defaults;
  const out: NamedId[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const hits = objects.filter((o) => namesMatch(o, name));
    if (hits.length === 0) unknown.push(name);
    out.push(...hits.map((o) => ({ name: o.name, id: o.id })));
  }
  if (written && unknown.length) {
    const what = unknown.map((n) => `"${n}"`).join(', ');
    const message = `${key}: ${what} ${unknown.length > 1 ? 'do' : 'does'} not exist ${where} (${choices(objects)})`;
    throw new ConfigError(`invalid configuration: ${message}`, [{ path: key, message }]);
  }
  return distinct(out);
}

/** Every page of an offset-paged list (`isLast`), or the older unpaged list when the paged one is not served. */
async function allPages(
  page: (startAt: number) => Promise<{ values: SiteObject[]; isLast?: boolean; total?: number }>,
  fallback: () => Promise<SiteObject[]>,
): Promise<SiteObject[]> {
  const out: SiteObject[] = [];
  try {
    for (let startAt = 0; ;) {
      const p = await page(startAt);
      out.push(...p.values);
      startAt += p.values.length;
      const done = p.isLast ?? (p.total !== undefined ? startAt >= p.total : true);
      if (done || p.values.length === 0) break;
    }
    return out;
  } catch (err) {
    if (err instanceof JiraError && (err.status === 404 || err.status === 405)) return fallback();
    throw err;
  }
}

/** The site's priorities, highest first (the site's own order). */
export function sitePriorities(client: JiraClient): Promise<SiteObject[]> {
  return allPages(
    (startAt) => searchPriorities(client, startAt, 100),
    () => getPriorities(client),
  );
}

export function siteResolutions(client: JiraClient): Promise<SiteObject[]> {
  return allPages(
    (startAt) => searchResolutions(client, startAt, 100),
    () => getResolutions(client),
  );
}

/** Status id → category for every status of the site (one request; a point for each status). */
export async function statusCategories(client: JiraClient): Promise<Map<string, StatusCategory>> {
  const statuses = await getStatuses(client);
  return new Map(statuses.map((s) => [s.id, statusCategoryOf(s.statusCategory?.key)]));
}

/** Up to this many statuses not known yet are asked one by one (2 points each); more, and the site's list is read. */
const STATUSES_ONE_BY_ONE = 8;

/**
 * Status id → category for replaying changelogs (status items carry ids), asking Jira only for the ids `needed` that
 * `known` lacks. `known` comes from what was read already — every issue a search returns carries its status with its
 * category — so a replay usually costs nothing. A site lists every status of every workflow (hundreds on a site with
 * team-managed projects), so its whole list is read only when more than a few are missing. A status Jira no longer
 * has (404) is kept as 'unknown' (what a replay reads it as), so it is not asked for again.
 * @example await statusCategoriesFor(client, ['3'], new Map([['1', 'new']])) // Map {'1' → 'new', '3' → 'done'}
 */
export async function statusCategoriesFor(
  client: JiraClient,
  needed: Iterable<string>,
  known: ReadonlyMap<string, StatusCategory>,
): Promise<Map<string, StatusCategory>> {
  const out = new Map(known);
  const missing = [...new Set(needed)].filter((id) => !out.has(id));
  if (missing.length === 0) return out;
  if (missing.length > STATUSES_ONE_BY_ONE) {
    // Only what was needed is kept (the list may hold hundreds): a status not in it is gone ('unknown').
    const all = await statusCategories(client);
    for (const id of missing) out.set(id, all.get(id) ?? 'unknown');
    return out;
  }
  const read = await Promise.all(
    missing.map(async (id) => {
      try {
        return await getStatus(client, id);
      } catch (err) {
        if (err instanceof JiraError && err.kind === 'not-found') return null;
        throw err;
      }
    }),
  );
  // A status Jira no longer has is remembered as 'unknown', so a later replay does not ask for it again.
  missing.forEach((id, i) => {
    const s = read[i];
    out.set(id, s ? statusCategoryOf(s.statusCategory?.key) : 'unknown');
  });
  return out;
}

/** A project the gate reads; a clear not-found when it does not exist or the caller cannot browse it. */
async function siteProject(client: JiraClient, key: string): Promise<SiteProject> {
  try {
    const p = await getProject(client, key);
    return { id: p.id, key: p.key, name: p.name ?? p.key, issueTypes: p.issueTypes ?? [] };
  } catch (err) {
    if (err instanceof JiraError && err.kind === 'not-found') {
      throw new JiraError(
        'not-found',
        `project ${key} was not found, or you cannot browse it`,
        404,
        err.messages,
      );
    }
    throw err;
  }
}

function typesOf(projects: Map<string, SiteProject>, keys: readonly string[]): IssueTypeDetails[] {
  const out: IssueTypeDetails[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    for (const t of projects.get(key)?.issueTypes ?? []) {
      if (!seen.has(t.id)) out.push(t);
      seen.add(t.id);
    }
  }
  return out;
}

function inProjects(keys: readonly string[]): string {
  return keys.length === 1 ? `in project ${keys[0]}` : `in projects ${keys.join(', ')}`;
}

/**
 * The written type names the source projects do not have but the site does: each becomes a data-quality warning
 * ("… exists on the site but not in project ITSM: no issue is counted through it") and is left out of the names to
 * match; a name the site does not have at all stays, for `matchNames` to refuse. The site's types are read only when
 * some written name is missing from the projects.
 * @returns each list of written names without those (undefined stays undefined: the defaults apply).
 */
async function typesOutsideProjects(
  client: JiraClient,
  lists: { what: string; written: string[] | undefined; types: IssueTypeDetails[]; where: string }[],
  warnings: string[],
): Promise<(string[] | undefined)[]> {
  const missing = lists.map((l) => (l.written ?? []).filter((n) => !l.types.some((t) => namesMatch(t, n))));
  if (missing.every((m) => m.length === 0)) return lists.map((l) => l.written);
  const site = await getAllIssueTypes(client);
  return lists.map((l, i) => {
    if (!l.written) return undefined;
    const outside = new Set(missing[i]!.filter((n) => site.some((t) => namesMatch(t, n))));
    for (const n of outside) {
      warnings.push(
        `the ${l.what} "${n}" exists on the site but not ${l.where}: no issue is counted through it (add the type to the project's issue type scheme, or remove it from the settings)`,
      );
    }
    return l.written.filter((n) => !outside.has(n));
  });
}

/**
 * Resolves a gate's configured names to the site's ids (one request per source project, plus the priorities and the
 * resolutions).
 * @throws ConfigError for a configured name the site does not know; JiraError when Jira cannot be read.
 */
export async function resolveSources(
  client: JiraClient,
  scope: GateScope,
  config: Config,
): Promise<ResolvedSources> {
  const keys = scopeProjects(scope);
  const [list, priorities, resolutions] = await Promise.all([
    Promise.all(keys.map((k) => siteProject(client, k))),
    sitePriorities(client),
    siteResolutions(client),
  ]);
  const projects = new Map(list.map((p) => [p.key, p]));
  // A key the site renamed still finds its project; use the key the site gives from now on.
  const keyOf = (k: string) => projects.get(k)?.key ?? k;
  const incidentProjects = scope.incidentProjects.map(keyOf);
  const deliveryProjects = scope.deliveryProjects.map(keyOf);
  const ideaProjects = scope.ideaProjects.map(keyOf);
  const warnings: string[] = [];

  // A written type the source projects lack but the site has is a data-quality warning, not an error (issue #10).
  const [writtenIncidentTypes, writtenDeliverableTypes] = await typesOutsideProjects(
    client,
    [
      {
        what: 'incident type',
        written: config.incidentTypes,
        types: typesOf(projects, scope.incidentProjects),
        where: inProjects(incidentProjects),
      },
      {
        what: 'deliverable type',
        written: config.deliverableTypes,
        types: typesOf(projects, scope.deliveryProjects),
        where: inProjects(deliveryProjects),
      },
    ],
    warnings,
  );

  const incidentTypes = matchNames(
    'incidentTypes',
    writtenIncidentTypes,
    DEFAULT_INCIDENT_TYPES,
    typesOf(projects, scope.incidentProjects),
    inProjects(incidentProjects),
  );
  if (incidentTypes.length === 0) {
    warnings.push(
      `no incident type (${DEFAULT_INCIDENT_TYPES.map((t) => `"${t}"`).join(' or ')}) exists ${inProjects(incidentProjects)}: set incidentTypes to the type your incidents use`,
    );
  }

  const majorPriorities = config.majorPriorities
    ? matchNames('majorPriorities', config.majorPriorities, [], priorities, 'on the site')
    : priorities.slice(0, 2).map((p) => ({ name: p.name, id: p.id }));
  if (majorPriorities.length === 0) warnings.push('the site has no priorities: no incident counts as major');

  const deliveryTypes = typesOf(projects, scope.deliveryProjects);
  const deliverableTypes = writtenDeliverableTypes
    ? matchNames('deliverableTypes', writtenDeliverableTypes, [], deliveryTypes, inProjects(deliveryProjects))
    : distinct(deliveryTypes.filter((t) => t.hierarchyLevel === 1).map((t) => ({ name: t.name, id: t.id })));
  if (deliverableTypes.length === 0) {
    warnings.push(
      `no issue type at the epic level exists ${inProjects(deliveryProjects)}: set deliverableTypes to the type your deliverables use`,
    );
  }

  // The idea type is created by the app's setup: not finding it is reported (ideas "not found"), not an error.
  const ideaTypes = matchNames(
    'ideaType',
    undefined,
    [config.ideaType],
    typesOf(projects, scope.ideaProjects),
    '',
  );

  const excludedResolutions = matchNames(
    'excludedResolutions',
    config.excludedResolutions,
    DEFAULT_EXCLUDED_RESOLUTIONS,
    resolutions,
    'on the site',
  );

  return {
    sources: {
      incidents: { projects: incidentProjects, types: incidentTypes, majorPriorities },
      deliverables: { projects: deliveryProjects, types: deliverableTypes },
      ideas: { projects: ideaProjects, types: ideaTypes },
      excludedResolutions,
    },
    projects,
    homeName: projects.get(scope.home)?.name ?? scope.home,
    warnings,
  };
}
