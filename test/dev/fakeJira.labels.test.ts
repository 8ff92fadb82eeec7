/**
 * `GET /rest/api/3/label` in the fake Jira (the settings page's label picker, issue #10): every label used on the
 * site, alphabetical, in `PageBeanString` pages (`startAt`, `maxResults`, `total`, `isLast`, `values`).
 */
import { buildDemoSite, DEMO_USERS } from '../../dev/demo-org/demoSite';
import { startFakeJira, type FakeJira } from '../../dev/fake-jira/fakeJira';
import { call } from './http';

let jira: FakeJira;
beforeEach(async () => {
  jira = await startFakeJira({ site: buildDemoSite({ today: '2026-06-30' }) });
});
afterEach(() => jira.close());

test('lists every label used on the site once, alphabetical, page by page until isLast', async () => {
  const expected = [...new Set(jira.site.issues.flatMap((i) => i.fields.labels))].sort();
  expect(expected.length).toBeGreaterThan(2);
  const seen: string[] = [];
  for (let startAt = 0, pages = 0; pages < 50; pages++) {
    const r = await call(jira, 'GET', `/rest/api/3/label?startAt=${startAt}&maxResults=2`, {
      as: DEMO_USERS.staff,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ startAt, maxResults: 2, total: expected.length });
    seen.push(...r.body.values);
    startAt += r.body.values.length;
    if (r.body.isLast) break;
    expect(r.body.nextPage).toContain(`startAt=${startAt}`);
  }
  expect(seen).toEqual(expected);
});

test('a bad page parameter is a 400', async () => {
  const r = await call(jira, 'GET', '/rest/api/3/label?startAt=x', { as: DEMO_USERS.staff });
  expect(r.status).toBe(400);
});
