import { parseConfig } from '../../src/core/config';
import { JiraClient } from '../../src/jira/client';
import { fetchGateFacts } from '../../src/jira/gateData';
import { deliverableJql, incidentJql, quote } from '../../src/jira/jql';
import { renderPath, type JiraRequest, type JiraTransport } from '../../src/jira/transport';

/** A transport that answers search/jql from a function of the JQL. */
function fakeSearch(answer: (jql: string) => { status: number; body: unknown }, project = 200) {
  const asked: string[] = [];
  const transport: JiraTransport = {
    description: 'fake',
    async send(req: JiraRequest) {
      const path = renderPath(req.path);
      let reply: { status: number; body: unknown };
      if (path.startsWith('/rest/api/3/project/')) reply = { status: project, body: { id: '1', key: 'OPS' } };
      else {
        const jql = new URL(path, 'http://x').searchParams.get('jql') ?? (req.body as { jql: string }).jql;
        asked.push(jql);
        reply = answer(jql);
      }
      return { status: reply.status, header: () => null, text: async () => JSON.stringify(reply.body) };
    },
  };
  return { client: new JiraClient(transport, { sleep: async () => {} }), asked };
}

const bounds = { asOf: '2026-06-30', earliest: '2026-06-30' };
const empty = { status: 200, body: { issues: [], isLast: true } };

describe('gate data', () => {
  test('JQL pre-filters are bounded by dates derived from asOf, with margin', () => {
    const q = { project: 'OPS', types: ['Incident'] };
    expect(incidentJql(q, 90, ['not-an-incident'], ['High'], bounds)).toBe(
      'project = "OPS" AND issuetype in ("Incident") AND created <= "2026-07-03" AND (created >= "2026-03-31" OR ' +
        '(resolutiondate >= "2026-03-31" AND (resolutiondate <= "2026-07-03" OR priority in ("High"))) OR ' +
        '(resolutiondate is EMPTY AND priority in ("High"))) AND (labels is EMPTY OR labels not in ("not-an-incident")) ' +
        'ORDER BY created ASC',
    );
    expect(deliverableJql({ ...q, types: ['Epic'] }, 180, 2, bounds)).toBe(
      'project = "OPS" AND issuetype in ("Epic") AND created <= "2026-07-03" AND (resolutiondate is EMPTY OR ' +
        'resolutiondate >= "2025-12-31") AND (duedate is EMPTY OR (duedate >= "2025-12-28" AND (duedate <= ' +
        '"2026-06-29" OR resolutiondate <= "2026-07-03"))) ORDER BY created ASC',
    );
    expect(
      deliverableJql({ ...q, types: ['Epic'], extraJql: 'component = Web OR labels = x' }, 180, 2, bounds),
    ).toContain('AND (component = Web OR labels = x) AND created <= "2026-07-03"');
    expect(quote('Won\'t "Do"')).toBe('"Won\'t \\"Do\\""');
  });

  test('a type, priority or resolution the site does not know is dropped from the query and reported', async () => {
    const { client, asked } = fakeSearch((jql) => {
      if (jql.includes('"Innovation Idea"')) {
        return {
          status: 400,
          body: { errorMessages: ["The value 'Innovation Idea' does not exist for the field 'issuetype'."] },
        };
      }
      if (jql.includes('"Declined"')) {
        return {
          status: 400,
          body: { errorMessages: ["The value 'Declined' does not exist for the field 'resolution'."] },
        };
      }
      return empty;
    });
    const fetched = await fetchGateFacts(client, 'OPS', parseConfig({}), bounds);
    expect(fetched.queries.ideas).toBeNull();
    expect(fetched.queries.incidents).not.toContain('Declined');
    expect(fetched.queries.incidents).toContain('"Duplicate"');
    expect(fetched.facts.dataWarnings).toContain(
      'no issue type named "Innovation Idea" in Jira: no ideas counted',
    );
    expect(asked.length).toBeGreaterThan(3);
  });

  test('an unknown project is reported as not found', async () => {
    const { client } = fakeSearch(() => ({
      status: 400,
      body: { errorMessages: ["The value 'NOPE' does not exist for the field 'project'."] },
    }));
    await expect(fetchGateFacts(client, 'NOPE', parseConfig({}), bounds)).rejects.toMatchObject({
      kind: 'not-found',
      message: 'project NOPE was not found, or you cannot browse it',
    });
  });

  test('a 404 project with no issues found is not found; a 404 with issues is believed to be a missing endpoint', async () => {
    const none = fakeSearch(() => empty, 404);
    await expect(fetchGateFacts(none.client, 'OPS', parseConfig({}), bounds)).rejects.toMatchObject({
      kind: 'not-found',
    });
    const some = fakeSearch(
      () => ({
        status: 200,
        body: {
          issues: [
            {
              id: '1',
              key: 'OPS-1',
              fields: { issuetype: { name: 'Epic' }, created: '2026-06-01T00:00:00.000+0000' },
            },
          ],
          isLast: true,
        },
      }),
      404,
    );
    await expect(fetchGateFacts(some.client, 'OPS', parseConfig({}), bounds)).resolves.toBeDefined();
  });

  test('other JQL errors are not hidden', async () => {
    const { client } = fakeSearch(() => ({
      status: 400,
      body: { errorMessages: ["Field 'bogus' does not exist or you do not have permission to view it."] },
    }));
    await expect(
      fetchGateFacts(client, 'OPS', parseConfig({ incidentJql: 'bogus = 1' }), bounds),
    ).rejects.toThrow("Field 'bogus' does not exist");
  });
});
