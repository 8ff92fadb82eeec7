import {
  DEFAULT_EXCLUDED_RESOLUTIONS,
  DEFAULT_INCIDENT_TYPES,
  parseConfig,
  type Config,
  type ConfigInput,
} from '../../src/core/config';
import { calendarDateOf, parseJiraDateTime, type CalendarDate } from '../../src/core/dates';
import type { GateFacts, IssueFact, IssueHistory, LabelAdder, StatusCategory } from '../../src/core/facts';
import { gateScope, type GateSources, type NamedId } from '../../src/core/sources';

let seq = 0;

export interface FactInput {
  key?: string;
  id?: string;
  project?: string;
  type?: string;
  /** Default: the type name (see `namesAsIds`). */
  typeId?: string;
  created: string; // Jira datetime
  /** The resolved instant: `resolutiondate`, or the move to Done when `doneWithoutResolution`. */
  resolved?: string | null;
  resolution?: string | null;
  resolutionId?: string | null;
  /** Done without a resolution: `resolved` is the statuscategorychangedate, no resolution. */
  doneWithoutResolution?: boolean;
  priority?: string | null;
  priorityId?: string | null;
  labels?: string[];
  due?: string | null;
  category?: StatusCategory;
  history?: IssueHistory;
  originalEstimateSeconds?: number | null;
  timeSpentSeconds?: number | null;
  labelAdders?: LabelAdder[];
  creatorAccountId?: string | null;
}

/** An issue fact from Jira-shaped strings, in the given zone; ids equal names unless given. */
export function fact(input: FactInput, timeZone = 'UTC'): IssueFact {
  const created = parseJiraDateTime(input.created);
  if (created === null) throw new Error(`bad created ${input.created}`);
  const resolved = input.resolved ? parseJiraDateTime(input.resolved) : null;
  const dwr = input.doneWithoutResolution ?? false;
  const resolution = dwr
    ? null
    : input.resolution !== undefined
      ? input.resolution
      : resolved !== null
        ? 'Done'
        : null;
  const priority = input.priority === undefined ? 'Medium' : input.priority;
  const type = input.type ?? 'Incident';
  const key = input.key ?? `T-${++seq}`;
  const out: IssueFact = {
    key,
    id: input.id ?? key,
    project: input.project ?? key.split('-')[0]!,
    type,
    typeId: input.typeId ?? type,
    created,
    createdDay: calendarDateOf(created, timeZone),
    resolved,
    resolvedDay: resolved === null ? null : calendarDateOf(resolved, timeZone),
    doneWithoutResolution: dwr && resolved !== null,
    resolution,
    resolutionId: input.resolutionId !== undefined ? input.resolutionId : resolution,
    priority,
    priorityId: input.priorityId !== undefined ? input.priorityId : priority,
    labels: input.labels ?? [],
    dueDate: input.due !== undefined ? input.due : (input.history?.dueChanges.at(-1)?.to ?? null),
    statusCategory:
      input.category ??
      input.history?.statusChanges.at(-1)?.toCategory ??
      (resolved !== null ? 'done' : 'new'),
    status: null,
  };
  for (const k of [
    'history',
    'originalEstimateSeconds',
    'timeSpentSeconds',
    'labelAdders',
    'creatorAccountId',
  ] as const)
    if (input[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = input[k];
  return out;
}

type At = string; // a Jira datetime

/** A changelog, oldest first: `due` items `[at, from, to]`, `status` items `[at, fromCategory, toCategory]`. */
export function history(
  due: [At, CalendarDate | null, CalendarDate | null][] = [],
  status: [At, StatusCategory, StatusCategory][] = [],
): IssueHistory {
  const at = (s: At) => parseJiraDateTime(s) ?? Number.NaN;
  return {
    dueChanges: due.map(([t, from, to]) => ({ at: at(t), from, to })),
    statusChanges: status.map(([t, fromCategory, toCategory]) => ({ at: at(t), fromCategory, toCategory })),
  };
}

export function config(overrides: ConfigInput = {}): Config {
  return parseConfig(overrides);
}

/** Gate facts; `firstIncidentDay` defaults to the earliest created day among the incidents given. */
export function facts(partial: Partial<GateFacts>): GateFacts {
  const days = (partial.incidents ?? []).map((i) => i.createdDay).sort();
  return {
    incidents: [],
    deliverables: [],
    ideas: [],
    dataWarnings: [],
    firstIncidentDay: days[0] ?? null,
    ...partial,
  };
}

const named = (names: readonly string[]): NamedId[] => names.map((name) => ({ name, id: name }));

/**
 * Sources as if every configured name (or default) matched a site object whose id is the name itself; the default
 * major priorities are a default site's two highest (Highest, High), the default deliverable type its epic (Epic).
 */
export function namesAsIds(c: Config = config(), home = 'T'): GateSources {
  const scope = gateScope(home, c);
  return {
    incidents: {
      projects: scope.incidentProjects,
      types: named(c.incidentTypes ?? DEFAULT_INCIDENT_TYPES),
      majorPriorities: named(c.majorPriorities ?? ['Highest', 'High']),
    },
    deliverables: { projects: scope.deliveryProjects, types: named(c.deliverableTypes ?? ['Epic']) },
    ideas: { projects: scope.ideaProjects, types: named([c.ideaType]) },
    excludedResolutions: named(c.excludedResolutions ?? DEFAULT_EXCLUDED_RESOLUTIONS),
  };
}
