import { snapshotView } from '../../src/forge/snapshotView';
import { performance } from 'node:perf_hooks';
import { PayloadSchemas, type ResolverName } from '../../src/forge/contract';
import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache } from '../../src/forge/projects';
import { STORAGE_KEYS, type GateDoc, type SettingsDoc } from '../../src/forge/storage';
import { platform } from './fakePlatform';
import {
  invoke,
  issuePanel,
  macro,
  makeDeliveryMet,
  projectPage,
  seedProject,
  standardGrants,
} from './harness';
import { enrol } from './harness';
import { idOf } from './harness';

beforeEach(() => {
  platform.reset();
  clearPermissionCache();
  clearProjectCache();
  seedProject(platform.jira, 'OPS', { onTime: 2, ideas: 2 });
  standardGrants(platform.jira);
  // SECRET exists, is configured and computed, but only u-admin's colleague u-secret may browse it.
  seedProject(platform.jira, 'SECRET', { onTime: 5, ideas: 1 });
  platform.jira.grant('u-secret', 'SECRET', { browse: true, administerProject: true });
});

async function computeSecret() {
  const view = await invoke('getGate', {}, { account: 'u-secret', ...projectPage('SECRET') });
  expect(view.snapshot.report.project).toBe('SECRET');
}

describe('getGate', () => {
  test('first view computes the gate as the app, without enrolling the project in the schedule', async () => {
    const view = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(view.project).toBe('OPS');
    expect(view.snapshot.report.phase).toBe(2);
    expect(view.snapshot.report.innovationUnlocked).toBe(false);
    expect(view.stale).toBe(false);
    expect(view.ageMinutes).toBe(0);
    expect(view.nextGate.join(' ')).toMatch(/3 more deliverables/);
    // Only a settings save (project admin) or the setup (Jira admin) enrols a project (issue #12).
    expect(platform.kvs.value(STORAGE_KEYS.project(idOf('OPS')))).toBeUndefined();
    // The computation ran as the app; the permission check as the user.
    expect(platform.jira.count('GET', /search\/jql$/, 'app')).toBeGreaterThan(0);
    expect(platform.jira.count('GET', /search\/jql$/, 'u-viewer')).toBe(0);
    expect(platform.jira.count('GET', /mypermissions$/, 'u-viewer')).toBe(1);
  });

  test('later views render from one storage read and no Jira data call', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    platform.kvs.resetOps();
    const before = platform.jira.calls.length;
    const view = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(view.snapshot.report.phase).toBe(2);
    expect(platform.kvs.ops).toMatchObject({ get: 1, set: 0, batchGet: 0, query: 0, transact: 0 });
    // The permission answer is cached briefly: no Jira call at all.
    expect(platform.jira.calls.length).toBe(before);
  });

  test('answers from storage alone, timings printed (Forge emulator)', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const samples: number[] = [];
    const callsBefore = platform.jira.calls.length;
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    const size = Buffer.byteLength(JSON.stringify(platform.kvs.value(STORAGE_KEYS.gate(idOf('OPS')))));
    console.log(
      `getGate from storage (Forge emulator): median ${samples[100]!.toFixed(2)} ms, p95 ${samples[190]!.toFixed(2)} ms; gate document ${size} bytes`,
    );
    // Served from storage alone: no Jira request on a warm read (timings are printed, not asserted).
    expect(samples).toHaveLength(200);
    expect(platform.jira.calls.length).toBe(callsBefore);
  });

  test('the macro takes its project from its config', async () => {
    const view = await invoke('getGate', {}, { account: 'u-viewer', ...macro('OPS') });
    expect(view.project).toBe('OPS');
  });

  test('without a project in the context it says what to do', async () => {
    expect(
      await invoke('getGate', {}, { account: 'u-viewer', extension: { type: 'macro', config: {} } }),
    ).toEqual({
      error: { code: 'not-configured', message: expect.stringMatching(/pick a project/) },
    });
    expect(
      (await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('ops; drop') })).error.code,
    ).toBe('not-configured');
  });

  test('an anonymous call gets nothing', async () => {
    expect((await invoke('getGate', {}, { account: null, ...projectPage('OPS') })).error.code).toBe(
      'forbidden',
    );
    expect(
      (await invoke('getGate', {}, { account: 'u-viewer', accountType: 'customer', ...projectPage('OPS') }))
        .error.code,
    ).toBe('forbidden');
  });
});

describe('security: a tampered project key from a user who cannot browse it', () => {
  const payloads: Record<ResolverName, unknown> = {
    getGate: {},
    refresh: {},
    getEvidence: { list: 'onTime' },
    getSettings: {},
    saveSettings: { config: { graceDays: 3 } },
    restoreSettings: { version: 1 },
    getIdea: {},
    getAudit: {},
    listProjects: {},
    setup: { projectKey: 'SECRET' },
    getPortfolio: {},
    getMemberships: {},
    getGateSources: {},
    listGates: {},
    getSettingsChoices: {},
  };

  test('is refused by every resolver, and nothing about the project comes back', async () => {
    await computeSecret();
    const secretIdea = [...platform.jira.issues.values()].find(
      (i) => i.project === 'SECRET' && i.type === 'Innovation Idea',
    )!;
    const secretDoc = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('SECRET')))!;
    const secretKeys = Object.values(secretDoc.snapshot!.evidence).flat();
    expect(secretKeys.length).toBeGreaterThan(0);

    for (const name of Object.keys(PayloadSchemas) as ResolverName[]) {
      const context = name === 'getIdea' ? issuePanel(secretIdea.key, 'OPS') : projectPage('SECRET');
      const answer = await invoke(name, payloads[name], { account: 'u-outsider', ...context });
      const text = JSON.stringify(answer);
      for (const k of secretKeys) expect(text).not.toContain(k);
      expect(text).not.toMatch(/phaseName|innovationUnlocked":(true|false)|"config"/);
      if (name === 'listProjects' || name === 'listGates') {
        expect(Array.isArray(answer)).toBe(true);
        expect(text).not.toContain('SECRET');
      } else {
        expect(answer).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
      }
    }
    // Nothing was changed either.
    expect(platform.kvs.value(STORAGE_KEYS.settings(idOf('SECRET')))).toBeUndefined();
    expect(platform.jira.count('POST', /issuetype$/)).toBe(0);
  });

  test("the browser's accountId is ignored: the platform's principal is the caller", async () => {
    await computeSecret();
    // invoke() always sends context.accountId 'u-forged-by-browser'; give that account access to prove it is unused.
    platform.jira.grant('u-forged-by-browser', 'SECRET', { browse: true, administerProject: true });
    const answer = await invoke('getGate', {}, { account: 'u-outsider', ...projectPage('SECRET') });
    expect(answer.error.code).toBe('forbidden');
  });
});

describe('security: administrators without Browse projects', () => {
  // In Jira, Administer projects and Administer Jira do not imply Browse projects: such a user may manage the
  // project's settings but not see its issues, so they get none of the gate's data (SPEC 7: browse before data).
  beforeEach(() => {
    platform.jira.grant('u-padmin', 'SECRET', { administerProject: true });
    platform.jira.jiraAdmins.add('u-jira-admin');
  });

  test('get no figure, evidence, idea or portfolio row of the project', async () => {
    await computeSecret();
    const secretIdea = [...platform.jira.issues.values()].find(
      (i) => i.project === 'SECRET' && i.type === 'Innovation Idea',
    )!;
    const data: [ResolverName, unknown][] = [
      ['getGate', {}],
      ['refresh', {}],
      ['getEvidence', { list: 'onTime' }],
    ];
    for (const account of ['u-padmin', 'u-jira-admin']) {
      for (const [name, payload] of data) {
        const answer = await invoke(name, payload, { account, ...projectPage('SECRET') });
        expect({ account, name, answer }).toEqual({
          account,
          name,
          answer: { error: { code: 'forbidden', message: expect.any(String) } },
        });
      }
      const macroView = await invoke('getGate', {}, { account, ...macro('SECRET') });
      expect(macroView.error.code).toBe('forbidden');
      const idea = await invoke('getIdea', {}, { account, ...issuePanel(secretIdea.key, 'SECRET') });
      expect(idea.error.code).toBe('forbidden');
      expect(JSON.stringify(await invoke('getPortfolio', {}, { account }))).not.toContain('SECRET');
      expect(JSON.stringify(await invoke('listProjects', {}, { account }))).not.toContain('SECRET');
    }
  });

  test('may still read and save the settings they administer', async () => {
    const view = await invoke('getSettings', {}, { account: 'u-padmin', ...projectPage('SECRET') });
    expect(view).toMatchObject({ project: 'SECRET', canAdminister: true });
    const saved = await invoke(
      'saveSettings',
      { config: { graceDays: 2 } },
      { account: 'u-padmin', ...projectPage('SECRET') },
    );
    expect(saved.ok).toBe(true);
  });
});

describe('payloads', () => {
  test('unknown fields are rejected, with the field named', async () => {
    const answer = await invoke(
      'getGate',
      { project: 'SECRET' },
      { account: 'u-viewer', ...projectPage('OPS') },
    );
    expect(answer).toEqual({ error: { code: 'bad-request', message: expect.stringContaining('project') } });
    const evidence = await invoke(
      'getEvidence',
      { list: 'onTime', extra: 1 },
      { account: 'u-viewer', ...projectPage('OPS') },
    );
    expect(evidence.error).toEqual({ code: 'bad-request', message: expect.stringContaining('extra') });
  });

  test('wrong types and values are rejected', async () => {
    const answer = await invoke(
      'getEvidence',
      { list: 'everything' },
      { account: 'u-viewer', ...projectPage('OPS') },
    );
    expect(answer.error.code).toBe('bad-request');
    expect(answer.error.message).toMatch(/list/);
    expect((await invoke('setup', { projectKey: '../x' }, { account: 'u-admin' })).error.code).toBe(
      'bad-request',
    );
  });

  test('oversized payloads are rejected before anything else', async () => {
    const big = { config: { incidentTypes: Array.from({ length: 5000 }, (_, i) => `type ${i} `.repeat(3)) } };
    const answer = await invoke('saveSettings', big, { account: 'u-admin', ...projectPage('OPS') });
    expect(answer.error).toEqual({ code: 'bad-request', message: expect.stringMatching(/too large/) });
    expect(platform.jira.calls.length).toBe(0);
  });
});

describe('refresh', () => {
  test('a failing recompute keeps the last good snapshot and records the error', async () => {
    const first = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const good = first.snapshot;
    // Make the stored snapshot old enough to be refreshed, then break Jira for the app.
    const doc = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('OPS')))!;
    doc.lastAttemptAt = new Date(Date.now() - 3600_000).toISOString();
    platform.kvs.store.set(STORAGE_KEYS.gate(idOf('OPS')), { value: doc });
    platform.jira.failAll(400, 'app');

    const view = await invoke('refresh', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(view.snapshot).toEqual(good);
    expect(view.lastError).toEqual({ message: expect.stringMatching(/Jira/), at: expect.any(String) });
    const stored = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('OPS')))!;
    expect(snapshotView(stored.snapshot!)).toEqual(good);
    expect(stored.lastError?.message).toMatch(/Jira/);
  });

  test('the browser gets evidence counts, never the issue keys computed as the app', async () => {
    const view = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const stored = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('OPS')))!.snapshot!;
    expect(stored.evidence.onTime.length).toBeGreaterThan(0);
    expect(JSON.stringify(view)).not.toMatch(/OPS-10[1-4]"/);
    expect(view.snapshot.evidence.onTime).toEqual([]);
    expect(view.snapshot.evidenceTotals.onTime).toBe(stored.evidence.onTime.length);
    expect(view.snapshot.evidenceStored.onTime).toBe(stored.evidence.onTime.length);
  });

  test('a successful recompute replaces the snapshot and clears the error', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const doc = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('OPS')))!;
    doc.lastAttemptAt = new Date(Date.now() - 3600_000).toISOString();
    doc.snapshot!.computedAt = new Date(Date.now() - 3600_000).toISOString();
    doc.lastError = { message: 'old failure', at: doc.lastAttemptAt };
    platform.kvs.store.set(STORAGE_KEYS.gate(idOf('OPS')), { value: doc });
    makeDeliveryMet(platform.jira, 'OPS');
    const view = await invoke('refresh', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(view.snapshot.report.phase).toBe(3);
    expect(view.lastError).toBeNull();
    // An unlock queues the notices for the consumer.
    expect(platform.pushed.some((p) => p.body.reason === 'notices')).toBe(true);
  });

  test('refreshes arriving together compute once (the throttle holds under concurrency)', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const doc = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('OPS')))!;
    doc.lastAttemptAt = new Date(Date.now() - 3600_000).toISOString();
    platform.kvs.store.set(STORAGE_KEYS.gate(idOf('OPS')), { value: doc });
    const one = platform.jira.count('GET', /search\/jql$/, 'app'); // the searches of one computation
    platform.jira.latencyMs = 5;
    const views = await Promise.all(
      Array.from({ length: 4 }, () => invoke('refresh', {}, { account: 'u-viewer', ...projectPage('OPS') })),
    );
    expect(views.every((v) => v.snapshot.report.project === 'OPS')).toBe(true);
    // One of them ran, incrementally: one search for what changed since the last sync, no second full read.
    expect(platform.jira.count('GET', /search\/jql$/, 'app')).toBe(one + 1);
  });

  test('a refresh right after a computation answers the stored state', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const searches = platform.jira.count('GET', /search\/jql$/);
    await invoke('refresh', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(platform.jira.count('GET', /search\/jql$/)).toBe(searches);
  });

  test('when the first computation fails, the error is shown and a retry is queued', async () => {
    platform.jira.failAll(400, 'app');
    const view = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(view.snapshot).toBeNull();
    expect(view.stale).toBe(true);
    expect(view.lastError.message).toMatch(/Jira/);
    expect(platform.pushed).toEqual([expect.objectContaining({ body: { project: 'OPS', reason: 'retry' } })]);
  });
});

describe('getEvidence', () => {
  test('reads the issues behind a figure as the user, in the stored order', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const doc = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('OPS')))!;
    const keys = doc.snapshot!.evidence.onTime;
    expect(keys).toHaveLength(2);
    const list = await invoke(
      'getEvidence',
      { list: 'onTime' },
      { account: 'u-viewer', ...projectPage('OPS') },
    );
    expect(list.map((i: { key: string }) => i.key)).toEqual(keys);
    expect(list[0]).toEqual({
      key: keys[0],
      summary: expect.any(String),
      status: 'Done',
      priority: 'Medium',
      created: expect.any(String),
      resolved: expect.any(String),
      dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(platform.jira.count('POST', /issue\/bulkfetch$/, 'u-viewer')).toBe(1);
    expect(platform.jira.count('POST', /issue\/bulkfetch$/, 'app')).toBe(0);
  });

  test('issues the user cannot see are left out, deleted ones too', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const doc = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('OPS')))!;
    platform.jira.issues.delete(doc.snapshot!.evidence.onTime[0]!);
    const list = await invoke(
      'getEvidence',
      { list: 'onTime' },
      { account: 'u-viewer', ...projectPage('OPS') },
    );
    expect(list.map((i: { key: string }) => i.key)).toEqual([doc.snapshot!.evidence.onTime[1]]);
  });

  test('an empty list answers [] without asking Jira for issues', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(
      await invoke('getEvidence', { list: 'late' }, { account: 'u-viewer', ...projectPage('OPS') }),
    ).toEqual([]);
    expect(platform.jira.count('POST', /issue\/bulkfetch$/)).toBe(0);
  });
});

describe('settings', () => {
  test('getSettings shows the defaults and whether the user may change them', async () => {
    const viewer = await invoke('getSettings', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(viewer).toMatchObject({ project: 'OPS', canAdminister: false, versions: [] });
    expect(viewer.config.minDecided).toBe(5);
    const admin = await invoke('getSettings', {}, { account: 'u-admin', ...projectPage('OPS') });
    expect(admin.canAdminister).toBe(true);
  });

  test('a non-admin saving settings is refused and nothing is stored', async () => {
    const answer = await invoke(
      'saveSettings',
      { config: { minDecided: 1 } },
      { account: 'u-viewer', ...projectPage('OPS') },
    );
    expect(answer).toEqual({
      error: { code: 'forbidden', message: expect.stringMatching(/administrators/) },
    });
    expect(platform.kvs.value(STORAGE_KEYS.settings(idOf('OPS')))).toBeUndefined();
    expect(platform.pushed).toEqual([]);
  });

  test('a Jira admin may save any project', async () => {
    platform.jira.jiraAdmins.add('u-jira-admin');
    const answer = await invoke(
      'saveSettings',
      { config: { graceDays: 1 } },
      { account: 'u-jira-admin', ...projectPage('OPS') },
    );
    expect(answer.ok).toBe(true);
  });

  test('invalid settings come back with the field named, and nothing is saved', async () => {
    const answer = await invoke(
      'saveSettings',
      { config: { minOnTimeRate: 2, colour: 'red' } },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(answer.ok).toBe(false);
    expect(answer.errors).toEqual(
      expect.arrayContaining([
        { path: 'minOnTimeRate', message: expect.stringMatching(/On-time target/) },
        { path: 'colour', message: expect.stringMatching(/"colour" is not a setting/) },
      ]),
    );
    expect(platform.kvs.value(STORAGE_KEYS.settings(idOf('OPS')))).toBeUndefined();
  });

  test("a JQL clause Jira's parser rejects is an error on its field", async () => {
    const answer = await invoke(
      'saveSettings',
      { config: { incidentJql: 'BAD = 1', deliveryJql: 'labels = ok' } },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(answer).toEqual({
      ok: false,
      errors: [{ path: 'incidentJql', message: expect.stringMatching(/BAD/) }],
    });
    expect(platform.jira.count('POST', /jql\/parse$/)).toBe(1);
    // In the admin's language (the context's locale), Jira's own text quoted inside it.
    const german = await invoke(
      'saveSettings',
      { config: { incidentJql: 'BAD = 1' } },
      { account: 'u-admin', ...projectPage('OPS'), locale: 'de-DE' },
    );
    expect(german.errors).toEqual([
      { path: 'incidentJql', message: expect.stringMatching(/^Jira lehnt dieses JQL ab: .*BAD/) },
    ]);
  });

  test('a JQL clause is checked as the admin who saves it: it tells nothing of projects they cannot browse', async () => {
    // u-admin administers OPS and cannot browse SECRET. Checked as the app (which sees every project), a clause naming
    // SECRET would pass and one naming NOPE would fail: an oracle for which hidden projects exist.
    const answers = [];
    for (const key of ['SECRET', 'NOPE']) {
      const answer = await invoke(
        'saveSettings',
        { config: { incidentJql: `project = ${key} OR labels = outage` } },
        { account: 'u-admin', ...projectPage('OPS') },
      );
      answers.push(JSON.stringify(answer).replaceAll(key, 'KEY'));
      expect(answer.ok).toBe(false);
    }
    expect(answers[0]).toBe(answers[1]);
    expect(platform.kvs.value(STORAGE_KEYS.settings(idOf('OPS')))).toBeUndefined();
    expect(platform.jira.count('POST', /jql\/parse$/, 'app')).toBe(0);
    // A clause the admin can see saves (and the app, which runs it, accepts it too).
    const ok = await invoke(
      'saveSettings',
      { config: { incidentJql: 'project = OPS OR labels = outage' } },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(ok.ok).toBe(true);
    expect(platform.jira.count('POST', /jql\/parse$/, 'u-admin')).toBe(3);
    expect(platform.jira.count('POST', /jql\/parse$/, 'app')).toBe(1);
  });

  test('names the admin wrote that the site does not know are refused, each field named with the choices', async () => {
    const answer = await invoke(
      'saveSettings',
      {
        config: {
          majorPriorities: ['Critical'],
          incidentTypes: ['Outage'],
          excludedResolutions: ['Declined'],
        },
      },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(answer.ok).toBe(false);
    expect(answer.errors).toEqual([
      {
        path: 'incidentTypes',
        message: expect.stringMatching(/"Outage" does not exist in project OPS .*"Incident"/),
      },
      {
        path: 'majorPriorities',
        message: expect.stringMatching(/"Critical" does not exist on the site .*"Highest", "High"/),
      },
    ]);
    expect(platform.kvs.value(STORAGE_KEYS.settings(idOf('OPS')))).toBeUndefined();
    expect(platform.pushed).toEqual([]);
    // Names the site has, in any case, save.
    const ok = await invoke(
      'saveSettings',
      { config: { majorPriorities: ['highest'], deliverableTypes: ['Epic'] } },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(ok.ok).toBe(true);
    const resolutions = await invoke(
      'saveSettings',
      { config: { excludedResolutions: ['Rejected'] } },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(resolutions.errors).toEqual([
      {
        path: 'excludedResolutions',
        message: expect.stringMatching(/"Rejected" does not exist.*"Won't Do"/),
      },
    ]);
  });

  test("a clause Jira's parser only warns about is reported to the admin, not saved as fine", async () => {
    const answer = await invoke(
      'saveSettings',
      { config: { deliveryJql: 'labels = WARN' } },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(answer).toEqual({
      ok: false,
      errors: [{ path: 'deliveryJql', message: expect.stringMatching(/warns.*'WARN' is deprecated/) }],
    });
    expect(platform.kvs.value(STORAGE_KEYS.settings(idOf('OPS')))).toBeUndefined();
  });

  test('saving keeps previous versions, queues a recompute, and a version can be restored', async () => {
    const first = await invoke(
      'saveSettings',
      { config: { graceDays: 1 } },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(first).toMatchObject({
      ok: true,
      settings: { project: 'OPS', versions: [], canAdminister: true },
    });
    expect(first.settings.config.graceDays).toBe(1);
    const second = await invoke(
      'saveSettings',
      { config: { graceDays: 2 } },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(second.settings.versions).toEqual([
      { version: 1, savedAt: expect.any(String), savedBy: 'u-admin' },
    ]);
    expect(platform.pushed.filter((p) => p.body.reason === 'settings')).toHaveLength(2);
    // The gate document takes the new config at once (the validator and the page read it).
    expect(platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('OPS')))!.config.graceDays).toBe(2);
    expect(platform.kvs.value(STORAGE_KEYS.project(idOf('OPS')))).toBeDefined();

    const restored = await invoke(
      'restoreSettings',
      { version: 1 },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(restored.ok).toBe(true);
    expect(restored.settings.config.graceDays).toBe(1);
    expect(restored.settings.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const doc = platform.kvs.value<SettingsDoc>(STORAGE_KEYS.settings(idOf('OPS')))!;
    expect(doc.version).toBe(3);
    expect(
      (await invoke('restoreSettings', { version: 9 }, { account: 'u-admin', ...projectPage('OPS') })).error
        .code,
    ).toBe('not-found');
  });

  test('a version can be restored however many saves came before (numbers grow past 1000)', async () => {
    const kept = {
      config: { graceDays: 4 },
      version: 1500,
      savedAt: new Date().toISOString(),
      savedBy: 'u-admin',
    };
    platform.kvs.store.set(STORAGE_KEYS.settings(idOf('OPS')), {
      value: {
        config: { graceDays: 5 },
        version: 1501,
        savedAt: kept.savedAt,
        savedBy: 'u-admin',
        previous: [{ version: 1500, savedAt: kept.savedAt, savedBy: 'u-admin' }],
      },
    });
    platform.kvs.store.set(STORAGE_KEYS.settingsVersion(idOf('OPS'), 1500), { value: kept });
    const restored = await invoke(
      'restoreSettings',
      { version: 1500 },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(restored.ok).toBe(true);
    expect(restored.settings.config.graceDays).toBe(4);
  });

  test('only the last 20 versions are kept', async () => {
    for (let i = 0; i < 23; i++) {
      await invoke(
        'saveSettings',
        { config: { graceDays: i } },
        { account: 'u-admin', ...projectPage('OPS') },
      );
    }
    const doc = platform.kvs.value<SettingsDoc>(STORAGE_KEYS.settings(idOf('OPS')))!;
    expect(doc.version).toBe(23);
    expect(doc.previous).toHaveLength(20);
    expect(platform.kvs.value(STORAGE_KEYS.settingsVersion(idOf('OPS'), 2))).toBeUndefined();
    expect(platform.kvs.value(STORAGE_KEYS.settingsVersion(idOf('OPS'), 3))).toBeDefined();
  });
});

describe('getIdea', () => {
  test('a waiting idea in a locked project is locked, with the reasons', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const idea = [...platform.jira.issues.values()].find(
      (i) => i.project === 'OPS' && i.type === 'Innovation Idea',
    )!;
    const view = await invoke('getIdea', {}, { account: 'u-viewer', ...issuePanel(idea.key, 'OPS') });
    expect(view).toMatchObject({
      issue: idea.key,
      project: 'OPS',
      isIdea: true,
      locked: true,
      bypass: null,
      phase: 2,
    });
    expect(view.reasons.join(' ')).toMatch(/needs at least 5/);
  });

  test("issue #14: the reasons are in the viewer's language (context.locale), the decision the same", async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const idea = [...platform.jira.issues.values()].find(
      (i) => i.project === 'OPS' && i.type === 'Innovation Idea',
    )!;
    const english = await invoke('getIdea', {}, { account: 'u-viewer', ...issuePanel(idea.key, 'OPS') });
    const german = await invoke(
      'getIdea',
      {},
      { account: 'u-viewer', locale: 'de-DE', ...issuePanel(idea.key, 'OPS') },
    );
    expect({ ...german, reasons: [] }).toEqual({ ...english, reasons: [] });
    expect(german.reasons).toHaveLength(english.reasons.length);
    expect(german.reasons.join(' ')).toMatch(/nötig: mindestens 5/);
    expect(german.reasons.join(' ')).not.toMatch(/needs|more|deliver/);
  });

  test('a bypass label unlocks the idea; a non-idea is never locked', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const idea = platform.jira.addIssue({
      project: 'OPS',
      type: 'Innovation Idea',
      labels: ['security'],
      creator: 'u-admin', // a project admin: the bypass counts (SPEC v2)
    });
    expect(
      await invoke('getIdea', {}, { account: 'u-viewer', ...issuePanel(idea.key, 'OPS') }),
    ).toMatchObject({
      locked: false,
      bypass: 'security',
    });
    const task = platform.jira.addIssue({ project: 'OPS', type: 'Task' });
    expect(
      await invoke('getIdea', {}, { account: 'u-viewer', ...issuePanel(task.key, 'OPS') }),
    ).toMatchObject({
      isIdea: false,
      locked: false,
    });
  });

  test('never computed: locked, with the reason (fail closed)', async () => {
    const idea = [...platform.jira.issues.values()].find(
      (i) => i.project === 'OPS' && i.type === 'Innovation Idea',
    )!;
    const view = await invoke('getIdea', {}, { account: 'u-viewer', ...issuePanel(idea.key, 'OPS') });
    expect(view.locked).toBe(true);
    expect(view.reasons[0]).toMatch(/never been computed/);
  });

  test('the project is taken from Jira, not from the context', async () => {
    await computeSecret();
    const secretIdea = [...platform.jira.issues.values()].find(
      (i) => i.project === 'SECRET' && i.type === 'Innovation Idea',
    )!;
    // u-viewer can browse OPS; the context claims OPS, the issue is in SECRET.
    const answer = await invoke('getIdea', {}, { account: 'u-viewer', ...issuePanel(secretIdea.key, 'OPS') });
    expect(answer.error.code).toBe('forbidden');
  });
});

describe('listProjects, setup, portfolio', () => {
  test('listProjects lists what the user can browse', async () => {
    expect(await invoke('listProjects', {}, { account: 'u-viewer' })).toEqual([
      { key: 'OPS', name: 'Project OPS' },
    ]);
    expect(await invoke('listProjects', { query: 'zzz' }, { account: 'u-viewer' })).toEqual([]);
  });

  test('setup is for Jira admins only', async () => {
    const answer = await invoke('setup', { projectKey: 'OPS' }, { account: 'u-admin' });
    expect(answer).toEqual({
      error: { code: 'forbidden', message: expect.stringMatching(/Jira administrators/) },
    });
    expect(platform.jira.count('POST', /issuetype$/)).toBe(0);
  });

  test('setup run twice creates nothing the second time', async () => {
    platform.jira.jiraAdmins.add('u-jira-admin');
    // A site without the idea type yet (deleted in Jira: its issues became Tasks).
    platform.jira.removeIssueType('Innovation Idea');
    const first = await invoke('setup', { projectKey: 'OPS' }, { account: 'u-jira-admin' });
    expect(first.steps.map((s: { outcome: string }) => s.outcome)).toEqual(['done', 'done', 'done']);
    // The workflow the project's workflow scheme maps the new idea type to.
    expect(first.validatorSteps.join('\n')).toMatch(/edit the workflow "OPS: Innovation Idea Workflow"/);
    expect(first.validatorSteps.join('\n')).toMatch(/Phase Gate: innovation gate/);
    expect(platform.jira.count('POST', /issuetype$/, 'u-jira-admin')).toBe(1);
    expect(platform.jira.count('PUT', /issuetypescheme\/\w+\/issuetype$/, 'u-jira-admin')).toBe(1);

    const writes = platform.jira.calls.filter((c) => c.method !== 'GET').length;
    const second = await invoke('setup', { projectKey: 'OPS' }, { account: 'u-jira-admin' });
    expect(second.steps.map((s: { outcome: string }) => s.outcome)).toEqual([
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(platform.jira.calls.filter((c) => c.method !== 'GET').length).toBe(writes);
    expect(platform.jira.issueTypes.filter((t) => t.name === 'Innovation Idea')).toHaveLength(1);
  });

  test('setup on a team-managed project asks for the issue type to be added by hand', async () => {
    platform.jira.jiraAdmins.add('u-jira-admin');
    platform.jira.addProject('TEAM', { simplified: true, issueTypes: ['Task'] });
    const result = await invoke('setup', { projectKey: 'TEAM' }, { account: 'u-jira-admin' });
    expect(result.steps[1]).toMatchObject({ outcome: 'skipped', detail: expect.stringMatching(/by hand/) });
    expect(result.validatorSteps.join(' ')).toMatch(/phase-gate-violation/);
    expect(platform.jira.count('PUT', /issuetypescheme/)).toBe(0);
  });

  test("issue #14: setup words its steps and the validator instructions in the admin's language", async () => {
    platform.jira.jiraAdmins.add('u-jira-admin');
    platform.jira.removeIssueType('Innovation Idea');
    const english = await invoke('setup', { projectKey: 'OPS' }, { account: 'u-jira-admin' });
    const german = await invoke('setup', { projectKey: 'OPS' }, { account: 'u-jira-admin', locale: 'de-DE' });
    // The same steps with the same outcomes (the second run skips what the first did), in German.
    expect(german.steps.map((s: { name: string }) => s.name)).toEqual([
      'Vorgangstyp „Innovation Idea“ anlegen',
      '„Innovation Idea“ zum Projekt OPS hinzufügen',
      'Projekt OPS beobachten',
    ]);
    expect(german.steps[0].detail).toMatch(
      /^ein Vorgangstyp namens „Innovation Idea“ ist bereits vorhanden \(ID \d+\)$/,
    );
    expect(german.validatorSteps).toHaveLength(english.validatorSteps.length);
    expect(german.validatorSteps.join('\n')).toMatch(
      /bearbeiten Sie den Workflow „OPS: Innovation Idea Workflow“/,
    );
    expect(german.validatorSteps.join('\n')).toMatch(/„Phase Gate: Innovations-Gate“/);
    expect(german.validatorSteps.join('\n')).not.toMatch(/\b(the|Open|Select|Publish)\b/);
    expect(german.validatorCheck.status).toBe(english.validatorCheck.status);
    expect(german.validatorCheck.summary).toMatch(/Ideen-Workflow „OPS: Innovation Idea Workflow“/);
    // The English run is unchanged.
    expect(english.steps[0].name).toBe('Create the "Innovation Idea" issue type');
  });

  test('setup reports a missing project as a failed step', async () => {
    platform.jira.jiraAdmins.add('u-jira-admin');
    const result = await invoke('setup', { projectKey: 'NOPE' }, { account: 'u-jira-admin' });
    expect(result.steps).toEqual([
      { name: 'Find project NOPE', outcome: 'failed', detail: expect.stringMatching(/not found/) },
    ]);
  });

  test('getPortfolio is for Jira admins, and lists the gates they can browse', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    await computeSecret();
    expect((await invoke('getPortfolio', {}, { account: 'u-viewer' })).error.code).toBe('forbidden');
    await enrol('OPS'); // projects are enrolled by a settings save or the setup, not by a view
    await enrol('SECRET');
    platform.jira.jiraAdmins.add('u-viewer');
    platform.jira.jiraAdmins.add('u-secret');
    clearPermissionCache();
    const rows = await invoke('getPortfolio', {}, { account: 'u-viewer' });
    expect(rows.map((r: { project: string }) => r.project)).toEqual(['OPS']);
    expect(rows[0]).toMatchObject({ phase: 2, innovationUnlocked: false, lastError: null });
    const secretRows = await invoke('getPortfolio', {}, { account: 'u-secret' });
    expect(secretRows.map((r: { project: string }) => r.project)).toEqual(['SECRET']);
    expect(secretRows[0].innovationUnlocked).toBe(true);
  });
});

describe('a viewer without Jira access (the Confluence macro)', () => {
  test('gets a clear refusal, and nothing about the project', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    // Jira refuses every request made as this Confluence user: they have no access to Jira on the site.
    platform.jira.override(
      (c) => c.as === 'u-confluence-only',
      () => ({ status: 401, body: { errorMessages: ['Unauthorized'] } }),
    );
    for (const [name, payload] of [
      ['getGate', {}],
      ['getEvidence', { list: 'onTime' }],
      ['listProjects', {}],
    ] as const) {
      const answer = await invoke(name, payload, { account: 'u-confluence-only', ...macro('OPS') });
      expect(answer).toEqual({
        error: { code: 'forbidden', message: expect.stringMatching(/no access to Jira/) },
      });
      expect(answer.error.message).not.toMatch(/JIRA_API_TOKEN|OPS-/);
    }
  });
});

describe('consent', () => {
  test("Forge's consent error reaches the platform untouched", async () => {
    const { NeedsAuthenticationError } = jest.requireActual('@forge/api');
    // The Forge proxy's answer when the user has not yet allowed the app to act for them: the real @forge/api
    // turns it into its NeedsAuthenticationError, which the platform turns into the consent screen.
    platform.jira.override(
      (c) => c.as !== 'app',
      () => ({ status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } }),
    );
    const answer = invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    await expect(answer).rejects.toBeInstanceOf(NeedsAuthenticationError);
    await expect(answer).rejects.toMatchObject({ serviceKey: 'atlassian-token-service-key' });
  });
});
