/**
 * What each configured name resolved to on the site (docs/metrics.md "Sources and id matching", the report's `sources`): the projects read for each
 * source and the ids of the types, priorities and resolutions. Every rule compares these ids, never names, so
 * translated sites and renamed JSM types are read right.
 */

/** A site object named by the configuration: its name as the site spells it, and its id. */
export interface NamedId {
  name: string;
  id: string;
}

export interface GateSources {
  incidents: { projects: string[]; types: NamedId[]; majorPriorities: NamedId[] };
  deliverables: { projects: string[]; types: NamedId[] };
  ideas: { projects: string[]; types: NamedId[] };
  excludedResolutions: NamedId[];
}

type IdTest = (id: string | null | undefined) => boolean;
const idSets = new WeakMap<readonly NamedId[], IdTest>();

/**
 * Membership by id, built once per list.
 * @example idSet([{ name: 'P1', id: '1' }])('1') // true
 */
export function idSet(list: readonly NamedId[]): IdTest {
  let test = idSets.get(list);
  if (!test) {
    const set = new Set(list.map((n) => n.id));
    test = (id) => id != null && set.has(id);
    idSets.set(list, test);
  }
  return test;
}

/** The projects a gate reads (docs/metrics.md "Sources and id matching"): each source defaults to the home project. */
export interface GateScope {
  home: string;
  incidentProjects: string[];
  deliveryProjects: string[];
  ideaProjects: string[];
}

/**
 * The gate's sources from its home and configuration.
 * @example gateScope('ITSM', { deliveryProjects: ['APP'] }).incidentProjects // ['ITSM']
 */
export function gateScope(
  home: string,
  config: { incidentProjects?: string[]; deliveryProjects?: string[]; ideaProjects?: string[] },
): GateScope {
  return {
    home,
    incidentProjects: config.incidentProjects ?? [home],
    deliveryProjects: config.deliveryProjects ?? [home],
    ideaProjects: config.ideaProjects ?? [home],
  };
}

/** Every project a gate reads, home first, each once. */
export function scopeProjects(scope: GateScope): string[] {
  return [
    ...new Set([scope.home, ...scope.incidentProjects, ...scope.deliveryProjects, ...scope.ideaProjects]),
  ];
}
