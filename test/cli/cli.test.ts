/**
 * The `phase-gate` command end to end against the fake Jira Cloud (over HTTP, basic auth), with faults.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { buildDemoSite, DEMO_USERS } from '../../dev/demo-org/demoSite';
import { startFakeJira, type FakeJira, type FaultRule } from '../../dev/fake-jira/fakeJira';

const TODAY = '2026-06-30';
const NOW = Date.parse('2026-06-30T12:00:00Z');
let jira: FakeJira;

beforeAll(async () => {
  jira = await startFakeJira({ site: buildDemoSite({ today: TODAY }), pageCap: 7, shortPages: true });
});
afterAll(() => jira.close());
beforeEach(() => jira.setFaults([], 0));

const fastRetry = { retry: { baseDelayMs: 5, maxDelayMs: 50, totalBudgetMs: 5_000 } };

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {
      JIRA_BASE_URL: jira.url,
      JIRA_EMAIL: DEMO_USERS.admin.email,
      JIRA_API_TOKEN: DEMO_USERS.admin.token,
      ...env,
    },
    now: () => NOW,
    clientOptions: fastRetry,
  });
  return { code, stdout, stderr };
}

const json = (args: string[] = []) => run(['report', '--project', 'PMO', '--format', 'json', ...args]);

describe('phase-gate report', () => {
  test('prints the report as JSON with tiny, short pages', async () => {
    const { code, stdout, stderr } = await json();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      project: 'PMO',
      asOf: TODAY,
      timeZone: 'UTC',
      phase: 2,
      innovationUnlocked: false,
    });
    expect(report.computedAt).toBe('2026-06-30T12:00:00.000Z');
    expect(Object.keys(report).sort()).toEqual(
      [
        'project',
        'gate',
        'sources',
        'asOf',
        'timeZone',
        'computedAt',
        'phase',
        'phaseName',
        'innovationUnlocked',
        'reliability',
        'delivery',
        'ideas',
        'waivers',
        'phaseChanges',
        'timesThrownBack',
        'nextGate',
        'warnings',
      ].sort(),
    );
    // SPEC §5: criteria are data — numbers for limits, typed needs, never a sentence.
    for (const c of [...report.reliability.criteria, ...report.delivery.criteria]) {
      expect(Object.keys(c).sort()).toEqual(
        ['id', 'label', 'value', 'unit', 'op', 'limit', 'met', 'waived', 'need'].sort(),
      );
      expect(typeof c.limit).toBe('number');
      expect(['count', 'hours', 'rate']).toContain(c.unit);
      expect(['<=', '>=']).toContain(c.op);
      if (c.met) expect(c.need).toBeNull();
      else expect(typeof c.need.kind).toBe('string');
    }
    expect(report.reliability.criteria.map((c: { id: string }) => c.id)).toEqual(['R0', 'R1', 'R2', 'R3']);
    expect(report.sources.incidents).toMatchObject({
      projects: ['PMO'],
      types: [{ name: 'Incident' }],
      majorPriorities: [{ name: 'P1' }, { name: 'P2' }],
    });
    expect(report.gate).toEqual({ home: 'PMO', name: expect.any(String) });
  });

  test('JSON: an unmet criterion carries its typed need with the numbers behind it', async () => {
    const { stdout } = await run(['report', '--project', 'OPS', '--format', 'json']);
    const report = JSON.parse(stdout);
    const r1 = report.reliability.criteria.find((c: { id: string }) => c.id === 'R1');
    expect(r1).toMatchObject({ unit: 'count', op: '<=', limit: 2, met: false, waived: false });
    expect(r1.need).toEqual({
      kind: 'fewerMajorIncidents',
      excess: r1.value - 2,
      clearsOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(report.nextGate).toEqual({ phase: 2, blockers: expect.arrayContaining(['R1']) });
  });

  test('text: the three phases with ✓/✗, each criterion against its target, and what would change it', async () => {
    const { code, stdout } = await run(['report', '--project', 'OPS']);
    expect(code).toBe(0);
    expect(stdout).toContain('Phase 1 of 3: Reliable systems');
    expect(stdout).toMatch(/✗ Major incidents in 90 days: \d+ \(target at most 2\)/);
    expect(stdout).toMatch(/Longest-open major incident: \d+ h \([\d.]+ days\)/);
    expect(stdout).toContain('→ ');
    expect(stdout).toContain('3. Innovation — ideas locked');
  });

  test('markdown', async () => {
    const { code, stdout } = await run(['report', '--project', 'DIG', '--format', 'markdown']);
    expect(code).toBe(0);
    expect(stdout).toContain('# Phase Gate — Digital Workplace (DIG)');
    expect(stdout).toContain('| Criterion | Value | Target | What would change it |');
  });

  test('--as-of and --tz are applied', async () => {
    const { code, stdout } = await json(['--as-of', '2026-03-31', '--tz', 'Asia/Kolkata']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ asOf: '2026-03-31', timeZone: 'Asia/Kolkata' });
  });

  test('a config file changes thresholds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ minOnTimeRate: 0.5, graceDays: 30 }));
    const { code, stdout } = await json(['--config', file]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).phase).toBe(3);
  });

  test('429 with Retry-After, then success: the right report', async () => {
    const base = JSON.parse((await json()).stdout);
    jira.setFaults([{ match: 'search/jql', status: 429, retryAfter: '0', times: 3 }]);
    const { code, stdout } = await json();
    expect(code).toBe(0);
    expect({ ...JSON.parse(stdout), computedAt: 0 }).toEqual({ ...base, computedAt: 0 });
  });

  test('a repeated page does not double-count', async () => {
    const base = JSON.parse((await json()).stdout);
    jira.setFaults([{ match: 'search/jql', duplicatePage: true, times: 2 }]);
    const { code, stdout } = await json();
    expect(code).toBe(0);
    expect(JSON.parse(stdout).delivery).toEqual(base.delivery);
  });

  const failures: [string, FaultRule[], RegExp][] = [
    [
      'repeated 5xx',
      [{ match: 'search/jql', status: 503 }],
      /Jira failed on GET \/rest\/api\/3\/search\/jql \(503\) after retries/,
    ],
    ['repeated 429', [{ match: 'search/jql', status: 429, retryAfter: '0' }], /kept rate-limiting/],
    ['malformed JSON', [{ match: 'search/jql', malformedJson: true }], /not JSON/],
    ['a hang-up', [{ match: 'search/jql', hangUp: true }], /cannot reach Jira/],
  ];
  test.each(failures)('%s: exit 1, one clear line, no report', async (_name, faults, message) => {
    jira.setFaults(faults);
    const { code, stdout, stderr } = await json();
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  test('401: exit 1 naming the credentials', async () => {
    const { code, stdout, stderr } = await run(['report', '--project', 'OPS'], { JIRA_API_TOKEN: 'wrong' });
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toContain('check JIRA_EMAIL and JIRA_API_TOKEN');
  });

  test('no token or secret is ever printed, whatever fails', async () => {
    const secret = 'sekr1t-token-value';
    const outputs: string[] = [];
    for (const faults of [
      [],
      [{ match: 'search/jql', status: 503 as const }],
      [{ match: 'search/jql', malformedJson: true }],
    ]) {
      jira.setFaults(faults);
      const r = await run(['report', '--project', 'OPS'], { JIRA_API_TOKEN: secret });
      outputs.push(r.stdout, r.stderr);
    }
    const basic = Buffer.from(`${DEMO_USERS.admin.email}:${secret}`).toString('base64');
    expect(outputs.join('\n')).not.toContain(secret);
    expect(outputs.join('\n')).not.toContain(basic);
  });

  test('404 project: exit 1', async () => {
    const { code, stderr } = await run(['report', '--project', 'NOPE']);
    expect(code).toBe(1);
    expect(stderr).toBe('phase-gate: project NOPE was not found, or you cannot browse it\n');
  });

  test('a project the user cannot browse is not found', async () => {
    const { code } = await run(['report', '--project', 'OPS'], {
      JIRA_EMAIL: DEMO_USERS.staff.email,
      JIRA_API_TOKEN: DEMO_USERS.staff.token,
    });
    expect(code).toBe(1);
  });

  test('Jira unreachable: exit 1', async () => {
    const { code, stderr } = await run(['report', '--project', 'OPS'], {
      JIRA_BASE_URL: 'http://127.0.0.1:9',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot reach Jira at http:\/\/127\.0\.0\.1:9/);
  });

  test('an extra JQL clause rejected by the search itself (no parse endpoint): exit 2 naming the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ deliveryJql: 'bogusfield = 3' }));
    jira.setFaults([{ match: 'jql/parse', status: 404 }]);
    const { code, stderr } = await json(['--config', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^phase-gate: invalid configuration: deliveryJql: Jira rejected GET \/rest\/api\/3\/search\/jql \(400\)/,
    );
  });

  test('GET /search/jql refused (a proxy that forwards only POST): the same report through POST', async () => {
    const base = JSON.parse((await json()).stdout);
    jira.setFaults([{ match: /^GET \/rest\/api\/3\/search\/jql/, status: 405 }]);
    const { code, stdout } = await json();
    expect(code).toBe(0);
    expect({ ...JSON.parse(stdout), computedAt: 0 }).toEqual({ ...base, computedAt: 0 });
  });

  test('an extra JQL clause Jira rejects: exit 2 naming the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ incidentJql: 'bogusfield = 3' }));
    const { code, stderr } = await json(['--config', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/incidentJql: Jira rejects this JQL: .*bogusfield/);
  });
});

describe('bad usage and input: exit 2, the message names the problem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pg-'));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  test.each([
    [['report', '--project', 'OPS', '--as-of', '2026-02-30'], '--as-of: "2026-02-30" is not a calendar date'],
    [['report', '--project', 'OPS', '--as-of', '30/06/2026'], '--as-of'],
    [['report', '--project', 'OPS', '--tz', 'Mars/Olympus'], '--tz: unknown time zone "Mars/Olympus"'],
    [['report', '--project', 'OPS', '--format', 'pdf'], '--format: "pdf" is not one of text, json, markdown'],
    [['report', '--project', 'OPS', '--frobnicate'], "unknown option '--frobnicate'"],
    [['report'], '--project is required'],
    [['report', '--project', 'not a key!'], 'is not a Jira project key'],
    [['explode', '--project', 'OPS'], 'unknown command "explode"'],
    [
      ['report', '--project', 'OPS', '--config', '/nonexistent/x.json'],
      'cannot read config file /nonexistent/x.json: ENOENT',
    ],
    [['report', '--project', 'OPS', '--config', write('bad.json', '{"graceDays": ')], 'is not valid JSON'],
    [
      ['report', '--project', 'OPS', '--config', write('rate.json', '{"minOnTimeRate": 1.5}')],
      'minOnTimeRate: a rate from 0 to 1',
    ],
    [
      ['report', '--project', 'OPS', '--config', write('unk.json', '{"colour": "red"}')],
      'unknown key colour',
    ],
    [['report', '--project', 'OPS', '--config', write('arr.json', '[]')], 'must hold a JSON object'],
    [
      [
        'report',
        '--project',
        'OPS',
        '--config',
        write(
          'long.json',
          JSON.stringify({
            waivers: [
              { criterion: 'D2', from: '2026-01-01', until: '2026-04-02', reason: 'r', approver: 'a' },
            ],
          }),
        ),
      ],
      'a waiver lasts at most 90 days',
    ],
    [['check-idea'], '--issue is required'],
    [
      ['check-idea', '--issue', 'OPS-1', '--format', 'markdown'],
      '--format: "markdown" is not one of text, json',
    ],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await run(args as string[]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  test('JIRA_BASE_URL without credentials', async () => {
    const { code, stderr } = await run(['report', '--project', 'OPS'], { JIRA_API_TOKEN: undefined });
    expect(code).toBe(2);
    expect(stderr).toContain('JIRA_BASE_URL is set but JIRA_API_TOKEN is not');
  });

  test('--help prints usage and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('phase-gate report --project KEY');
  });
});

describe('phase-gate check-idea', () => {
  test('an idea decision as JSON through the same decision function', async () => {
    const site = jira.site;
    const idea = site.issues.find(
      (i) =>
        i.fields.project.key === 'OPS' &&
        i.fields.issuetype.name === 'Innovation Idea' &&
        i.fields.status.statusCategory.key === 'new' &&
        !i.fields.labels.some((l) => ['reliability', 'security'].includes(l)),
    )!;
    const { code, stdout } = await run(['check-idea', '--issue', idea.key, '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ issue: idea.key, project: 'OPS', gate: 'OPS', isIdea: true, locked: true });
    expect(out.reasons.length).toBeGreaterThan(0);
  });

  test('a non-idea is not locked, and says why', async () => {
    const story = jira.site.issues.find(
      (i) => i.fields.project.key === 'OPS' && i.fields.issuetype.name !== 'Innovation Idea',
    )!;
    const { code, stdout } = await run(['check-idea', '--issue', story.key, '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      issue: story.key,
      project: 'OPS',
      isIdea: false,
      locked: false,
      reasons: ['not an idea'],
    });
  });

  test('an idea in an unlocked project is not locked', async () => {
    const idea = jira.site.issues.find(
      (i) => i.fields.project.key === 'DIG' && i.fields.issuetype.name === 'Innovation Idea',
    )!;
    const { stdout } = await run(['check-idea', '--issue', idea.key, '--format', 'json']);
    expect(JSON.parse(stdout).locked).toBe(false);
  });

  test('an unknown issue: exit 1, a clear error and no decision', async () => {
    const { code, stdout, stderr } = await run(['check-idea', '--issue', 'OPS-99999']);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe('phase-gate: issue OPS-99999 was not found, or you cannot see it\n');
  });
});

describe('an organisation gate across projects (SPEC §3.0, §6)', () => {
  const org = join(__dirname, '..', '..', 'examples', 'northwind-it.json');

  test('report --project ITSM --config: incidents from the service desk, deliverables from three projects', async () => {
    const { code, stdout, stderr } = await run([
      'report',
      '--project',
      'ITSM',
      '--config',
      org,
      '--format',
      'json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.gate).toEqual({ home: 'ITSM', name: 'Northwind IT' });
    expect(report.sources.incidents.projects).toEqual(['ITSM']);
    expect(report.sources.incidents.types.map((t: { name: string }) => t.name)).toEqual([
      '[System] Incident',
    ]);
    expect(report.sources.deliverables.projects).toEqual(['APP', 'DATA', 'INFRA']);
    expect(report.sources.ideas.projects).toEqual(['IDEAS']);
    expect(report.warnings.join('\n')).toMatch(
      /Done without a resolution: the date they moved to Done is used/,
    );
    expect(report.delivery.slipped).toBeGreaterThan(0);
  });

  test('the road travelled: a step back says what did it, in JSON (structured) and in the text', async () => {
    const json = JSON.parse(
      (await run(['report', '--project', 'ITSM', '--config', org, '--format', 'json'])).stdout,
    );
    const back = json.phaseChanges.filter((c: { from: number; to: number }) => c.to < c.from);
    expect(back).toHaveLength(json.timesThrownBack);
    // The demo's step back: a third major incident in the window (limit 2).
    expect(back[0].cause).toEqual([
      { id: 'R1', value: expect.any(Number), unit: 'count', op: '<=', limit: 2, waiverEnded: false },
    ]);
    expect(back[0].cause[0].value).toBeGreaterThan(2);
    const { code, stdout } = await run(['report', '--project', 'ITSM', '--config', org]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /thrown back to phase 1 \(Reliable systems\) on \d{1,2} [A-Z][a-z]{2} \d{4}: \d+ major incidents \(limit 2\)/,
    );
  });

  test('check-idea decides an idea of the ideas project with the gate that governs it', async () => {
    const approved = JSON.parse(
      (
        await run([
          'check-idea',
          '--issue',
          'IDEAS-6',
          '--project',
          'ITSM',
          '--config',
          org,
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(approved).toMatchObject({ gate: 'ITSM', isIdea: true, locked: false, bypass: 'security' });
    const ignored = JSON.parse(
      (
        await run([
          'check-idea',
          '--issue',
          'IDEAS-7',
          '--project',
          'ITSM',
          '--config',
          org,
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(ignored).toMatchObject({ isIdea: true, locked: true, bypass: null });
    expect(ignored.ignoredBypass).toEqual({ label: 'reliability', addedBy: 'Priya Nair' });
    expect(ignored.reasons.join('\n')).toContain('added by Priya Nair, who cannot approve a bypass');
  });

  test('check-idea: an account listed in ideaBypassApprovers approves; the admins no longer do unless listed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-'));
    const file = join(dir, 'approvers.json');
    const base = JSON.parse(readFileSync(org, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...base, ideaBypassApprovers: [DEMO_USERS.staff.accountId] }));
    const decide = async (issue: string) =>
      JSON.parse(
        (
          await run([
            'check-idea',
            '--issue',
            issue,
            '--project',
            'ITSM',
            '--config',
            file,
            '--format',
            'json',
          ])
        ).stdout,
      );
    // IDEAS-7: Priya Nair (staff) added "reliability" — listed, so it bypasses.
    expect(await decide('IDEAS-7')).toMatchObject({ isIdea: true, locked: false, bypass: 'reliability' });
    // IDEAS-6: the IDEAS admin added "security" — not listed, so it no longer bypasses.
    const six = await decide('IDEAS-6');
    expect(six).toMatchObject({ isIdea: true, locked: true, bypass: null });
    expect(six.reasons.join('\n')).toContain('who cannot approve a bypass');
  });

  test('a home whose gate does not govern the idea: exit 2, naming both', async () => {
    const { code, stdout, stderr } = await run(['check-idea', '--issue', 'IDEAS-7', '--project', 'OPS']);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain('the gate of OPS does not govern ideas of IDEAS');
  });

  test('a configured name the site does not know: exit 2, naming the value and the choices', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ incidentProjects: ['ITSM'], majorPriorities: ['Critical'] }));
    const { code, stdout, stderr } = await run(['report', '--project', 'ITSM', '--config', file]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(
      /majorPriorities: "Critical" does not exist on the site \(the site has "P1", "P2"/,
    );
  });
});

test('a project with no incident ever recorded: R0 fails, phase 1, "cannot be shown", exit 0 (unknown is never a pass)', async () => {
  const { code, stdout } = await run(['report', '--project', 'LAB', '--format', 'json']);
  expect(code).toBe(0);
  const report = JSON.parse(stdout);
  expect(report.phase).toBe(1);
  expect(report.reliability.met).toBe(false);
  expect(report.reliability.criteria[0]).toMatchObject({
    id: 'R0',
    value: 0,
    op: '>=',
    limit: 1,
    met: false,
    waived: false,
    need: { kind: 'recordIncidents' },
  });
  const text = await run(['report', '--project', 'LAB']);
  expect(text.stdout).toContain('1. Reliable systems — cannot be shown');
});
