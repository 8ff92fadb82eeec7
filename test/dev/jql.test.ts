import {
  compileJql,
  jqlStructure,
  parseJql,
  searchJql,
  UNBOUNDED_MESSAGE,
  type JqlOptions,
} from '../../dev/fake-jira/jql';
import { parseDateValue, evalDateFunction } from '../../dev/fake-jira/jql/dates';
import type { FakeSite } from '../../dev/fake-jira/site';
import { tinySite } from './fixture';

let site: FakeSite;
beforeEach(() => {
  site = tinySite();
});

/** The keys a query returns, in order. */
function keys(jql: string, options: JqlOptions = {}, on: FakeSite = site): string[] {
  const r = searchJql(on, jql, options);
  if (!r.ok) throw new Error(r.error.errorMessages.join('; '));
  return r.issues.map((i) => i.key);
}

/** The same, sorted, for set comparisons. */
const set = (jql: string, options?: JqlOptions, on?: FakeSite) => keys(jql, options, on).sort();

function error(jql: string, options: JqlOptions = {}): string {
  const r = searchJql(site, jql, options);
  if (r.ok) throw new Error(`expected an error for ${jql}`);
  return r.error.errorMessages.join('; ');
}

describe('operators', () => {
  test('= and != on names, ids and keys, case-insensitive', () => {
    expect(set('project = abc')).toEqual(['ABC-1', 'ABC-2', 'ABC-3', 'ABC-4']);
    expect(set('project = "Xylophone"')).toEqual(['XYZ-1']);
    expect(set('PROJECT = ABC and IssueType = incident')).toEqual(['ABC-1', 'ABC-2']);
    expect(set('type = Epic')).toEqual(['ABC-3']);
    expect(set('project = ABC AND issuetype != Incident')).toEqual(['ABC-3', 'ABC-4']);
    expect(set('status = "In Progress"')).toEqual(['XYZ-1']);
    expect(set("status = 'Resolved' OR key = XYZ-1")).toEqual(['ABC-1', 'XYZ-1']);
    expect(set('issuekey = abc-2')).toEqual(['ABC-2']);
    expect(set(`id = ${site.byKey.get('ABC-3')!.id}`)).toEqual(['ABC-3']);
  });

  test('in and not in', () => {
    expect(set('issuetype in (Incident, Epic)')).toEqual(['ABC-1', 'ABC-2', 'ABC-3']);
    expect(set('project = ABC AND issuetype not in (Incident, Epic)')).toEqual(['ABC-4']);
    expect(set('key in (ABC-1, XYZ-1)')).toEqual(['ABC-1', 'XYZ-1']);
    expect(set('priority in (High, Highest)')).toEqual(['ABC-1', 'XYZ-1']);
  });

  test('ordering operators on priority, keys and dates', () => {
    expect(set('priority > Medium')).toEqual(['ABC-1', 'XYZ-1']);
    expect(set('priority <= Medium')).toEqual(['ABC-3', 'ABC-4']);
    expect(set('key > ABC-2')).toEqual(['ABC-3', 'ABC-4']);
    expect(set('key <= ABC-2')).toEqual(['ABC-1', 'ABC-2']);
    expect(set('created >= "2026-05-03"')).toEqual(['ABC-2', 'ABC-4']);
    expect(set('created > "2026-05-01 10:00"')).toEqual(['ABC-2', 'ABC-4', 'XYZ-1']);
    expect(set('created < 2026/05/01')).toEqual(['ABC-3']);
  });

  test('is EMPTY and is not EMPTY (NULL too)', () => {
    expect(set('priority is EMPTY')).toEqual(['ABC-2']);
    expect(set('project = ABC AND labels IS NULL')).toEqual(['ABC-2']);
    expect(set('duedate is not empty')).toEqual(['ABC-3', 'XYZ-1']);
    expect(set('resolution is EMPTY')).toEqual(['ABC-2', 'XYZ-1']);
    expect(set('assignee is not EMPTY')).toEqual(['ABC-2']);
  });

  test('~ and !~ are case-insensitive contains on summary and text', () => {
    expect(set('summary ~ "GATEWAY"')).toEqual(['ABC-1']);
    expect(set('text ~ vpn')).toEqual(['ABC-2']);
    expect(set('project = ABC AND summary !~ "gateway"')).toEqual(['ABC-2', 'ABC-3', 'ABC-4']);
    expect(set('summary ~ "patch*"')).toEqual(['XYZ-1']);
  });

  test('labels and components are multi-valued', () => {
    expect(set('labels = network')).toEqual(['ABC-1', 'XYZ-1']);
    expect(set('labels = q2')).toEqual(['ABC-3']);
    expect(set('labels in (roadmap, network)')).toEqual(['ABC-1', 'ABC-3', 'XYZ-1']);
    expect(set('component = Web')).toEqual(['XYZ-1']);
    expect(set('components in (Core, Web)')).toEqual(['ABC-1', 'XYZ-1']);
    expect(set('statusCategory = Done')).toEqual(['ABC-1', 'ABC-3', 'ABC-4']);
    expect(set('statusCategory in ("In Progress", new)')).toEqual(['ABC-2', 'XYZ-1']);
    expect(set('reporter = u-all')).toEqual(['ABC-1']);
    expect(set('assignee = currentUser()', { user: site.users[1] })).toEqual(['ABC-2']);
  });

  test('AND binds tighter than OR; parentheses and NOT', () => {
    expect(set('project = XYZ OR project = ABC AND priority = High')).toEqual(['ABC-1', 'XYZ-1']);
    expect(set('(project = XYZ OR project = ABC) AND priority = High')).toEqual(['ABC-1']);
    expect(set('project = ABC AND NOT issuetype = Incident')).toEqual(['ABC-3', 'ABC-4']);
    expect(set('project = ABC && !(priority = High || priority = Low)')).toEqual(['ABC-2', 'ABC-3']);
  });
});

describe('Jira semantics for empty fields', () => {
  test('!= and not in never match an empty field', () => {
    expect(set('project = ABC AND labels != network')).toEqual(['ABC-3', 'ABC-4']);
    expect(set('project = ABC AND labels not in (network, roadmap)')).toEqual(['ABC-4']);
    expect(set('project = ABC AND priority != High')).toEqual(['ABC-3', 'ABC-4']);
    expect(set('resolution != Duplicate')).toEqual(['ABC-1', 'ABC-3']);
  });

  test('NOT is plain negation, so it does match empty fields', () => {
    expect(set('project = ABC AND NOT labels = network')).toEqual(['ABC-2', 'ABC-3', 'ABC-4']);
  });

  test('resolution = Unresolved and EMPTY inside a list', () => {
    expect(set('resolution = Unresolved')).toEqual(['ABC-2', 'XYZ-1']);
    expect(set('resolution != unresolved')).toEqual(['ABC-1', 'ABC-3', 'ABC-4']);
    expect(set('resolution in (Unresolved, Duplicate)')).toEqual(['ABC-2', 'ABC-4', 'XYZ-1']);
    expect(set('project = ABC AND labels in (EMPTY, roadmap)')).toEqual(['ABC-2', 'ABC-3']);
  });
});

describe('dates in the site time zone', () => {
  test('a date literal is the start of that day in the zone', () => {
    // ABC-2 was raised at 23:30 UTC on 3 May, which is 05:00 on 4 May in India.
    expect(set('project = ABC AND created < "2026-05-04"')).toContain('ABC-2');
    expect(set('project = ABC AND created < "2026-05-04"', { timeZone: 'Asia/Kolkata' })).not.toContain(
      'ABC-2',
    );
    const kolkata = tinySite('Asia/Kolkata');
    expect(set('created >= "2026-05-04" AND created < "2026-05-05"', {}, kolkata)).toEqual(['ABC-2']);
    expect(set('created >= "2026-05-04" AND created < "2026-05-05"')).toEqual([]);
  });

  test('datetime fields compare instants; duedate compares calendar dates', () => {
    // ABC-3 was resolved at 01:00 UTC on 16 May, the evening of 15 May in New York.
    expect(set('resolved >= "2026-05-16"')).toEqual(['ABC-3']);
    expect(set('resolved >= "2026-05-16"', { timeZone: 'America/New_York' })).toEqual([]);
    expect(set('duedate = "2026-05-15"')).toEqual(['ABC-3']);
    expect(set('due <= "2026/05/15 23:59"')).toEqual(['ABC-3']);
    expect(set('duedate > 2026-05-15')).toEqual(['XYZ-1']);
    expect(set('duedate in ("2026-05-15", "2026-06-01")')).toEqual(['ABC-3', 'XYZ-1']);
  });

  test('relative periods and functions count from the site clock (2026-05-20 12:00 UTC)', () => {
    expect(set('created >= -10d')).toEqual([]);
    expect(set('created >= -11d')).toEqual(['ABC-4']);
    expect(set('created >= -3w')).toEqual(['ABC-1', 'ABC-2', 'ABC-4', 'XYZ-1']);
    expect(set('createdDate >= "-2w 5d"')).toEqual(['ABC-2', 'ABC-4', 'XYZ-1']);
    expect(set('updated >= startOfMonth() AND updated < startOfDay(-9)')).toEqual([
      'ABC-1',
      'ABC-2',
      'XYZ-1',
    ]);
    expect(set('duedate < endOfMonth()')).toEqual(['ABC-3']);
    expect(set('duedate <= now()')).toEqual(['ABC-3']);
  });

  test('date values', () => {
    const ctx = { now: Date.parse('2026-05-20T12:00:00Z'), timeZone: 'Asia/Kolkata' };
    expect(parseDateValue('2026-05-01', ctx)).toEqual({
      instant: Date.parse('2026-04-30T18:30:00Z'),
      date: '2026-05-01',
    });
    expect(parseDateValue('2026/5/1 06:15', ctx)).toEqual({
      instant: Date.parse('2026-05-01T00:45:00Z'),
      date: '2026-05-01',
    });
    expect(parseDateValue('-1d', ctx)!.instant).toBe(Date.parse('2026-05-19T12:00:00Z'));
    expect(parseDateValue('2026-02-30', ctx)).toBeNull();
    expect(parseDateValue('yesterday', ctx)).toBeNull();
    expect(evalDateFunction('startOfDay', [], ctx)!.instant).toBe(Date.parse('2026-05-19T18:30:00Z'));
    expect(evalDateFunction('startOfWeek', [], { ...ctx, timeZone: 'UTC' })!.date).toBe('2026-05-18');
    expect(evalDateFunction('startOfMonth', ['-1'], { ...ctx, timeZone: 'UTC' })!.date).toBe('2026-04-01');
  });
});

describe('ORDER BY', () => {
  test('without ORDER BY results come as key DESC', () => {
    expect(keys('project = ABC')).toEqual(['ABC-4', 'ABC-3', 'ABC-2', 'ABC-1']);
  });

  test('fields, directions and empty values last ascending', () => {
    expect(keys('project in (ABC, XYZ) ORDER BY created ASC')).toEqual([
      'ABC-3',
      'ABC-1',
      'XYZ-1',
      'ABC-2',
      'ABC-4',
    ]);
    expect(keys('project in (ABC, XYZ) order by priority desc, key asc')).toEqual([
      'ABC-2',
      'XYZ-1',
      'ABC-1',
      'ABC-3',
      'ABC-4',
    ]);
    expect(keys('project in (ABC, XYZ) order by priority asc')).toEqual([
      'ABC-4',
      'ABC-3',
      'ABC-1',
      'XYZ-1',
      'ABC-2',
    ]);
    expect(keys('project in (ABC, XYZ) ORDER BY duedate')).toEqual([
      'ABC-3',
      'XYZ-1',
      'ABC-4',
      'ABC-2',
      'ABC-1',
    ]);
    expect(keys('project in (ABC, XYZ) ORDER BY duedate DESC, key')).toEqual([
      'ABC-1',
      'ABC-2',
      'ABC-4',
      'XYZ-1',
      'ABC-3',
    ]);
    expect(keys('project = ABC ORDER BY Rank')).toEqual(['ABC-1', 'ABC-2', 'ABC-3', 'ABC-4']);
  });
});

describe('permissions', () => {
  test('results and project values are limited to what the user can browse', () => {
    const abcOnly = site.users[1]!;
    expect(set('labels = network', { user: abcOnly })).toEqual(['ABC-1']);
    expect(error('project = XYZ', { user: abcOnly })).toBe(
      "The value 'XYZ' does not exist for the field 'project'.",
    );
    expect(error('key = XYZ-1', { user: abcOnly })).toBe(
      "An issue with key 'XYZ-1' does not exist for field 'key'.",
    );
  });
});

describe('errors, worded like Jira', () => {
  test('syntax errors name the position', () => {
    expect(error('project = ')).toBe(
      "Error in the JQL Query: Expecting either a value, list or function but got 'EOF'. (line 1, character 11)",
    );
    expect(error('project ABC')).toMatch(
      /^Error in the JQL Query: Expecting operator but got 'ABC'\. The valid operators are/,
    );
    expect(error('project = ABC foo = 1')).toBe(
      "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'foo'. (line 1, character 15)",
    );
    expect(error('summary ~ "unclosed')).toBe(
      "Error in the JQL Query: The quoted string 'unclosed' has not been completed. (line 1, character 11)",
    );
    expect(error('(project = ABC')).toMatch(/^Error in the JQL Query: Expecting '\)' but got 'EOF'\./);
    expect(error('project in ABC')).toMatch(/Expecting '\(' but got 'ABC'/);
    expect(error('status was Open')).toMatch(
      /^Error in the JQL Query: The history operator 'WAS' is not supported/,
    );
  });

  test('unknown fields, values, functions and operators', () => {
    expect(error('bogus = 1')).toBe("Field 'bogus' does not exist or you do not have permission to view it.");
    expect(error('issuetype = Foo')).toBe("The value 'Foo' does not exist for the field 'issuetype'.");
    expect(error('type in (Epic, "Foo Bar")')).toBe(
      "The value 'Foo Bar' does not exist for the field 'type'.",
    );
    expect(error('priority = Urgent')).toBe("The value 'Urgent' does not exist for the field 'priority'.");
    expect(error('status = Limbo')).toBe("The value 'Limbo' does not exist for the field 'status'.");
    expect(error('resolution = Fixed')).toBe("The value 'Fixed' does not exist for the field 'resolution'.");
    expect(error('component = Nope')).toBe("The value 'Nope' does not exist for the field 'component'.");
    expect(error('priority ~ High')).toBe("The operator '~' is not supported by the 'priority' field.");
    expect(error('summary = x')).toBe("The operator '=' is not supported by the 'summary' field.");
    expect(error('created > "last tuesday"')).toMatch(
      /^Date value 'last tuesday' for field 'created' is invalid\. Valid formats include/,
    );
    expect(error('created > soon()')).toBe("Unable to find JQL function 'soon()'.");
    expect(error('project = ABC ORDER BY bogus')).toBe(
      "Field 'bogus' does not exist or you do not have permission to view it.",
    );
  });

  test('every bad value is reported at once, in query order', () => {
    expect(error('issuetype in (Incident, Foo) AND priority = Urgent ORDER BY bogus')).toBe(
      "The value 'Foo' does not exist for the field 'issuetype'.; " +
        "The value 'Urgent' does not exist for the field 'priority'.; " +
        "Field 'bogus' does not exist or you do not have permission to view it.",
    );
  });

  test('labels need not exist: an unknown label just matches nothing', () => {
    expect(set('labels = no-such-label')).toEqual([]);
  });

  test('an unbounded query is refused for search but parses', () => {
    expect(error('ORDER BY created DESC')).toBe(UNBOUNDED_MESSAGE);
    expect(error('')).toBe(UNBOUNDED_MESSAGE);
    expect(compileJql(site, 'order by key', { requireBound: false }).ok).toBe(true);
  });

  test('errors come back as values with Jira 400 bodies', () => {
    const r = searchJql(site, 'issuetype = Foo');
    expect(r).toEqual({
      ok: false,
      error: {
        errorMessages: ["The value 'Foo' does not exist for the field 'issuetype'."],
        warningMessages: [],
      },
    });
  });
});

describe('structure for the parse endpoint', () => {
  test('clauses, operands and order', () => {
    const parsed = parseJql(
      'project = OPS AND (labels in (a, EMPTY) OR created >= startOfDay(-1)) ORDER BY key DESC',
    );
    if (!parsed.ok) throw new Error('parse failed');
    expect(jqlStructure(parsed.query)).toEqual({
      where: {
        operator: 'and',
        clauses: [
          {
            field: { name: 'project', encodedName: 'project' },
            operator: '=',
            operand: { value: 'OPS', encodedValue: 'OPS' },
          },
          {
            operator: 'or',
            clauses: [
              {
                field: { name: 'labels', encodedName: 'labels' },
                operator: 'in',
                operand: { values: [{ value: 'a', encodedValue: 'a' }, { keyword: 'EMPTY' }] },
              },
              {
                field: { name: 'created', encodedName: 'created' },
                operator: '>=',
                operand: { function: 'startOfDay', arguments: ['-1'], encodedOperand: 'startOfDay(-1)' },
              },
            ],
          },
        ],
      },
      orderBy: { fields: [{ field: { name: 'key', encodedName: 'key' }, direction: 'desc' }] },
    });
  });
});
