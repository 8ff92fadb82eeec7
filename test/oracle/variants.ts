/**
 * The configuration variants of the differential test and the report plans of one seed.
 */
import { createRng, type Rng } from '../../dev/fake-jira/prng';
import { addDaysTo, type OracleConfig, type OracleWaiver } from './oracle';
import { flavourFor, type GateProject, type ProjectPlan } from './random';
import { STAFF, type Flavour } from './siteKit';

export interface Variant {
  name: string;
  config: Partial<OracleConfig>;
  /** Overrides `config.timeZone`, given the Jira user's zone (in which Jira reads JQL date literals). */
  zone?: (jiraUserTimeZone: string) => string;
  asOf: (rng: Rng) => string;
  quality?: 'good' | 'mixed';
  /** `majorPriorities` by rank (0 = highest), written in the site's names (or their English names). */
  majorRanks?: number[];
  /** The gate's projects: 'itsm' (a JSM incident project, two delivery projects, an ideas project) or 'split'. */
  layout?: 'itsm' | 'split';
  /** Waivers around asOf. */
  waivers?: (rng: Rng, asOf: string) => OracleWaiver[];
}

/** The site's priority names by rank, per flavour (translated sites answer to both names). */
const PRIORITY_NAMES: Record<Flavour, string[][]> = {
  default: [['Highest'], ['High'], ['Medium'], ['Low'], ['Lowest']],
  jsm: [['P1'], ['P2'], ['P3'], ['P4'], ['P5']],
  translated: [
    ['Höchste', 'Highest', 'HIGHEST'],
    ['Hoch', 'high'],
    ['Mittel', 'Medium'],
    ['Niedrig', 'Low'],
    ['Niedrigste', 'Lowest'],
  ],
};

/** A waiver of a random criterion whose dates fall somewhere around asOf (active or not, ≤ 90 days). */
function someWaivers(criteria: OracleWaiver['criterion'][]) {
  return (rng: Rng, asOf: string): OracleWaiver[] => {
    const picked = criteria.filter(() => rng.chance(0.6));
    return picked.map((criterion) => {
      const from = addDaysTo(
        asOf,
        rng.weighted([
          [0, 1],
          [-rng.int(0, 60), 3],
          [-rng.int(60, 300), 2],
          [1, 1],
        ]),
      );
      const until = addDaysTo(
        from,
        rng.weighted([
          [90, 1],
          [0, 1],
          [rng.int(0, 90), 4],
        ]),
      );
      return {
        criterion,
        from,
        until,
        reason: `Waiver of ${criterion} for the migration`,
        approver: 'Ava Patel (CIO)',
      };
    });
  };
}

function layoutProjects(
  key: string,
  layout: Variant['layout'],
): { projects: GateProject[]; config: Partial<OracleConfig> } {
  if (layout === 'itsm')
    return {
      projects: [
        { key, kind: 'software', roles: ['delivery'] },
        { key: `${key}S`, kind: 'service', roles: ['incident'] },
        { key: `${key}D`, kind: 'software', roles: ['delivery'] },
        { key: `${key}I`, kind: 'software', roles: ['idea'] },
      ],
      config: {
        incidentProjects: [`${key}S`],
        deliveryProjects: [key, `${key}D`],
        ideaProjects: [`${key}I`],
      },
    };
  return {
    projects: [
      { key, kind: 'software', roles: ['incident', 'delivery', 'idea'] },
      { key: `${key}S`, kind: 'service', roles: ['incident'] },
    ],
    config: { incidentProjects: [key, `${key}S`] },
  };
}

const anyDate = (rng: Rng) => addDaysTo('2025-01-01', rng.int(0, 4 * 365));
const near = (dates: string[]) => (rng: Rng) => addDaysTo(rng.pick(dates), rng.int(-2, 2));

/** DST changes: Europe/London, America/Los_Angeles, Pacific/Chatham (NZ), America/Santiago (at midnight). */
const LONDON_DST = ['2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25'];
const LA_DST = ['2025-03-09', '2025-11-02', '2026-03-08', '2026-11-01'];
const NZ_DST = ['2025-04-06', '2025-09-28', '2026-04-05', '2026-09-27'];
const SANTIAGO_DST = ['2025-04-06', '2025-09-07', '2026-04-05', '2026-09-06'];
/** Leap days and the days around them. */
const LEAP = ['2028-02-29', '2028-03-01', '2029-02-28'];

/**
 * The zones the Jira user (whose zone JQL date literals are read in) may be in, from UTC+14 to UTC−11.
 */
export const JIRA_USER_ZONES = [
  'UTC',
  'Pacific/Kiritimati',
  'Pacific/Tongatapu',
  'Pacific/Chatham',
  'Pacific/Pago_Pago',
  'Europe/London',
  'America/Los_Angeles',
];

export const VARIANTS: Variant[] = [
  {
    /*
     * UTC−11 reports, with Jira users up to 25 h ahead (Kiritimati +14): the JQL upper bounds must reach far enough
     * past the end of asOf in the Jira user's zone (see probes.test.ts).
     */
    name: 'Pago Pago (UTC−11), grace 1, delivery 60',
    config: { timeZone: 'Pacific/Pago_Pago', graceDays: 1, deliveryWindowDays: 60, minDecided: 3 },
    zone: () => 'Pacific/Pago_Pago',
    asOf: anyDate,
  },
  {
    name: 'Santiago across midnight DST, grace 2, reliability 60',
    config: {
      timeZone: 'America/Santiago',
      graceDays: 2,
      reliabilityWindowDays: 60,
      sustainDays: 2,
      minDecided: 3,
    },
    asOf: near(SANTIAGO_DST),
  },
  { name: 'defaults', config: {}, asOf: anyDate },
  {
    name: 'LA, grace 3, reliability 30',
    config: { timeZone: 'America/Los_Angeles', graceDays: 3, reliabilityWindowDays: 30 },
    asOf: anyDate,
  },
  {
    name: 'London across DST, delivery 90, sustain 3',
    config: { timeZone: 'Europe/London', deliveryWindowDays: 90, sustainDays: 3, minDecided: 3 },
    asOf: near(LONDON_DST),
    quality: 'good',
  },
  {
    name: 'Kolkata, 365/365, minDecided 2, the highest priority only',
    config: {
      timeZone: 'Asia/Kolkata',
      reliabilityWindowDays: 365,
      deliveryWindowDays: 365,
      minDecided: 2,
      maxMajorIncidents: 4,
    },
    majorRanks: [0],
    asOf: anyDate,
  },
  {
    name: 'Chatham across DST, grace 3, sustain 3, lenient',
    config: {
      timeZone: 'Pacific/Chatham',
      graceDays: 3,
      sustainDays: 3,
      maxMajorIncidents: 6,
      maxMedianRestoreHours: 48,
      minDecided: 3,
      minOnTimeRate: 0.6,
    },
    majorRanks: [0, 1, 2],
    asOf: near(NZ_DST),
    quality: 'good',
  },
  {
    name: 'UTC, reliability 180, delivery 30, minDecided 1',
    config: {
      timeZone: 'UTC',
      reliabilityWindowDays: 180,
      deliveryWindowDays: 30,
      minDecided: 1,
      minOnTimeRate: 0.5,
      maxMajorIncidents: 5,
    },
    asOf: (rng) => (rng.chance(0.4) ? near(LEAP)(rng) : anyDate(rng)),
  },
  {
    name: 'LA across DST, sustain 3, grace 0',
    config: {
      timeZone: 'America/Los_Angeles',
      sustainDays: 3,
      graceDays: 0,
      minDecided: 3,
      minOnTimeRate: 0.6,
      maxMajorIncidents: 4,
    },
    asOf: near(LA_DST),
    quality: 'good',
  },
  {
    name: 'Marquesas, custom types, labels and resolutions, sustain 1',
    config: {
      timeZone: 'Pacific/Marquesas',
      incidentTypes: ['Incident', 'Bug', "Customer's Outage"],
      incidentExemptLabels: ['not-an-incident'],
      deliverableTypes: ['Epic', 'Story'],
      excludedResolutions: ['Duplicate', "Won't Fix"],
      ideaBypassLabels: ['security'],
      graceDays: 1,
      sustainDays: 1,
      minDecided: 4,
      maxMajorIncidents: 3,
    },
    majorRanks: [0, 1],
    asOf: anyDate,
  },
  {
    name: 'ITSM gate (JSM incidents, two delivery projects, an ideas project), budget, waivers',
    config: {
      timeZone: 'Europe/Berlin',
      budgetCheck: true,
      minOnBudgetRate: 0.7,
      minDecided: 3,
      minOnTimeRate: 0.6,
      maxMajorIncidents: 4,
    },
    layout: 'itsm',
    waivers: someWaivers(['R1', 'R3', 'D2', 'D3']),
    asOf: anyDate,
  },
  {
    name: 'split incidents, due dates as they are now, staff approve bypasses',
    config: {
      timeZone: 'America/New_York',
      dueDateBasis: 'current',
      ideaBypassApprovers: [STAFF.accountId],
      minDecided: 3,
      graceDays: 1,
    },
    layout: 'split',
    asOf: anyDate,
  },
  {
    name: 'Sydney, budget tolerance 0.25, waivers, sustain 2',
    config: {
      timeZone: 'Australia/Sydney',
      budgetCheck: true,
      budgetTolerance: 0.25,
      minOnBudgetRate: 0.5,
      sustainDays: 2,
      minDecided: 3,
      minOnTimeRate: 0.7,
      maxMajorIncidents: 3,
    },
    waivers: someWaivers(['R1', 'R2', 'D1', 'D2']),
    asOf: anyDate,
    quality: 'good',
  },
];

/** The Jira user's zone for a seed. */
export function jiraUserZoneFor(seed: number): string {
  return createRng(`jira-user:${seed}`).pick(JIRA_USER_ZONES);
}

/** Plans for one seed: one gate per variant (home `PA`, `PB`, …), written for the seed's site flavour. */
export function plansFor(seed: number): ProjectPlan[] {
  const rng = createRng(`plans:${seed}`);
  const user = jiraUserZoneFor(seed);
  const flavour = flavourFor(seed);
  return VARIANTS.map((v, i) => {
    const key = `P${String.fromCharCode(65 + i)}`;
    const asOf = v.asOf(rng);
    const config: Partial<OracleConfig> = { ...v.config };
    if (v.zone) config.timeZone = v.zone(user);
    if (v.majorRanks) config.majorPriorities = v.majorRanks.map((r) => rng.pick(PRIORITY_NAMES[flavour][r]!));
    if (v.waivers) config.waivers = v.waivers(rng, asOf);
    const layout = v.layout ? layoutProjects(key, v.layout) : null;
    if (layout) Object.assign(config, layout.config);
    return {
      key,
      asOf,
      config,
      quality: v.quality ?? (rng.chance(0.5) ? 'good' : 'mixed'),
      ...(layout ? { projects: layout.projects } : {}),
      ...(v.majorRanks ? { majorRanks: v.majorRanks } : {}),
    };
  });
}
