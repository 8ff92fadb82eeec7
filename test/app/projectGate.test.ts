/**
 * The JQL pre-filter is only an optimisation: the figures computed from what it fetches must equal the figures
 * computed from every issue of the project, for any as-of date, zone and configuration.
 */
import { computeProjectGate } from '../../src/app/projectGate';
import { computeReport, computeTrend } from '../../src/core/compute';
import { parseConfig, type Config, type ConfigInput } from '../../src/core/config';
import type { GateFacts } from '../../src/core/facts';
import { JiraClient } from '../../src/jira/client';
import { buildDemoSite, DEMO_USERS } from '../../dev/demo-org/demoSite';
import { createFakeJiraApp } from '../../dev/fake-jira/fakeJira';
import { generateLargeProject } from '../../dev/bench-data/generate';
import { inProcessTransport } from '../../dev/fake-jira/inProcessTransport';
import type { FakeSite } from '../../dev/fake-jira/site';
import { defaultSources, firstIncidentDay, toFact } from '../dev/toFacts';
import type { GateSources } from '../../src/core/sources';

function everything(site: FakeSite, key: string, config: Config, sources: GateSources): GateFacts {
  const all = site.issues
    .filter((i) => i.fields.project.key === key)
    .map((i) => toFact(i, config.timeZone, site));
  return {
    incidents: all,
    deliverables: all,
    ideas: all,
    dataWarnings: [],
    firstIncidentDay: firstIncidentDay(all, sources, config.incidentExemptLabels),
  };
}

function clientFor(site: FakeSite) {
  return new JiraClient(
    inProcessTransport(createFakeJiraApp({ site, pageCap: 13, shortPages: true }), {
      email: DEMO_USERS.admin.email,
      token: DEMO_USERS.admin.token,
    }),
  );
}

const demo = buildDemoSite({ today: '2026-06-30' });
const big = generateLargeProject({ key: 'BIG', issues: 6000, years: 5, today: '2026-06-30', seed: 7 });
// JQL date literals read 26 hours behind the configured zone (UTC−12 against UTC+14): the margins' worst case.
const west = generateLargeProject({ key: 'BIG', issues: 6000, years: 5, today: '2026-06-30', seed: 8 });
west.timeZone = 'Etc/GMT+12';

const cases: [string, FakeSite, string, string, ConfigInput][] = [
  ['OPS today', demo, 'OPS', '2026-06-30', {}],
  ['PMO mid-month, Kolkata', demo, 'PMO', '2026-04-17', { timeZone: 'Asia/Kolkata' }],
  [
    'DIG, grace and short windows',
    demo,
    'DIG',
    '2026-05-31',
    { graceDays: 3, deliveryWindowDays: 60, reliabilityWindowDays: 30 },
  ],
  [
    'OPS, Los Angeles, sustain 7',
    demo,
    'OPS',
    '2026-06-29',
    { timeZone: 'America/Los_Angeles', sustainDays: 7 },
  ],
  ['BIG today', big, 'BIG', '2026-06-30', {}],
  ['BIG a year ago, Auckland', big, 'BIG', '2025-06-30', { timeZone: 'Pacific/Auckland', graceDays: 5 }],
  [
    'BIG two years ago, Honolulu, grace 10, short windows, sustain 3',
    big,
    'BIG',
    '2024-08-15',
    {
      timeZone: 'Pacific/Honolulu',
      graceDays: 10,
      deliveryWindowDays: 45,
      reliabilityWindowDays: 30,
      sustainDays: 3,
    },
  ],
  [
    'BIG mid-month, Kiritimati (UTC+14), searched from UTC−12',
    west,
    'BIG',
    '2026-03-14',
    { timeZone: 'Pacific/Kiritimati', graceDays: 2 },
  ],
  [
    'BIG with every priority major',
    big,
    'BIG',
    '2026-01-15',
    { majorPriorities: ['Highest', 'High', 'Medium', 'Low'] },
  ],
];

/** The v2 defaults, with the priorities a case names instead of the two highest. */
function defaultSourcesWith(site: FakeSite, key: string, config: Config): GateSources {
  const sources = defaultSources(site, key);
  if (config.majorPriorities) {
    sources.incidents.majorPriorities = site.priorities
      .filter((p) => config.majorPriorities!.includes(p.name))
      .map((p) => ({ name: p.name, id: p.id }));
  }
  return sources;
}

describe('the JQL pre-filter loses nothing', () => {
  test.each(cases)('%s', async (_name, site, key, asOf, input) => {
    const config = parseConfig(input);
    const now = Date.parse('2026-06-30T12:00:00Z');
    const gate = await computeProjectGate(clientFor(site), key, config, { asOf, now, trend: true });
    const sources = gate.fetched.sources;
    expect(sources).toEqual(defaultSourcesWith(site, key, config));
    const all = everything(site, key, config, sources);
    const expected = computeReport(all, config, sources, {
      project: key,
      gateName: gate.report.gate.name,
      asOf,
      now,
      isApprover: gate.fetched.isApprover,
    });
    expect({ ...gate.report, warnings: [] }).toEqual({ ...expected.report, warnings: [] });
    expect(gate.evidence).toEqual(expected.evidence);
    expect(gate.trend).toEqual(computeTrend(all, config, sources, asOf));
  });
});
