/**
 * The built-in demo and the fake Jira Cloud: one import for tests, the command line and the local preview.
 */
export {
  buildDemoSite,
  DEMO_GATES,
  DEMO_USERS,
  type DemoCredential,
  type DemoGate,
  type DemoSiteOptions,
} from './demoSite';
export { startDemoJira, type DemoJira, type DemoJiraOptions } from './demoServer';
export {
  startFakeJira,
  createFakeJiraApp,
  type AuthMode,
  type FakeJira,
  type FakeJiraApp,
  type FakeJiraOptions,
  type FakeStats,
  type FaultRule,
  type RequestLogEntry,
} from '../fake-jira/fakeJira';
export { generateLargeProject, type GenerateOptions } from '../bench-data/generate';
export { inProcessTransport, type InProcessIdentity } from '../fake-jira/inProcessTransport';
export { compileJql, parseJql, searchJql, type JqlErrorBody, type JqlOptions } from '../fake-jira/jql';
export type { FakeIssue, FakeSite, FakeUser } from '../fake-jira/site';
export { demoToday } from './today';
