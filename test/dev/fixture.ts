/**
 * A tiny hand-made site with known fields, for the JQL and server tests.
 */
import { SOFTWARE_TYPES, addStandardStatuses } from '../../dev/fake-jira/catalogue';
import { addIssue, addProject, createSite, type FakeSite } from '../../dev/fake-jira/site';

export const at = (iso: string) => Date.parse(iso);

export function tinySite(timeZone = 'UTC'): FakeSite {
  const site = createSite({ name: 'Tiny', timeZone, now: at('2026-05-20T12:00:00Z') });
  site.users.push(
    {
      accountId: 'u-all',
      email: 'all@x.test',
      token: 't-all',
      displayName: 'All',
      jiraAdmin: false,
      browse: '*',
      administer: [],
      timeZone: 'UTC',
      accountType: 'atlassian',
    },
    {
      accountId: 'u-abc',
      email: 'abc@x.test',
      token: 't-abc',
      displayName: 'Abc',
      jiraAdmin: false,
      browse: ['ABC'],
      administer: [],
      timeZone: 'UTC',
      accountType: 'atlassian',
    },
  );
  addStandardStatuses(site);
  addProject(site, { key: 'ABC', name: 'Alpha', issueTypes: SOFTWARE_TYPES, components: ['Web', 'Core'] });
  addProject(site, { key: 'XYZ', name: 'Xylophone', issueTypes: SOFTWARE_TYPES, components: ['Web'] });
  // ABC-1: a restored major incident, written in +0530.
  addIssue(site, {
    project: 'ABC',
    type: 'Incident',
    summary: 'Payment gateway timeouts',
    status: 'Resolved',
    priority: 'High',
    labels: ['network'],
    created: at('2026-05-01T10:00:00Z'),
    resolved: at('2026-05-01T15:00:00Z'),
    resolution: 'Done',
    offset: '+0530',
    reporter: 'u-all',
    components: ['Core'],
  });
  // ABC-2: an open incident without priority or labels, raised late on 3 May UTC (4 May in India).
  addIssue(site, {
    project: 'ABC',
    type: 'Incident',
    summary: 'VPN concentrator failover',
    status: 'Open',
    priority: null,
    created: at('2026-05-03T23:30:00Z'),
    offset: '-0500',
    assignee: 'u-abc',
  });
  // ABC-3: an epic delivered on its due date (evening in New York, already the next day in UTC).
  addIssue(site, {
    project: 'ABC',
    type: 'Epic',
    summary: 'Roll out MFA',
    status: 'Done',
    priority: 'Medium',
    labels: ['roadmap', 'Q2'],
    created: at('2026-04-01T09:00:00Z'),
    resolved: at('2026-05-16T01:00:00Z'),
    resolution: 'Done',
    dueDate: '2026-05-15',
    offset: '-0500',
  });
  // ABC-4: a duplicate story.
  addIssue(site, {
    project: 'ABC',
    type: 'Story',
    summary: 'Export shipments to CSV',
    status: 'Done',
    priority: 'Low',
    labels: ['not-an-incident'],
    created: at('2026-05-10T08:00:00Z'),
    resolved: at('2026-05-11T08:00:00Z'),
    resolution: 'Duplicate',
    offset: '+1000',
  });
  // XYZ-1: another project's task.
  addIssue(site, {
    project: 'XYZ',
    type: 'Task',
    summary: 'Patch the build agents',
    status: 'In Progress',
    priority: 'Highest',
    labels: ['network'],
    created: at('2026-05-02T12:00:00Z'),
    dueDate: '2026-06-01',
    components: ['Web'],
  });
  return site;
}
