/**
 * The built-in demo, ready to use: the Northwind Logistics IT site (as of today, or a given day) served by the fake
 * Jira, with the admin's credentials. The command line uses it when no real Jira is configured.
 */
import { buildDemoSite, DEMO_USERS } from './demoSite';
import { startFakeJira, type FakeJira, type FakeJiraOptions } from '../fake-jira/fakeJira';
import { demoToday } from './today';

export interface DemoJiraOptions extends Omit<FakeJiraOptions, 'site'> {
  /** The demo's today, `YYYY-MM-DD`; defaults to today in UTC. */
  today?: string;
}

export interface DemoJira {
  url: string;
  /** Sign in as the demo admin. */
  email: string;
  apiToken: string;
  today: string;
  jira: FakeJira;
  close(): Promise<void>;
}

/** Starts the demo site on 127.0.0.1 (a free port unless one is given). */
export async function startDemoJira(options: DemoJiraOptions = {}): Promise<DemoJira> {
  const today = options.today ?? demoToday();
  const jira = await startFakeJira({ ...options, site: buildDemoSite({ today }) });
  return {
    url: jira.url,
    email: DEMO_USERS.admin.email,
    apiToken: DEMO_USERS.admin.token,
    today,
    jira,
    close: () => jira.close(),
  };
}
