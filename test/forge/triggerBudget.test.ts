/**
 * Issue #12: "the product trigger uses the 90 s background retry budget inside its 25 s limit". The issue-event
 * trigger (`onIssueEvent`, manifest `trigger` phase-gate-issue-events) gets 25 s; its Jira requests (the violation
 * check) retry briefly and stop at a deadline well inside that, however long Jira's Retry-After. The clock is
 * mocked (jest's modern fake timers move Date.now and the client's sleeps together): nothing waits for real.
 */
import { APP_ACCOUNT_ID } from '../../dev/forge-emulator/egress';
import { onIssueEvent } from '../../src/forge/events';
import { TRIGGER_DEADLINE_MS } from '../../src/forge/jira';
import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache } from '../../src/forge/projects';
import { platform, type Call, type FakeIssue } from './fakePlatform';
import { enrol, invoke, issueEvent, projectPage, seedProject, standardGrants } from './harness';

/** The product trigger's limit (Forge: 25 s for a product event trigger). */
const TRIGGER_LIMIT_MS = 25_000;

let idea: FakeIssue;

beforeEach(async () => {
  platform.reset();
  clearPermissionCache();
  clearProjectCache();
  idea = seedProject(platform.jira, 'TEAM', { onTime: 2, ideas: 1, simplified: true }).ideas[0]!;
  standardGrants(platform.jira, 'TEAM');
  await enrol('TEAM');
  await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('TEAM') }); // computed: locked
});

afterEach(() => {
  jest.useRealTimers();
});

const asApp = (c: Call) => c.as === APP_ACCOUNT_ID || c.as === 'app';

/** Runs the trigger on a mocked clock; returns its outcome and the simulated time it took. */
async function runTrigger(
  event: unknown,
): Promise<{ outcome: Awaited<ReturnType<typeof onIssueEvent>>; started: number; tookMs: number }> {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  const started = Date.now();
  let done = false;
  const running = onIssueEvent(event).finally(() => {
    done = true;
  });
  for (let i = 0; i < 2000 && !done; i++) await jest.advanceTimersByTimeAsync(250);
  const outcome = await running;
  const tookMs = Date.now() - started;
  jest.useRealTimers();
  return { outcome, started, tookMs };
}

function move(to: string) {
  const from = idea.statusId;
  idea.statusId = to;
  return issueEvent('avi:jira:updated:issue', idea, { from, to });
}

test('Jira answering 503 with a long Retry-After: the trigger gives up at once, well inside its 25 s', async () => {
  const before = platform.jira.calls.length;
  platform.jira.override(asApp, () => ({ status: 503, headers: { 'Retry-After': '60' }, body: {} }));
  const { outcome, tookMs } = await runTrigger(move('3'));
  expect(outcome.violation).toBe('failed'); // logged; the next move flags it
  expect(tookMs).toBeLessThan(TRIGGER_LIMIT_MS);
  const attempts = platform.jira.calls.slice(before).filter(asApp);
  expect(attempts).toHaveLength(1); // a 60 s wait does not fit: no retry
});

test('429s with a 10 s Retry-After on every request: the retries stop at the deadline, not after 90 s', async () => {
  const before = platform.jira.calls.length;
  platform.jira.override(asApp, () => ({
    status: 429,
    headers: { 'Retry-After': '10', 'RateLimit-Reason': 'jira-burst-based' },
    body: {},
  }));
  const { outcome, tookMs } = await runTrigger(move('3'));
  expect(outcome.violation).toBe('failed');
  expect(tookMs).toBeLessThanOrEqual(TRIGGER_DEADLINE_MS);
  expect(platform.jira.calls.slice(before).filter(asApp).length).toBeLessThanOrEqual(2);
});

test('short Retry-Afters on every request: each is retried, and no request starts or waits past the deadline', async () => {
  // Every app request fails twice with Retry-After 6 s, then Jira answers: the check's two reads cannot both get through by the deadline.
  const seen = new Map<string, number>();
  const startedAt: number[] = [];
  platform.jira.override(
    (c) => {
      if (!asApp(c)) return false;
      startedAt.push(Date.now());
      const n = (seen.get(c.method + c.path) ?? 0) + 1;
      seen.set(c.method + c.path, n);
      return n <= 2 && c.method === 'GET';
    },
    () => ({ status: 503, headers: { 'Retry-After': '6' }, body: {} }),
  );
  const { outcome, started, tookMs } = await runTrigger(move('3'));
  expect(startedAt.length).toBeGreaterThan(2); // retried
  expect(Math.max(...startedAt) - started).toBeLessThan(TRIGGER_DEADLINE_MS);
  expect(outcome.violation).toBe('failed'); // the second read could not finish by the deadline: logged, not hung
  expect(tookMs).toBeLessThanOrEqual(TRIGGER_DEADLINE_MS);
});
