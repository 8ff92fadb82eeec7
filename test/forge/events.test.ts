import { onIssueEvent, onRecompute, onSchedule, scheduledSlice } from '../../src/forge/events';
import { VIOLATION_LABEL } from '../../src/forge/gate';
import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache } from '../../src/forge/projects';
import { DEBOUNCE_SECONDS, RECOMPUTE_QUEUE } from '../../src/forge/queue';
import { STORAGE_KEYS, type GateDoc, type HistoryDoc } from '../../src/forge/storage';
import { platform, STATUSES, type FakeIssue } from './fakePlatform';
import { invoke, makeDeliveryMet, projectPage, seedProject, standardGrants } from './harness';
import { enrol, idOf } from './harness';

beforeEach(() => {
  platform.reset();
  clearPermissionCache();
  clearProjectCache();
});

/** The issue event Jira sends, shaped as the Forge events reference describes it. */
function issueEvent(eventType: string, issue: FakeIssue, change?: { from: string; to: string }) {
  const project = platform.jira.projects.get(issue.project)!;
  const status = STATUSES[issue.statusId]!;
  return {
    eventType,
    atlassianId: 'u-someone',
    issue: {
      id: issue.id,
      key: issue.key,
      fields: {
        summary: issue.summary,
        issueType: { id: '1', name: issue.type },
        project: {
          id: project.id,
          key: project.key,
          simplified: project.simplified,
          projectTypeKey: 'software',
        },
        status: { id: issue.statusId, name: status.name, statusCategory: { key: status.category } },
      },
    },
    ...(change
      ? {
          changelog: {
            items: [
              {
                field: 'status',
                fieldId: 'status',
                from: change.from,
                to: change.to,
                fromString: 'x',
                toString: 'y',
              },
            ],
          },
        }
      : {}),
  };
}

async function configure(key: string) {
  await enrol(key); // an admin's act (settings save, setup): opening a page does not enrol a project
  await invoke('getGate', {}, { account: 'u-viewer', ...projectPage(key) });
}

const consume = (project: string, reason = 'issue-event') => onRecompute({ body: { project, reason } });

describe('scheduled recompute', () => {
  test('queues one event per configured project, spread over the hour, one at a time per project', async () => {
    for (const key of ['AAA', 'BBB', 'CCC']) {
      seedProject(platform.jira, key, { onTime: 1 });
      standardGrants(platform.jira, key);
      await configure(key);
    }
    platform.pushed = [];
    expect(await onSchedule()).toEqual({ queued: 3 });
    expect(platform.pushed.map((p) => p.body)).toEqual([
      { project: 'AAA', reason: 'scheduled' },
      { project: 'BBB', reason: 'scheduled' },
      { project: 'CCC', reason: 'scheduled' },
    ]);
    for (const p of platform.pushed) {
      expect(p.queue).toBe(RECOMPUTE_QUEUE);
      expect(p.delayInSeconds).toBeGreaterThanOrEqual(0);
      expect(p.delayInSeconds).toBeLessThanOrEqual(900);
      expect(p.concurrency).toEqual({ key: `gate-${p.body.project}`, limit: 1 });
    }
    expect(new Set(platform.pushed.map((p) => p.delayInSeconds)).size).toBe(3);
  });

  test('past 450 projects, each hourly run takes one interleaved slice', () => {
    const projects = Array.from({ length: 1000 }, (_, i) => `P${i}`);
    const slices = [0, 1, 2].map((hour) => scheduledSlice(projects, hour));
    expect(slices.map((s) => s.length)).toEqual([334, 333, 333]);
    expect(new Set(slices.flat()).size).toBe(1000);
    expect(scheduledSlice(projects.slice(0, 450), 7)).toHaveLength(450);
  });

  test('pushes at most 50 events at a time', async () => {
    for (let i = 0; i < 120; i++)
      platform.kvs.store.set(STORAGE_KEYS.project(`P${i}`), { value: { project: `P${i}` } });
    expect(await onSchedule()).toEqual({ queued: 120 });
    expect(platform.pushed).toHaveLength(120);
  });
});

describe('consumer', () => {
  beforeEach(() => {
    seedProject(platform.jira, 'OPS', { onTime: 2, ideas: 1 });
    standardGrants(platform.jira);
  });

  test('computes as the app and stores the snapshot and a daily history entry', async () => {
    await configure('OPS');
    const result = await consume('OPS', 'retry');
    expect(result.outcome).toMatch(/^stored/);
    const history = platform.kvs.value<HistoryDoc>(STORAGE_KEYS.history(idOf('OPS')))!;
    expect(history.days).toHaveLength(1);
    expect(history.days[0]).toMatchObject({ phase: 2, unlocked: false, decided: 2, lockedIdeas: 1 });
  });

  test('the schedule recomputes only when the figures can have moved without an event; a new day reads no Jira', async () => {
    await configure('OPS');
    const calls = platform.jira.calls.length;
    expect((await consume('OPS', 'scheduled')).outcome).toMatch(/^skipped: the snapshot is current/);
    expect(platform.jira.calls).toHaveLength(calls);
    // A new day: the windows move over the stored facts (read a week ahead), without a single Jira request.
    const doc = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('OPS')))!;
    doc.snapshot!.report.asOf = '2020-01-01';
    platform.kvs.store.set(STORAGE_KEYS.gate(idOf('OPS')), { value: doc });
    expect((await consume('OPS', 'scheduled')).outcome).toBe('stored (from the stored facts)');
    expect(platform.jira.calls).toHaveLength(calls);
  });

  test('a failure keeps the last good snapshot and records the error', async () => {
    await configure('OPS');
    const good = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('OPS')))!.snapshot;
    platform.jira.failAll(401, 'app');
    const result = await consume('OPS', 'retry');
    expect(result.outcome).toMatch(/^failed: Jira did not accept the Phase Gate app \(401\)/);
    const doc = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('OPS')))!;
    expect(doc.snapshot).toEqual(good);
    expect(doc.lastError?.message).toMatch(/401/);
  });

  test('skips the computation another run is storing right now', async () => {
    await configure('OPS');
    const before = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(idOf('OPS')));
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      platform.kvs.emulator.seedEntity('lease', idOf('OPS'), {
        owner: 'other',
        generation: 1,
        expiresAt: Date.now() + 60_000,
      });
      const pending = consume('OPS', 'retry');
      await jest.advanceTimersByTimeAsync(10_000); // the writer waits up to 8 s for the lease
      const result = await pending;
      expect(result.outcome).toMatch(/^skipped: another computation of OPS is being stored/);
      expect(platform.kvs.value(STORAGE_KEYS.gate(idOf('OPS')))).toEqual(before);
    } finally {
      jest.useRealTimers();
    }
  });

  test('a settings or issue-event recompute that finds storage busy is queued again, not lost', async () => {
    // The writer holding the lease may be storing a computation that began before the settings were saved or the
    // issue changed; dropping this run would leave the gate on old figures until the next day's full read.
    await configure('OPS');
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      for (const reason of ['settings', 'issue-event'] as const) {
        platform.pushed = [];
        platform.kvs.emulator.seedEntity('lease', idOf('OPS'), {
          owner: 'other',
          generation: 1,
          expiresAt: Date.now() + 60_000,
        });
        const pending = consume('OPS', reason);
        await jest.advanceTimersByTimeAsync(10_000);
        expect((await pending).outcome).toMatch(/^skipped: another computation of OPS is being stored/);
        expect(platform.pushed).toEqual([
          expect.objectContaining({
            body: { project: 'OPS', reason },
            delayInSeconds: expect.any(Number),
          }),
        ]);
        // After the crashed holder's lease has expired.
        expect(platform.pushed[0]!.delayInSeconds).toBeGreaterThanOrEqual(60);
        platform.kvs.emulator.seedEntity('lease', idOf('OPS'), { owner: '', generation: 1, expiresAt: 0 });
        platform.kvs.store.delete(STORAGE_KEYS.pending('OPS'));
      }
    } finally {
      jest.useRealTimers();
    }
  });

  test('ignores projects that are not configured and events that are not ours', async () => {
    expect((await consume('OPS', 'scheduled')).outcome).toMatch(/not configured/);
    expect((await onRecompute({ body: { project: 'ops' } })).outcome).toMatch(/not a recompute event/);
    expect(platform.jira.calls).toHaveLength(0);
  });
});

describe('issue events', () => {
  beforeEach(() => {
    seedProject(platform.jira, 'OPS', { onTime: 2, ideas: 1 });
    standardGrants(platform.jira);
  });

  test('a burst of events on counted issue types queues one recompute', async () => {
    await configure('OPS');
    platform.pushed = [];
    const epic = platform.jira.addIssue({ project: 'OPS', type: 'Epic' });
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await onIssueEvent(issueEvent('avi:jira:updated:issue', epic)));
    expect(outcomes.map((o) => o.recompute)).toEqual([
      'queued',
      'already-queued',
      'already-queued',
      'already-queued',
      'already-queued',
    ]);
    expect(platform.pushed).toEqual([
      {
        queue: RECOMPUTE_QUEUE,
        body: { project: 'OPS', reason: 'issue-event' },
        delayInSeconds: DEBOUNCE_SECONDS,
        concurrency: { key: 'gate-OPS', limit: 1 },
      },
    ]);
    // Once the queued recompute starts, the next event queues another.
    await consume('OPS');
    expect((await onIssueEvent(issueEvent('avi:jira:created:issue', epic))).recompute).toBe('queued');
    expect((await onIssueEvent(issueEvent('avi:jira:deleted:issue', epic))).recompute).toBe('already-queued');
    expect(platform.pushed).toHaveLength(2);
  });

  test('other issue types and unconfigured projects queue nothing', async () => {
    await configure('OPS');
    platform.pushed = [];
    const task = platform.jira.addIssue({ project: 'OPS', type: 'Task' });
    expect((await onIssueEvent(issueEvent('avi:jira:updated:issue', task))).recompute).toBe('not-relevant');
    platform.jira.addProject('NEW');
    const other = platform.jira.addIssue({ project: 'NEW', type: 'Epic' });
    expect((await onIssueEvent(issueEvent('avi:jira:updated:issue', other))).recompute).toBe(
      'not-configured',
    );
    expect((await onIssueEvent({ eventType: 'avi:jira:updated:issue' })).recompute).toBe('not-relevant');
    expect(platform.pushed).toEqual([]);
  });
});

describe('issue events on a translated site', () => {
  test('a deliverable type named otherwise ("Vorhaben") counts: by the name or id the gate resolved, or by its level', async () => {
    seedProject(platform.jira, 'OPS', { onTime: 2 });
    standardGrants(platform.jira);
    // The site's level-1 type is called "Vorhaben" (German for Epic); the configuration names no deliverable type.
    const level1 = platform.jira.site.issueTypes.find((t) => t.name === 'Epic')!;
    level1.name = 'Vorhaben';
    await configure('OPS');
    const epic = platform.jira.addIssue({ project: 'OPS', type: 'Vorhaben' });
    const shaped = (issueType: Record<string, unknown>, issuetype?: Record<string, unknown>) => {
      const e = issueEvent('avi:jira:updated:issue', epic);
      const fields: Record<string, unknown> = { ...e.issue.fields, issueType };
      if (issuetype) fields.issuetype = issuetype;
      return { ...e, issue: { ...e.issue, fields } };
    };
    // Only a name, as the resolved sources call it.
    expect((await onIssueEvent(shaped({ name: 'Vorhaben' }))).homes).toEqual(['OPS']);
    await consume('OPS');
    // A stale or missing id in one spelling, the right id in the other.
    expect((await onIssueEvent(shaped({ id: '999', name: 'x' }, { id: level1.id }))).homes).toEqual(['OPS']);
    await consume('OPS');
    // A type the gate does not know by id or name, at hierarchy level 1 (every level-1 type is a deliverable).
    expect((await onIssueEvent(shaped({ id: '998', name: 'Initiative', hierarchyLevel: 1 }))).homes).toEqual([
      'OPS',
    ]);
    await consume('OPS');
    // Still not counted: a task, by id and name.
    const task = platform.jira.site.issueTypes.find((t) => t.name === 'Task')!;
    // … unless it was a "Vorhaben" a moment ago: retyped away, it leaves the gate's deliverables.
    const retyped = {
      ...shaped({ id: task.id, name: 'Task', hierarchyLevel: 0 }),
      changelog: {
        items: [
          {
            field: 'issuetype',
            fieldId: 'issuetype',
            from: level1.id,
            fromString: 'Vorhaben',
            to: task.id,
            toString: 'Task',
          },
        ],
      },
    };
    expect((await onIssueEvent(retyped)).homes).toEqual(['OPS']);
    await consume('OPS');
    expect((await onIssueEvent(shaped({ id: task.id, name: 'Task', hierarchyLevel: 0 }))).recompute).toBe(
      'not-relevant',
    );
  });
});

describe('unlock notices', () => {
  test('when innovation unlocks, each waiting locked idea gets one comment — never twice — and a relock is recorded', async () => {
    const { ideas } = seedProject(platform.jira, 'OPS', { onTime: 2, ideas: 2 });
    standardGrants(platform.jira);
    const bypassed = platform.jira.addIssue({
      project: 'OPS',
      type: 'Innovation Idea',
      labels: ['security'],
      creator: 'u-admin', // a project admin: the bypass counts (SPEC v2)
    });
    const started = platform.jira.addIssue({ project: 'OPS', type: 'Innovation Idea', statusId: '3' });
    await configure('OPS'); // locked

    // Changes with no event (missed): the retry's sweep (`updated >= …`) finds them.
    makeDeliveryMet(platform.jira, 'OPS');
    expect((await consume('OPS', 'retry')).outcome).toMatch(/innovation unlocked, 2 ideas told/);
    const told = platform.jira.comments.filter((c) => /Innovation is unlocked for OPS/.test(c.text));
    expect(told.map((c) => c.issue).sort()).toEqual(ideas.map((i) => i.key).sort());
    expect(told.every((c) => c.as === 'app')).toBe(true);
    expect(told.map((c) => c.issue)).not.toContain(bypassed.key);
    expect(told.map((c) => c.issue)).not.toContain(started.key);

    // Still unlocked: nothing more is said.
    await consume('OPS');
    expect(platform.jira.comments).toHaveLength(2);

    // Relock: recorded in the history. (A deletion is known from its event: no search finds a deleted issue.)
    for (const issue of [...platform.jira.issues.values()].filter((i) => i.type === 'Epic').slice(0, 6)) {
      platform.jira.issues.delete(issue.key);
      await onIssueEvent(issueEvent('avi:jira:deleted:issue', issue));
    }
    expect((await consume('OPS')).outcome).toMatch(/innovation relocked/);
    const history = platform.kvs.value<HistoryDoc>(STORAGE_KEYS.history(idOf('OPS')))!;
    expect(history.days.at(-1)!.changes!.map((c) => c.change)).toEqual(['unlocked', 'relocked']);
    expect(history.days.at(-1)!.unlocked).toBe(false);

    // Unlocked again: the same ideas are not told twice.
    makeDeliveryMet(platform.jira, 'OPS');
    expect((await consume('OPS', 'retry')).outcome).toMatch(/innovation unlocked/);
    expect(platform.jira.comments).toHaveLength(2);
  });

  test('a comment Jira refuses is tried again on the next run, never doubled', async () => {
    const { ideas } = seedProject(platform.jira, 'OPS', { onTime: 2, ideas: 1 });
    standardGrants(platform.jira);
    await configure('OPS');
    makeDeliveryMet(platform.jira, 'OPS');
    platform.jira.override(
      (c) => c.method === 'POST' && c.path.endsWith('/comment'),
      () => ({ status: 429, body: { errorMessages: ['slow down'] } }),
      1,
    );
    // A POST is never repeated by the client: the refused comment is given back and left for the next run.
    await consume('OPS', 'retry');
    expect(platform.jira.comments).toHaveLength(0);
    await consume('OPS', 'notices');
    expect(platform.jira.comments.map((c) => c.issue)).toEqual([ideas[0]!.key]);
    await consume('OPS', 'notices');
    expect(platform.jira.comments).toHaveLength(1);
  });
});

describe('violation flag (team-managed projects)', () => {
  let idea: FakeIssue;

  beforeEach(async () => {
    idea = seedProject(platform.jira, 'TEAM', { onTime: 2, ideas: 1, simplified: true }).ideas[0]!;
    standardGrants(platform.jira, 'TEAM');
    await configure('TEAM'); // locked
  });

  function move(issue: FakeIssue, to: string) {
    const from = issue.statusId;
    issue.statusId = to;
    return onIssueEvent(issueEvent('avi:jira:updated:issue', issue, { from, to }));
  }

  test('an idea moved out of To Do while locked gets one comment and the label, never twice', async () => {
    expect((await move(idea, '3')).violation).toBe('flagged');
    expect(idea.labels).toContain(VIOLATION_LABEL);
    expect(platform.jira.comments).toEqual([
      {
        issue: idea.key,
        as: 'app',
        text: expect.stringMatching(/left To Do while innovation is locked for TEAM/),
      },
    ]);
    expect(platform.jira.comments[0]!.text).toMatch(/needs at least 5/);

    // Moved back and out again, and another update: still one comment.
    await move(idea, '1');
    expect((await move(idea, '3')).violation).toBe('already-flagged');
    idea.labels = []; // someone removed the label: the stored claim still says it was flagged
    await move(idea, '1');
    expect((await move(idea, '3')).violation).toBe('already-flagged');
    expect(platform.jira.comments).toHaveLength(1);
  });

  test('no flag for moves within To Do, for bypass labels, or once innovation is unlocked', async () => {
    expect((await move(idea, '2')).violation).toBe('none');
    const bypassed = platform.jira.addIssue({
      project: 'TEAM',
      type: 'Innovation Idea',
      labels: ['reliability'],
      creator: 'u-admin', // a project admin: the bypass counts (SPEC v2)
    });
    expect((await move(bypassed, '3')).violation).toBe('none');

    makeDeliveryMet(platform.jira, 'TEAM'); // added behind the app's back (no events): a full read sees them
    await consume('TEAM', 'settings');
    const fresh = platform.jira.addIssue({ project: 'TEAM', type: 'Innovation Idea' });
    expect((await move(fresh, '3')).violation).toBe('none');
    expect(platform.jira.comments.filter((c) => /left To Do/.test(c.text))).toEqual([]);
  });

  test('an update that is not a status change flags nothing', async () => {
    idea.statusId = '3';
    expect((await onIssueEvent(issueEvent('avi:jira:updated:issue', idea))).violation).toBe('none');
    expect(platform.jira.comments).toEqual([]);
  });
});
