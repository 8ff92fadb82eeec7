/**
 * Reading a gate from real-shaped sites (SPEC §3.0): names resolved to ids, site-derived defaults, several source
 * projects, Done without a resolution, changelogs, and no dependence on the language of Jira's messages.
 */
import { ConfigError, parseConfig, type ConfigInput } from '../../src/core/config';
import { committedDueDate } from '../../src/core/dueDates';
import { gateScope } from '../../src/core/sources';
import { JiraClient } from '../../src/jira/client';
import { fetchGateFacts } from '../../src/jira/gateData';
import { deliverableJql, idList, incidentJql, quote } from '../../src/jira/jql';
import { addStandardStatuses } from '../../dev/fake-jira/catalogue';
import { createFakeJiraApp } from '../../dev/fake-jira/fakeJira';
import { inProcessTransport } from '../../dev/fake-jira/inProcessTransport';
import {
  addIssue,
  addProject,
  addStatus,
  changelogEntry,
  createSite,
  dueDateItem,
  labelsItem,
  statusItem,
  userRef,
  type FakeSite,
  type FakeUser,
} from '../../dev/fake-jira/site';

const at = (iso: string) => Date.parse(iso);
const bounds = { asOf: '2026-06-30', earliest: '2026-06-30' };

function user(accountId: string, extra: Partial<FakeUser> = {}): FakeUser {
  return {
    accountId,
    email: `${accountId}@x.test`,
    token: `t-${accountId}`,
    displayName: accountId,
    jiraAdmin: false,
    browse: '*',
    administer: [],
    timeZone: 'UTC',
    accountType: 'atlassian',
    ...extra,
  };
}

/**
 * A German-speaking organisation: a JSM desk whose incident type is `[System] Incident` and whose priorities are
 * P1–P5, a delivery project whose epic level is called "Vorhaben", an ideas project, translated resolutions.
 */
function orgSite(): FakeSite {
  const site = createSite({ name: 'Org', now: at('2026-06-30T12:00:00Z'), locale: 'de' });
  site.users.push(
    user('reader', { jiraAdmin: true }),
    user('ideas-admin', { administer: ['IDEAS'] }),
    user('staff'),
  );
  site.priorities = [
    { id: '11', name: 'P1' },
    { id: '12', name: 'P2' },
    { id: '13', name: 'P3' },
    { id: '14', name: 'P4' },
    { id: '15', name: 'P5' },
  ];
  site.resolutions = [
    { id: '20', name: 'Erledigt', untranslatedName: 'Done' },
    { id: '21', name: 'Duplikat', untranslatedName: 'Duplicate' },
  ];
  addStandardStatuses(site);
  addProject(site, {
    key: 'ITSM',
    name: 'IT Service Desk',
    projectTypeKey: 'service_desk',
    issueTypes: [{ name: '[System] Incident' }, { name: '[System] Service request' }],
  });
  addProject(site, {
    key: 'APP',
    name: 'Applications',
    issueTypes: [
      { name: 'Vorhaben', untranslatedName: 'Epic', hierarchyLevel: 1 },
      { name: 'Aufgabe', untranslatedName: 'Task' },
    ],
  });
  addProject(site, { key: 'IDEAS', name: 'Ideas', issueTypes: [{ name: 'Innovation Idea' }] });
  const status = (name: string) => site.statuses.find((s) => s.name === name)!;
  // ITSM-1: a P1 incident, restored (Done) without a resolution in the window.
  addIssue(site, {
    project: 'ITSM',
    type: '[System] Incident',
    summary: 'Mail down',
    status: 'Done',
    priority: 'P1',
    created: at('2026-06-10T08:00:00Z'),
    resolved: null,
    statusCategoryChanged: at('2026-06-10T12:00:00Z'),
  });
  // ITSM-2: a P3 incident resolved as a duplicate (excluded).
  addIssue(site, {
    project: 'ITSM',
    type: '[System] Incident',
    summary: 'Mail down again',
    status: 'Resolved',
    priority: 'P3',
    created: at('2026-06-11T08:00:00Z'),
    resolved: at('2026-06-11T09:00:00Z'),
    resolution: 'Duplikat',
  });
  // ITSM-3: an old incident (created long before the windows): only R0's first-incident search sees it.
  addIssue(site, {
    project: 'ITSM',
    type: '[System] Incident',
    summary: 'First ever',
    status: 'Resolved',
    priority: 'P4',
    created: at('2024-01-05T08:00:00Z'),
    resolved: at('2024-01-05T09:00:00Z'),
    resolution: 'Erledigt',
  });
  // APP-1: an epic committed for 1 Jun when it entered In Progress, moved to 20 Jun later, delivered 15 Jun.
  addIssue(site, {
    project: 'APP',
    type: 'Vorhaben',
    summary: 'Portal',
    status: 'Done',
    created: at('2026-05-01T08:00:00Z'),
    resolved: at('2026-06-15T08:00:00Z'),
    resolution: 'Erledigt',
    dueDate: '2026-06-20',
    changelog: [
      changelogEntry(site, at('2026-05-01T09:00:00Z'), by(site, 'reader'), [dueDateItem(null, '2026-06-01')]),
      changelogEntry(site, at('2026-05-02T09:00:00Z'), by(site, 'reader'), [
        statusItem(status('To Do'), status('In Progress')),
      ]),
      changelogEntry(site, at('2026-05-20T09:00:00Z'), by(site, 'reader'), [
        dueDateItem('2026-06-01', '2026-06-20'),
      ]),
      changelogEntry(site, at('2026-06-15T08:00:00Z'), by(site, 'reader'), [
        statusItem(status('In Progress'), status('Done')),
      ]),
    ],
  });
  // IDEAS-1: waiting, labelled "security" by a staff member; IDEAS-2: labelled by the ideas project's admin.
  addIssue(site, {
    project: 'IDEAS',
    type: 'Innovation Idea',
    summary: 'Self-service VPN',
    status: 'To Do',
    labels: ['security'],
    created: at('2026-06-01T08:00:00Z'),
    reporter: 'staff',
    changelog: [
      changelogEntry(site, at('2026-06-02T08:00:00Z'), by(site, 'staff'), [labelsItem([], ['security'])]),
    ],
  });
  addIssue(site, {
    project: 'IDEAS',
    type: 'Innovation Idea',
    summary: 'Patch automation',
    status: 'To Do',
    labels: ['security'],
    created: at('2026-06-01T09:00:00Z'),
    reporter: 'staff',
    changelog: [
      changelogEntry(site, at('2026-06-03T08:00:00Z'), by(site, 'ideas-admin'), [
        labelsItem([], ['security']),
      ]),
    ],
  });
  return site;
}

function by(site: FakeSite, accountId: string) {
  return userRef(site.users.find((u) => u.accountId === accountId)!);
}

function clientFor(site: FakeSite, accountId = 'reader') {
  const app = createFakeJiraApp({ site, authMode: 'header', pageCap: 2, shortPages: true });
  return { app, client: new JiraClient(inProcessTransport(app, { accountId }), { sleep: async () => {} }) };
}

const ORG: ConfigInput = {
  incidentProjects: ['ITSM'],
  deliveryProjects: ['APP'],
  ideaProjects: ['IDEAS'],
};

async function read(site: FakeSite, input: ConfigInput = ORG, home = 'ITSM') {
  const config = parseConfig(input);
  const { client, app } = clientFor(site);
  const fetched = await fetchGateFacts(client, gateScope(home, config), config, bounds);
  return { fetched, app };
}

describe('reading a gate by ids', () => {
  test('JSM type, P1–P5 and translated names resolve to ids by the v2 defaults', async () => {
    const { fetched } = await read(orgSite());
    const s = fetched.sources;
    expect(s.incidents.projects).toEqual(['ITSM']);
    expect(s.incidents.types.map((t) => t.name)).toEqual(['[System] Incident']);
    expect(s.incidents.majorPriorities).toEqual([
      { name: 'P1', id: '11' },
      { name: 'P2', id: '12' },
    ]);
    expect(s.deliverables.types.map((t) => t.name)).toEqual(['Vorhaben']);
    expect(s.ideas.types.map((t) => t.name)).toEqual(['Innovation Idea']);
    expect(s.excludedResolutions).toEqual([{ name: 'Duplikat', id: '21' }]);
    expect(fetched.homeName).toBe('IT Service Desk');
    // Queried by id, never by name.
    expect(fetched.queries.incidents).toContain(`issuetype in (${s.incidents.types[0]!.id})`);
    expect(fetched.queries.incidents).toContain('priority in (11, 12)');
    expect(fetched.queries.incidents).not.toContain('Incident"');
  });

  test('incidents, deliverables and ideas come from their own projects', async () => {
    const { fetched } = await read(orgSite());
    expect(fetched.facts.incidents.map((f) => f.key).sort()).toEqual(['ITSM-1']);
    expect(fetched.facts.deliverables.map((f) => f.key)).toEqual(['APP-1']);
    expect(fetched.facts.ideas.map((f) => f.key).sort()).toEqual(['IDEAS-1', 'IDEAS-2']);
    expect(fetched.facts.incidents[0]!.project).toBe('ITSM');
  });

  test('Done without a resolution is resolved when it moved to Done', async () => {
    const { fetched } = await read(orgSite());
    const mail = fetched.facts.incidents.find((f) => f.key === 'ITSM-1')!;
    expect(mail.doneWithoutResolution).toBe(true);
    expect(mail.resolved).toBe(at('2026-06-10T12:00:00Z'));
    expect(mail.resolutionId).toBeNull();
  });

  test('R0: the first incident ever recorded is found even when it is outside every window', async () => {
    const { fetched } = await read(orgSite());
    expect(fetched.facts.firstIncidentDay).toBe('2024-01-05');
  });

  test('the due-date and status changelog of each deliverable is read', async () => {
    const { fetched } = await read(orgSite());
    const epic = fetched.facts.deliverables[0]!;
    expect(epic.history?.dueChanges.map((c) => [c.from, c.to])).toEqual([
      [null, '2026-06-01'],
      ['2026-06-01', '2026-06-20'],
    ]);
    expect(epic.history?.statusChanges.map((c) => [c.fromCategory, c.toCategory])).toEqual([
      ['new', 'indeterminate'],
      ['indeterminate', 'done'],
    ]);
  });

  test('a bypass label counts only when an administrator of the idea project added it', async () => {
    const { fetched } = await read(orgSite());
    const [staffIdea, adminIdea] = ['IDEAS-1', 'IDEAS-2'].map((k) =>
      fetched.facts.ideas.find((f) => f.key === k)!,
    );
    expect(staffIdea!.labelAdders).toEqual([
      expect.objectContaining({ label: 'security', accountId: 'staff' }),
    ]);
    expect(fetched.isApprover('staff', 'IDEAS')).toBe(false);
    expect(adminIdea!.labelAdders?.[0]?.accountId).toBe('ideas-admin');
    expect(fetched.isApprover('ideas-admin', 'IDEAS')).toBe(true);
  });

  test('a name the user wrote that the site does not know is a configuration error naming the choices', async () => {
    const site = orgSite();
    const config = parseConfig({ ...ORG, majorPriorities: ['Critical'] });
    const { client } = clientFor(site);
    const err = await fetchGateFacts(client, gateScope('ITSM', config), config, bounds).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain('majorPriorities: "Critical" does not exist');
    expect((err as ConfigError).message).toContain('"P1"');
    const types = parseConfig({ ...ORG, incidentTypes: ['Incident'] });
    await expect(fetchGateFacts(client, gateScope('ITSM', types), types, bounds)).rejects.toThrow(
      /incidentTypes: "Incident" does not exist in project ITSM/,
    );
  });

  test('a default name the site lacks is skipped; no incident type at all is said, not counted as zero', async () => {
    const site = orgSite();
    const { fetched } = await read(site, { incidentProjects: ['APP'], deliveryProjects: ['APP'] }, 'APP');
    expect(fetched.sources.incidents.types).toEqual([]);
    expect(fetched.queries.incidents).toBeNull();
    expect(fetched.facts.firstIncidentDay).toBeNull();
    expect(fetched.facts.dataWarnings.join('\n')).toMatch(/no incident type .* exists in project APP/);
  });

  test('an unknown project is a not-found naming it, whatever language Jira speaks', async () => {
    const config = parseConfig({ ...ORG, deliveryProjects: ['NOPE'] });
    const { client } = clientFor(orgSite());
    await expect(fetchGateFacts(client, gateScope('ITSM', config), config, bounds)).rejects.toMatchObject({
      kind: 'not-found',
      message: 'project NOPE was not found, or you cannot browse it',
    });
  });

  test('an extra JQL clause Jira rejects is reported, not hidden', async () => {
    const config = parseConfig({ ...ORG, incidentJql: 'bogus = 1' });
    const { client } = clientFor(orgSite());
    const err = await fetchGateFacts(client, gateScope('ITSM', config), config, bounds).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ kind: 'bad-request' });
    // This site speaks German: the app's own words carry the meaning, Jira's text is passed on untouched.
    expect((err as { messages: string[] }).messages[0]).toMatch(/^Das Feld 'bogus' existiert nicht/);
  });

  test('the reader is told what cannot be checked instead of a bypass being approved', async () => {
    const site = orgSite();
    const config = parseConfig(ORG);
    // A reader without the global admin permission cannot check other users' permissions.
    site.users.find((u) => u.accountId === 'staff')!.browse = '*';
    const { client } = clientFor(site, 'staff');
    const fetched = await fetchGateFacts(client, gateScope('ITSM', config), config, bounds);
    expect(fetched.isApprover('ideas-admin', 'IDEAS')).toBe(false);
    expect(fetched.facts.dataWarnings.join('\n')).toContain(
      'could not check who administers the idea projects',
    );
  });
});

describe('status categories for the changelog replay (issue #12: a site lists hundreds of statuses)', () => {
  const STATUS_ONE = 'GET /rest/api/3/status/{idOrName}';
  const STATUS_ALL = 'GET /rest/api/3/status';

  /**
   * APP-2: an open epic whose changelog passes through `names` (created in To Do, due 2026-07-10), its due date set
   * after creation unless `dueMoved` is false (then its status history is never asked for: it cannot matter).
   */
  function epicThrough(site: FakeSite, names: string[], dueMoved = true) {
    const status = (name: string) => site.statuses.find((s) => s.name === name)!;
    const path = ['To Do', ...names];
    const due = changelogEntry(site, at('2026-05-01T08:30:00Z'), by(site, 'reader'), [
      dueDateItem(null, '2026-07-10'),
    ]);
    const moves = path
      .slice(1)
      .map((name, i) =>
        changelogEntry(site, at(`2026-05-${String(i + 2).padStart(2, '0')}T09:00:00Z`), by(site, 'reader'), [
          statusItem(status(path[i]!), status(name)),
        ]),
      );
    return addIssue(site, {
      project: 'APP',
      type: 'Vorhaben',
      summary: 'Through many statuses',
      status: 'To Do',
      created: at('2026-05-01T08:00:00Z'),
      dueDate: '2026-07-10',
      changelog: dueMoved ? [due, ...moves] : moves,
    });
  }

  test('a due date that never moved: its status history is not read (it cannot change the committed date)', async () => {
    const site = orgSite();
    const steps = Array.from({ length: 9 }, (_, i) => `Step ${i + 1}`);
    for (const name of steps) addStatus(site, name, 'indeterminate');
    const still = epicThrough(site, steps, false);
    const { fetched, app } = await read(site);
    // Its nine status changes cost nothing: the changelog reads cost what they cost without it.
    const changelogPoints = (log: typeof app.stats.log) =>
      log
        .filter((l) => l.path.startsWith('/rest/api/3/changelog/bulkfetch'))
        .reduce((n, l) => n + l.points, 0);
    const plain = await read(orgSite());
    expect(changelogPoints(app.stats.log)).toBe(changelogPoints(plain.app.stats.log));
    expect(app.stats.byEndpoint[STATUS_ALL] ?? 0).toBe(0);
    const epic = fetched.facts.deliverables.find((f) => f.key === still.key)!;
    expect(epic.history).toEqual({ dueChanges: [], statusChanges: [] });
    expect(committedDueDate(epic, '2026-06-30', 'UTC')).toBe('2026-07-10');
  });

  test('only statuses no issue read is in are asked for, one by one; the site’s 300 other statuses cost nothing', async () => {
    const plain = await read(orgSite());
    const busy = orgSite();
    for (let i = 0; i < 300; i++) addStatus(busy, `Team status ${i}`, i % 2 ? 'indeterminate' : 'new');
    const { fetched, app } = await read(busy);
    // APP-1's changelog names To Do, In Progress and Done; no issue read is in progress now: that one is asked for.
    expect(app.stats.byEndpoint[STATUS_ALL] ?? 0).toBe(0);
    expect(app.stats.byEndpoint[STATUS_ONE]).toBe(1);
    expect(app.stats.points).toBe(plain.app.stats.points);
    expect(
      fetched.facts.deliverables[0]!.history?.statusChanges.map((c) => [c.fromCategory, c.toCategory]),
    ).toEqual([
      ['new', 'indeterminate'],
      ['indeterminate', 'done'],
    ]);
    // Kept for later replays: what the issues read are in, and what was asked for.
    const inProgress = busy.statuses.find((s) => s.name === 'In Progress')!;
    expect(fetched.statusCategories.get(inProgress.id)).toBe('indeterminate');
    expect(fetched.statusCategories.size).toBeLessThan(10);
  });

  test('more than eight unknown statuses: the site’s list is read once instead', async () => {
    const site = orgSite();
    const steps = Array.from({ length: 9 }, (_, i) => `Step ${i + 1}`);
    for (const name of steps) addStatus(site, name, 'indeterminate');
    epicThrough(site, steps);
    const { fetched, app } = await read(site);
    expect(app.stats.byEndpoint[STATUS_ALL]).toBe(1);
    expect(app.stats.byEndpoint[STATUS_ONE] ?? 0).toBe(0);
    const epic = fetched.facts.deliverables.find((f) => f.key === 'APP-2')!;
    expect(epic.history?.statusChanges.map((c) => [c.fromCategory, c.toCategory])).toEqual([
      ['new', 'indeterminate'],
    ]);
  });

  test('a status Jira no longer has reads as unknown, and the read goes on', async () => {
    const site = orgSite();
    const gone = addStatus(site, 'Retired', 'indeterminate');
    epicThrough(site, ['Retired']);
    site.statuses = site.statuses.filter((s) => s !== gone);
    const { fetched, app } = await read(site);
    expect(app.stats.byEndpoint[STATUS_ONE]).toBe(2); // In Progress (APP-1) and the retired one
    const epic = fetched.facts.deliverables.find((f) => f.key === 'APP-2')!;
    expect(epic.history?.statusChanges.map((c) => [c.fromCategory, c.toCategory])).toEqual([
      ['new', 'unknown'],
    ]);
  });

  test('a status lookup that fails otherwise fails the read (never a guessed category)', async () => {
    const site = orgSite();
    const { client, app } = clientFor(site);
    app.setFaults([{ match: 'GET /rest/api/3/status/', status: 403 }]);
    const config = parseConfig(ORG);
    await expect(fetchGateFacts(client, gateScope('ITSM', config), config, bounds)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect(app.stats.log.some((l) => l.path.startsWith('/rest/api/3/status/') && l.status === 403)).toBe(
      true,
    );
  });
});

describe('a workflow that sets no resolution (SPEC "Resolved (v2)")', () => {
  /** orgSite plus what years of such a workflow leave: epics and P1 incidents Done in 2023, with no resolution. */
  function historySite() {
    const site = orgSite();
    for (let i = 0; i < 40; i++) {
      const created = at('2023-01-02T08:00:00Z') + i * 86_400_000;
      addIssue(site, {
        project: 'APP',
        type: 'Vorhaben',
        summary: `Old epic ${i}`,
        status: 'Done',
        created,
        resolved: null,
        dueDate: '2023-03-01',
        statusCategoryChanged: created + 30 * 86_400_000,
      });
      addIssue(site, {
        project: 'ITSM',
        type: '[System] Incident',
        summary: `Old outage ${i}`,
        status: 'Done',
        priority: 'P1',
        created,
        resolved: null,
        statusCategoryChanged: created + 3_600_000,
      });
    }
    return site;
  }

  test('issues Done before the windows are not read, whatever the due-date basis: not the project’s history', async () => {
    for (const dueDateBasis of ['committed', 'current'] as const) {
      const plain = await read(orgSite(), { ...ORG, dueDateBasis });
      const { fetched, app } = await read(historySite(), { ...ORG, dueDateBasis });
      expect(app.stats.issuesReturned).toBe(plain.app.stats.issuesReturned);
      expect(fetched.facts.deliverables.map((f) => f.key)).toEqual(['APP-1']);
      expect(fetched.facts.incidents.map((f) => f.key)).toEqual(['ITSM-1']);
    }
  });

  test('still read: one Done since the window began, an old major incident still open, one Done with no change date', async () => {
    const site = historySite();
    const recent = addIssue(site, {
      project: 'APP',
      type: 'Vorhaben',
      summary: 'Done in the window',
      status: 'Done',
      created: at('2026-04-01T08:00:00Z'),
      resolved: null,
      dueDate: '2026-06-01',
      statusCategoryChanged: at('2026-05-20T08:00:00Z'),
    });
    const open = addIssue(site, {
      project: 'ITSM',
      type: '[System] Incident',
      summary: 'Open since 2023',
      status: 'In Progress',
      priority: 'P2',
      created: at('2023-05-01T08:00:00Z'),
    });
    const undated = addIssue(site, {
      project: 'APP',
      type: 'Vorhaben',
      summary: 'Done, change date lost',
      status: 'Done',
      created: at('2023-01-02T08:00:00Z'),
      resolved: null,
    });
    undated.fields = { ...undated.fields, statuscategorychangedate: undefined as unknown as string };
    // A major incident Done in 2023 with a resolution but no resolution date: read as unresolved (with a warning).
    const dateless = addIssue(site, {
      project: 'ITSM',
      type: '[System] Incident',
      summary: 'Resolved, date lost',
      status: 'Done',
      priority: 'P1',
      created: at('2023-02-01T08:00:00Z'),
      resolved: at('2023-02-01T09:00:00Z'),
      resolution: 'Erledigt',
      statusCategoryChanged: at('2023-02-01T09:00:00Z'),
    });
    dateless.fields = { ...dateless.fields, resolutiondate: null };
    const { fetched } = await read(site);
    expect(fetched.facts.deliverables.map((f) => f.key).sort()).toEqual(
      ['APP-1', recent.key, undated.key].sort(),
    );
    expect(fetched.facts.incidents.map((f) => f.key).sort()).toEqual(
      ['ITSM-1', open.key, dateless.key].sort(),
    );
  });
});

describe('JQL', () => {
  const q = { projects: ['OPS'], typeIds: ['10004'] };
  test('pre-filters are bounded by dates derived from asOf, with margin, and name ids', () => {
    const jql = incidentJql(q, 90, ['not-an-incident'], ['2'], bounds);
    expect(jql).toContain('project = "OPS" AND issuetype in (10004) AND created <= "2026-07-03"');
    expect(jql).toContain('created >= "2026-03-31"');
    expect(jql).toContain(
      '((resolutiondate is EMPTY AND (resolution is not EMPTY OR statusCategory != Done' +
        ' OR statusCategoryChangedDate >= "2026-03-31" OR statusCategoryChangedDate is EMPTY)) AND priority in (2))',
    );
    expect(jql).toContain('statusCategoryChangedDate >= "2026-03-31"');
    expect(jql).toContain('(labels is EMPTY OR labels not in ("not-an-incident"))');
    expect(deliverableJql(q, 180, 2, bounds, 'current')).toContain('duedate >= "2025-12-28"');
    // The committed due date may differ from today's: today's due date does not narrow the read.
    expect(deliverableJql(q, 180, 2, bounds, 'committed')).not.toContain('duedate');
    expect(deliverableJql({ ...q, projects: ['A', 'B'] }, 180, 0, bounds)).toContain('project in ("A", "B")');
    expect(idList(['1', 'x"y'])).toBe('(1, "x\\"y")');
    expect(quote('Won\'t "Do"')).toBe('"Won\'t \\"Do\\""');
  });
});

test('users are shown by reference (the fake site helper is what the API returns)', () => {
  expect(userRef(user('a')).accountId).toBe('a');
});
