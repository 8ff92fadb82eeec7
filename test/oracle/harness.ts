/**
 * Runs the real `phase-gate report` command in-process against a fake Jira Cloud and compares its JSON with the
 * oracle's figures (SPEC v2 §5: the figures, the structured criteria, slippage, budget, waivers, phase changes and
 * what each configured name resolved to).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { DEMO_USERS } from '../../dev/demo-org/demoSite';
import { canAdminister, projectIssueTypes, type FakeSite } from '../../dev/fake-jira/site';
import {
  oracleReport,
  type OracleConfig,
  type OracleCriterion,
  type OracleReadings,
  type OracleReport,
  type RawIssue,
  type RawSite,
} from './oracle';

const configDir = mkdtempSync(join(tmpdir(), 'phase-gate-oracle-'));
let configCount = 0;

export interface AppRun {
  code: number;
  stdout: string;
  stderr: string;
  report: AppReport | null;
}

export interface AppCriterion {
  id: string;
  value?: unknown;
  unit?: unknown;
  op?: unknown;
  limit?: unknown;
  met: boolean;
  waived?: unknown;
  need?: unknown;
}

type Section = Record<string, unknown> & { criteria?: AppCriterion[] };

/** The parts of the report (SPEC §5) the oracle checks. */
export interface AppReport {
  project: string;
  asOf: string;
  timeZone: string;
  phase: number;
  innovationUnlocked: boolean;
  gate?: { home?: unknown; name?: unknown };
  sources?: Record<string, Record<string, unknown> | undefined>;
  reliability: Section;
  delivery: Section;
  ideas: Record<string, unknown>;
  waivers?: { criterion?: unknown }[];
  phaseChanges?: unknown;
  timesThrownBack?: unknown;
  warnings?: unknown;
}

/** How the zone reaches the command: the `--tz` flag, the config file's `timeZone`, or both. */
export type TzVia = 'flag' | 'config' | 'both';

/** `phase-gate report --project KEY --as-of ASOF [--tz TZ] --config FILE --format json`, in-process. */
export async function runReport(
  url: string,
  key: string,
  asOf: string,
  config: Partial<OracleConfig>,
  now: number,
  tzVia: TzVia = 'both',
): Promise<AppRun> {
  const file = join(configDir, `config-${++configCount}.json`);
  const { timeZone, ...rest } = config;
  const inFile = tzVia === 'flag' || timeZone === undefined ? rest : { ...rest, timeZone };
  writeFileSync(file, JSON.stringify(inFile, null, 2));
  const tzFlag = tzVia === 'config' ? [] : ['--tz', timeZone ?? 'UTC'];
  let stdout = '';
  let stderr = '';
  const code = await main(
    ['report', '--project', key, '--as-of', asOf, ...tzFlag, '--config', file, '--format', 'json'],
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: { JIRA_BASE_URL: url, JIRA_EMAIL: DEMO_USERS.admin.email, JIRA_API_TOKEN: DEMO_USERS.admin.token },
      now: () => now,
    },
  );
  let report: AppReport | null = null;
  if (code === 0) report = JSON.parse(stdout) as AppReport;
  return { code, stdout, stderr, report };
}

/**
 * What the oracle reads of a fake site, in the shape Jira Cloud's REST API returns it: the issue JSON with its
 * changelog, the issue types (with `untranslatedName` and `hierarchyLevel`), each project's types and administrators,
 * the priorities in the site's order, the resolutions and the statuses' categories.
 */
export function siteSnapshot(site: FakeSite): RawSite {
  return {
    issueTypes: site.issueTypes.map((t) => ({
      id: t.id,
      name: t.name,
      hierarchyLevel: t.hierarchyLevel,
      ...(t.untranslatedName ? { untranslatedName: t.untranslatedName } : {}),
    })),
    projects: site.projects.map((p) => ({
      key: p.key,
      name: p.name,
      issueTypeIds: projectIssueTypes(site, p).map((t) => t.id),
      admins: site.users.filter((u) => canAdminister(u, p.key)).map((u) => u.accountId),
    })),
    priorities: site.priorities.map((p) => ({ ...p })),
    resolutions: site.resolutions.map((r) => ({ ...r })),
    statuses: site.statuses.map((s) => ({ id: s.id, category: s.category })),
    issues: site.issues as unknown as RawIssue[],
  };
}

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return true;
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/** Deep equality with numbers compared closely; `undefined` keys on either side count as absent. */
function deepClose(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return close(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepClose(x, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  return [...keys].every((k) => deepClose(ra[k], rb[k]));
}

const idsOf = (list: unknown): string[] | undefined =>
  Array.isArray(list) ? list.map((x) => String((x as { id?: unknown }).id)).sort() : undefined;

/** Every difference between the app's report and the oracle's, as readable lines. */
export function compare(app: AppReport, oracle: OracleReport, site: RawSite): string[] {
  const diffs: string[] = [];
  const check = (path: string, got: unknown, want: unknown, exact = false) => {
    const same = exact ? got === want : deepClose(got, want);
    if (!same) diffs.push(`${path}: app ${JSON.stringify(got)}, oracle ${JSON.stringify(want)}`);
  };
  check('project', app.project, oracle.project, true);
  check('asOf', app.asOf, oracle.asOf, true);
  check('timeZone', app.timeZone, oracle.timeZone, true);
  check('phase', app.phase, oracle.phase, true);
  check('innovationUnlocked', app.innovationUnlocked, oracle.innovationUnlocked, true);
  check('gate.home', app.gate?.home, oracle.gate.home, true);
  check('gate.name', app.gate?.name, oracle.gate.name, true);

  const criteria = (section: string, got: AppCriterion[] | undefined, want: OracleCriterion[]) => {
    check(
      `${section}.criteria ids`,
      (got ?? []).map((c) => c.id).join(','),
      want.map((c) => c.id).join(','),
      true,
    );
    for (const w of want) {
      const g = got?.find((x) => x.id === w.id);
      for (const k of ['value', 'unit', 'op', 'limit', 'met', 'waived', 'need'] as const)
        check(`${section}.criteria.${w.id}.${k}`, g?.[k], w[k]);
    }
  };

  const r = oracle.reliability;
  for (const k of [
    'met',
    'windowDays',
    'incidents',
    'majorIncidents',
    'openIncidents',
    'restoredInWindow',
    'medianRestoreHours',
    'meanRestoreHours',
    'longestOpenMajorHours',
  ] as const)
    check(`reliability.${k}`, app.reliability[k], r[k]);
  criteria('reliability', app.reliability.criteria, r.criteria);

  const d = oracle.delivery;
  for (const k of [
    'met',
    'windowDays',
    'decided',
    'onTime',
    'late',
    'overdueOpen',
    'noDueDate',
    'onTimeRate',
    'medianDaysLate',
    'dueDateBasis',
    'slipped',
    'medianSlipDays',
    'budgetMeasured',
    'onBudget',
    'onBudgetRate',
  ] as const)
    if (k in d) check(`delivery.${k}`, app.delivery[k], d[k]);
  criteria('delivery', app.delivery.criteria, d.criteria);

  for (const k of ['total', 'waiting', 'inProgress', 'done', 'locked'] as const)
    check(`ideas.${k}`, app.ideas[k], oracle.ideas[k]);
  if ('typeFound' in app.ideas) check('ideas.typeFound', app.ideas.typeFound, oracle.ideas.typeFound);

  check(
    'waivers (active)',
    (app.waivers ?? []).map((w) => w.criterion).join(','),
    oracle.waivers.map((w) => w.criterion).join(','),
  );
  check('phaseChanges', app.phaseChanges, oracle.phaseChanges);
  check('timesThrownBack', app.timesThrownBack, oracle.timesThrownBack);

  // sources: the projects read and the ids each name resolved to. Type ids are compared within the types the
  // source projects offer (the SPEC lets the app resolve against the whole site or the projects).
  const s = oracle.sources;
  const typeIdsIn = (projects: string[]) =>
    new Set(site.projects.filter((p) => projects.includes(p.key)).flatMap((p) => p.issueTypeIds));
  const typeIds = (list: unknown, projects: string[]) => {
    const allowed = typeIdsIn(projects);
    return idsOf(list)?.filter((id) => allowed.has(id));
  };
  const as = app.sources;
  for (const [name, want] of [
    ['incidents', s.incidents],
    ['deliverables', s.deliverables],
    ['ideas', s.ideas],
  ] as const) {
    check(`sources.${name}.projects`, as?.[name]?.projects, want.projects);
    check(
      `sources.${name}.types`,
      typeIds(as?.[name]?.types, want.projects),
      typeIds(want.types, want.projects),
    );
  }
  check(
    'sources.incidents.majorPriorities',
    idsOf(as?.incidents?.majorPriorities),
    idsOf(s.incidents.majorPriorities),
  );
  if (as && 'excludedResolutions' in as)
    check('sources.excludedResolutions', idsOf(as.excludedResolutions), idsOf(s.excludedResolutions));
  return diffs;
}

export interface Case {
  key: string;
  asOf: string;
  config: Partial<OracleConfig>;
  tzVia?: TzVia;
}

export interface DifferentialResult {
  diffs: string[];
  oracle: OracleReport;
  app: AppReport | null;
  run: AppRun;
}

/**
 * Runs the command for a case and returns the differences (with context) and both reports. A config the oracle
 * finds invalid (a user-written name matching nothing, §3.0) must be refused with exit 2.
 */
export async function differential(
  url: string,
  site: FakeSite,
  c: Case,
  readings?: OracleReadings,
  now = site.now,
): Promise<DifferentialResult> {
  const raw = siteSnapshot(site);
  const oracle = oracleReport(raw, c.key, c.config, c.asOf, readings);
  const run = await runReport(url, c.key, c.asOf, c.config, now, c.tzVia);
  if (oracle.configErrors.length > 0) {
    const diffs =
      run.code === 2 ? [] : [`exit ${run.code} (oracle: exit 2 for ${oracle.configErrors.join('; ')})`];
    return { diffs, oracle, app: run.report, run };
  }
  if (!run.report) return { diffs: [`exit ${run.code}: ${run.stderr.trim()}`], oracle, app: null, run };
  return { diffs: compare(run.report, oracle, raw), oracle, app: run.report, run };
}
