/**
 * The Forge tests' platform adapter: what a test writes through it is what the real `@forge/api` then reads from the
 * fake Jira (issues and projects are live views of the fake site), and its faults reach the app as Jira's answers.
 */
import api, { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { DAY, isoDay, platform } from './fakePlatform';

beforeEach(() => {
  platform.reset();
  platform.jira.addProject('OPS');
  platform.jira.grant('u-viewer', 'OPS', { browse: true });
});

async function asApp(path: ReturnType<typeof route>) {
  const res = await api.asApp().requestJira(path);
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
}

describe('the adapter edits the fake Jira live', () => {
  test('an issue set through the adapter is what Jira answers; a changelog records the edits', async () => {
    const issue = platform.jira.addIssue({ project: 'OPS', type: 'Epic' });
    expect(issue.key).toMatch(/^OPS-\d+$/);
    issue.statusId = '4';
    issue.resolution = "Won't Do";
    issue.duedate = isoDay(Date.now() + 3 * DAY);
    issue.labels = ['x'];
    const read = await asApp(route`/rest/api/3/issue/${issue.key}`);
    expect(read.body.fields).toMatchObject({
      status: { id: '4', statusCategory: { key: 'done' } },
      resolution: { name: "Won't Do" },
      duedate: issue.duedate,
      labels: ['x'],
    });
    const log = await api.asApp().requestJira(route`/rest/api/3/changelog/bulkfetch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ issueIdsOrKeys: [issue.key] }),
    });
    const fields = ((await log.json()).issueChangeLogs[0].changeHistories as { items: { field: string }[] }[])
      .flatMap((h) => h.items.map((i) => i.field))
      .sort();
    expect(fields).toEqual(['duedate', 'labels', 'resolution', 'status']);
  });

  test('a deleted issue is gone; a renamed project answers under its new key with the same id', async () => {
    const issue = platform.jira.addIssue({ project: 'OPS', type: 'Task' });
    const id = platform.jira.projects.get('OPS')!.id;
    platform.jira.renameProject('OPS', 'OPS2');
    expect((await asApp(route`/rest/api/3/project/OPS2`)).body).toMatchObject({ id, key: 'OPS2' });
    expect((await asApp(route`/rest/api/3/issue/${issue.key}`)).body.fields.project.key).toBe('OPS2');
    expect(platform.jira.can('u-viewer', 'OPS2').browse).toBe(true);
    platform.jira.issues.delete(platform.jira.issues.get(issue.key)!.key);
    expect((await asApp(route`/rest/api/3/issue/${issue.key}`)).status).toBe(404);
  });

  test('every request is recorded with its account; failAll answers as Jira for the app only', async () => {
    platform.jira.failAll(503, 'app');
    expect((await asApp(route`/rest/api/3/project/OPS`)).status).toBe(503);
    platform.currentAccount = 'u-viewer';
    const res = await api.asUser().requestJira(route`/rest/api/3/project/OPS`);
    expect(res.status).toBe(200);
    expect(platform.jira.calls.map((c) => `${c.as} ${c.method} ${c.path}`)).toEqual([
      'app GET /rest/api/3/project/OPS',
      'u-viewer GET /rest/api/3/project/OPS',
    ]);
  });

  test('an account granted nothing is a Jira user who sees nothing', async () => {
    platform.currentAccount = 'u-outsider';
    const res = await api.asUser().requestJira(route`/rest/api/3/project/OPS`);
    expect(res.status).toBe(404);
  });

  test('storage written behind the app is what @forge/kvs reads; KVS faults reach it as errors', async () => {
    platform.kvs.store.set('gate:1', { value: { a: 1 } });
    expect(await kvs.get('gate:1')).toEqual({ a: 1 });
    expect(platform.kvs.ops.get).toBe(1);
    platform.kvs.failures.push({ op: 'get', error: new Error('KVS is down') });
    await expect(kvs.get('gate:1')).rejects.toThrow();
  });
});
