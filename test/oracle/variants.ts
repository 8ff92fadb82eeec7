/**
 * The configuration variants of the differential test and the report plans of one seed.
 */
import { createRng, type Rng } from '../../dev/fake-jira/prng';
import { addDaysTo, type OracleConfig } from './oracle';
import type { ProjectPlan } from './random';

export interface Variant {
  name: string;
  config: Partial<OracleConfig>;
  /** Overrides `config.timeZone`, given the Jira user's zone (in which Jira reads JQL date literals). */
  zone?: (jiraUserTimeZone: string) => string;
  asOf: (rng: Rng) => string;
  quality?: 'good' | 'mixed';
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
    name: 'Kolkata, 365/365, minDecided 2, Highest only',
    config: {
      timeZone: 'Asia/Kolkata',
      reliabilityWindowDays: 365,
      deliveryWindowDays: 365,
      minDecided: 2,
      majorPriorities: ['Highest'],
      maxMajorIncidents: 4,
    },
    asOf: anyDate,
  },
  {
    name: 'Chatham across DST, grace 3, sustain 3, lenient',
    config: {
      timeZone: 'Pacific/Chatham',
      graceDays: 3,
      sustainDays: 3,
      majorPriorities: ['Highest', 'High', 'Medium'],
      maxMajorIncidents: 6,
      maxMedianRestoreHours: 48,
      minDecided: 3,
      minOnTimeRate: 0.6,
    },
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
      majorPriorities: ['Highest', 'High'],
      deliverableTypes: ['Epic', 'Story'],
      excludedResolutions: ['Duplicate', "Won't Fix"],
      ideaBypassLabels: ['security'],
      graceDays: 1,
      sustainDays: 1,
      minDecided: 4,
      maxMajorIncidents: 3,
    },
    asOf: anyDate,
  },
];

/** The Jira user's zone for a seed. */
export function jiraUserZoneFor(seed: number): string {
  return createRng(`jira-user:${seed}`).pick(JIRA_USER_ZONES);
}

/** Plans for one seed: one project per variant. */
export function plansFor(seed: number): ProjectPlan[] {
  const rng = createRng(`plans:${seed}`);
  const user = jiraUserZoneFor(seed);
  return VARIANTS.map((v, i) => ({
    key: `P${String.fromCharCode(65 + i)}`,
    asOf: v.asOf(rng),
    config: v.zone ? { ...v.config, timeZone: v.zone(user) } : v.config,
    quality: v.quality ?? (rng.chance(0.5) ? 'good' : 'mixed'),
  }));
}
