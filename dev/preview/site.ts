/**
 * The Jira site behind the preview: the built-in demo (the fake Jira Cloud serving the Northwind demo site, users told
 * apart by `X-Fake-Account-Id`) or a real site (JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN; basic auth). What the
 * preview's pages list — projects, ideas, viewing users — is read from the site through its REST API.
 */
import { z } from 'zod';
import { DEMO_GATES, DEMO_USERS, startDemoJira } from '../../dev/demo-org';
import { jiraFetch, APP_ACCOUNT_ID, type JiraTarget } from '../forge-emulator/egress';

export interface PreviewUser {
  /** The name used in URLs (`?as=lead`). */
  role: string;
  accountId: string;
  displayName: string;
  /** What the user may do, in words. */
  summary: string;
}

export interface PreviewProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey: string;
  /** `classic` (company-managed) or `next-gen` (team-managed). */
  style: string;
}

export interface PreviewIdea {
  id: string;
  key: string;
  project: string;
  summary: string;
  status: string;
  /** Status category: `new` (To Do), `indeterminate`, `done`. */
  category: string;
  labels: string[];
}

export interface PreviewSite {
  mode: 'demo' | 'site';
  /** Shown to people: "the built-in demo site (fake Jira at …)" or the real site's URL. */
  description: string;
  /** The site URL given to the UI as `siteUrl`. */
  siteUrl: string;
  jira: JiraTarget;
  /** The demo's "today" (YYYY-MM-DD); null on a real site. */
  today: string | null;
  users: PreviewUser[];
  projects: PreviewProject[];
  ideas: PreviewIdea[];
  /** The demo only: moves the fake Jira's clock with the platform clock (`POST /api/clock`). */
  setNow?(now: number): void;
  close(): Promise<void>;
}

export interface RealSiteEnv {
  baseUrl: string;
  email: string;
  apiToken: string;
}

/** The real site named by the environment, null when JIRA_BASE_URL is not set; throws when it is half set. */
export function realSiteFromEnv(env: NodeJS.ProcessEnv): RealSiteEnv | null {
  const baseUrl = env.JIRA_BASE_URL?.trim();
  if (!baseUrl) return null;
  const email = env.JIRA_EMAIL?.trim();
  const apiToken = env.JIRA_API_TOKEN?.trim();
  const missing = [!email && 'JIRA_EMAIL', !apiToken && 'JIRA_API_TOKEN'].filter(Boolean);
  if (missing.length) {
    throw new Error(
      `JIRA_BASE_URL is set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not`,
    );
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`JIRA_BASE_URL is not a URL: ${baseUrl}`);
  }
  return { baseUrl: url.origin, email: email!, apiToken: apiToken! };
}

const ProjectSearch = z.object({
  values: z.array(
    z
      .object({
        id: z.string(),
        key: z.string(),
        name: z.string().optional(),
        projectTypeKey: z.string().optional(),
        style: z.string().optional(),
      })
      .passthrough(),
  ),
});

const IdeaSearch = z.object({
  issues: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      fields: z
        .object({
          summary: z.string().optional(),
          labels: z.array(z.string()).optional(),
          project: z.object({ key: z.string() }).passthrough().optional(),
          status: z
            .object({ name: z.string().optional(), statusCategory: z.object({ key: z.string() }).optional() })
            .passthrough()
            .optional(),
        })
        .passthrough(),
    }),
  ),
});

async function readJson<T>(
  target: JiraTarget,
  as: string,
  path: string,
  schema: z.ZodType<T>,
  body?: unknown,
) {
  const res = await jiraFetch(target, as, path, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body !== undefined
      ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`Jira answered ${res.status} to ${path}: ${text.slice(0, 200)}`);
  return schema.parse(JSON.parse(text));
}

/** Projects (at most 50) and "Innovation Idea" issues (at most 100) that `as` can see. */
async function discover(target: JiraTarget, as: string): Promise<Pick<PreviewSite, 'projects' | 'ideas'>> {
  const found = await readJson(target, as, '/rest/api/3/project/search?maxResults=50', ProjectSearch);
  const projects = found.values.map((p) => ({
    id: p.id,
    key: p.key,
    name: p.name ?? p.key,
    projectTypeKey: p.projectTypeKey ?? 'software',
    style: p.style ?? 'classic',
  }));
  let ideas: PreviewIdea[] = [];
  try {
    const page = await readJson(target, as, '/rest/api/3/search/jql', IdeaSearch, {
      jql: 'issuetype = "Innovation Idea" ORDER BY key ASC',
      fields: ['summary', 'labels', 'project', 'status'],
      maxResults: 100,
    });
    ideas = page.issues.map((i) => ({
      id: i.id,
      key: i.key,
      project: i.fields.project?.key ?? i.key.replace(/-\d+$/, ''),
      summary: i.fields.summary ?? '',
      status: i.fields.status?.name ?? '',
      category: i.fields.status?.statusCategory?.key ?? 'new',
      labels: i.fields.labels ?? [],
    }));
  } catch {
    // A site without the idea issue type answers 400: no ideas to show.
  }
  return { projects, ideas };
}

function scope(list: readonly string[] | '*', verb: string): string {
  if (list === '*') return `${verb} every project`;
  if (list.length === 0) return `${verb} no project`;
  return `${verb} ${list.join(', ')}`;
}

/** Starts the demo site (fake Jira, header auth) and reads its projects and ideas. */
export async function openDemoSite(options: { today?: string } = {}): Promise<PreviewSite> {
  const demo = await startDemoJira({
    authMode: 'header',
    ...(options.today ? { today: options.today } : {}),
  });
  try {
    const target: JiraTarget = { kind: 'demo', baseUrl: demo.url };
    const users: PreviewUser[] = (['admin', 'lead', 'staff'] as const).map((role) => {
      const cred = DEMO_USERS[role];
      const user = demo.jira.site.users.find((u) => u.accountId === cred.accountId);
      const parts = user
        ? [
            user.jiraAdmin ? 'Jira administrator' : null,
            scope(user.browse, 'browses'),
            scope(user.administer, 'administers'),
          ]
        : [];
      return {
        role,
        accountId: cred.accountId,
        displayName: cred.displayName,
        summary: parts.filter(Boolean).join('; '),
      };
    });
    const found = await discover(target, APP_ACCOUNT_ID);
    // The homes of the demo's gates first, the organisation gate "Northwind IT" (home ITSM) at the top, then the
    // site's own order (the organisation's other projects).
    const homes = DEMO_GATES.map((g) => g.home);
    const order = [...homes, ...demo.jira.site.projects.map((p) => p.key).filter((k) => !homes.includes(k))];
    found.projects.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    return {
      mode: 'demo',
      description: `the built-in demo site "${demo.jira.site.name}" (fake Jira Cloud at ${demo.url})`,
      siteUrl: demo.url,
      jira: target,
      today: demo.today,
      users,
      ...found,
      setNow: (now: number) => {
        demo.jira.site.now = now;
      },
      close: () => demo.close(),
    };
  } catch (err) {
    await demo.close();
    throw err;
  }
}

const Myself = z.object({ accountId: z.string(), displayName: z.string().optional() }).passthrough();

/** Connects to a real Jira Cloud site with an API token (its owner is the only viewing user). */
export async function openRealSite(env: RealSiteEnv): Promise<PreviewSite> {
  const target: JiraTarget = { kind: 'site', ...env };
  const me = await readJson(target, 'token-owner', '/rest/api/3/myself', Myself);
  const found = await discover(target, me.accountId);
  return {
    mode: 'site',
    description: env.baseUrl,
    siteUrl: env.baseUrl,
    jira: target,
    today: null,
    users: [
      {
        role: 'me',
        accountId: me.accountId,
        displayName: me.displayName ?? env.email,
        summary: `the API token's owner (${env.email}); asUser() and asApp() both act as this account`,
      },
    ],
    ...found,
    close: async () => {},
  };
}
