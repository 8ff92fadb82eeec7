/**
 * Test helpers: invoke the real resolver handler the way the Forge runtime does, and build fake Jira sites whose gate
 * is in a known state. Importing it installs the Forge emulator (through ./fakePlatform).
 */
import { invokeResolver } from '../../dev/forge-emulator/resolver';
import { handler } from '../../src/forge/resolvers';
import { markConfigured } from '../../src/forge/storage';
import { DAY, isoDay, jiraTime, platform, type FakeJira } from './fakePlatform';

export const SITE = 'ari:cloud:jira::site/00000000-0000-0000-0000-000000000001';

export interface InvokeOptions {
  account?: string | null;
  extension?: Record<string, unknown>;
  accountType?: string;
  /** The browser's claimed language (`context.locale`). */
  locale?: string;
}

/** Calls the resolver function exactly as the platform does: `handler({ call, context }, backendRuntimePayload)`. */
export async function invoke(
  functionKey: string,
  payload: unknown = {},
  options: InvokeOptions = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are inspected loosely in tests
): Promise<any> {
  const account = options.account === undefined ? 'u-admin' : options.account;
  platform.currentAccount = account;
  try {
    return await invokeResolver(handler, {
      functionKey,
      payload,
      context: {
        extension: options.extension ?? {},
        accountType: options.accountType ?? 'licensed',
        ...(options.locale ? { locale: options.locale } : {}),
        // Client-side claims that must be ignored:
        accountId: 'u-forged-by-browser',
        localId: 'x',
      },
      accountId: account,
      installContext: SITE,
    });
  } finally {
    platform.currentAccount = null;
  }
}

export const projectPage = (key: string) => ({
  extension: { type: 'jira:projectPage', project: { id: '1', key, type: 'software' } },
});
export const issuePanel = (issue: string, project: string) => ({
  extension: {
    type: 'jira:issuePanel',
    issue: { id: '1', key: issue, type: 'Innovation Idea' },
    project: { key: project },
  },
});
export const macro = (project: string) => ({
  extension: { type: 'macro', content: { id: '9' }, config: { project } },
});

/**
 * A project whose gate is met or not: reliability met (one old minor incident, restored long ago: incidents are
 * recorded, none in the window); delivery met with `onTime` on-time epics out of `minDecided` 5 (so 5 on time →
 * phase 3, innovation unlocked; fewer → phase 2, locked).
 */
export function seedProject(
  jira: FakeJira,
  key: string,
  options: { onTime: number; ideas?: number; simplified?: boolean },
) {
  jira.addProject(key, { simplified: options.simplified ?? false });
  const now = Date.now();
  jira.addIssue({
    project: key,
    type: 'Incident',
    created: jiraTime(now - 400 * DAY),
    resolutiondate: jiraTime(now - 400 * DAY + 3_600_000),
    resolution: 'Done',
    priority: 'Low',
    statusId: '4',
  });
  addOnTimeEpics(jira, key, options.onTime);
  const ideas = [];
  for (let i = 0; i < (options.ideas ?? 0); i++)
    ideas.push(jira.addIssue({ project: key, type: 'Innovation Idea', statusId: '1' }));
  return { ideas };
}

/** Makes every epic of the project on time (5 more), so its innovation unlocks. */
export function makeDeliveryMet(jira: FakeJira, key: string) {
  addOnTimeEpics(jira, key, 5);
}

/** `n` epics due five days ago and resolved ten days ago: on time, decided in the window. */
function addOnTimeEpics(jira: FakeJira, key: string, n: number) {
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    jira.addIssue({
      project: key,
      type: 'Epic',
      created: jiraTime(now - 60 * DAY),
      duedate: isoDay(now - 5 * DAY),
      resolutiondate: jiraTime(now - 10 * DAY),
      resolution: 'Done',
      statusId: '4',
    });
  }
}

/** Everyone's standard grants: u-admin administers OPS, u-viewer browses OPS, u-outsider has nothing. */
export function standardGrants(jira: FakeJira, project = 'OPS') {
  jira.grant('u-admin', project, { browse: true, administerProject: true });
  jira.grant('u-viewer', project, { browse: true });
}

/** A Jira issue event as Forge delivers it to the trigger (a status change when `change` is given). */
export function issueEvent(
  eventType: string,
  issue: import('./fakePlatform').FakeIssue,
  change?: { from: string; to: string },
) {
  const project = platform.jira.projects.get(issue.project)!;
  return {
    eventType,
    atlassianId: 'u-someone',
    issue: {
      id: issue.id,
      key: issue.key,
      fields: {
        summary: issue.summary,
        issueType: { id: '1', name: issue.type },
        project: { id: project.id, key: project.key, simplified: project.simplified },
        status: {
          id: issue.statusId,
          statusCategory: { key: issue.statusId === '1' ? 'new' : 'indeterminate' },
        },
      },
    },
    ...(change
      ? {
          changelog: {
            items: [{ field: 'status', fieldId: 'status', from: change.from, to: change.to }],
          },
        }
      : {}),
  };
}

/** The id of a fake project: the key its documents are stored under (issue #10). */
export function idOf(key: string): string {
  const project = platform.jira.projects.get(key);
  if (!project) throw new Error(`no fake project ${key}`);
  return project.id;
}

/**
 * Enrols a project in the hourly schedule the way a settings save or the setup does (opening a page does not).
 */
export async function enrol(key: string): Promise<void> {
  await markConfigured(idOf(key), 'u-admin', Date.now(), key);
}
