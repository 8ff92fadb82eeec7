/**
 * Installs the Forge emulator in the benchmark's Forge process — imported first, before any app module loads: the
 * real `@forge/api`, `@forge/kvs` and `@forge/events` run unchanged over the emulated egress (dev/forge-emulator),
 * Jira requests go to the fake Jira over HTTP (`BENCH_JIRA_URL`, acting as the app or the invocation's user), KVS is
 * the emulator's in-memory store (with Forge's 240 KiB value limit) and queue pushes are recorded. The clock is moved
 * to `BENCH_NOW` (epoch ms), so that "today" is the benchmark's fixed date while time still runs.
 */
import { installPlatform } from '../../dev/forge-emulator/egress';
import { KvsEmulator } from '../../dev/forge-emulator/kvs';

const jiraUrl = process.env.BENCH_JIRA_URL;
const fixedNow = Number(process.env.BENCH_NOW);
if (!jiraUrl || !Number.isFinite(fixedNow)) throw new Error('BENCH_JIRA_URL and BENCH_NOW are required');

const realNow = Date.now.bind(Date);
let shift = fixedNow - realNow();
Date.now = () => realNow() + shift;

/** The emulated platform's state: the store, and what was pushed to queues. */
export const bench = {
  kvs: new KvsEmulator(),
  pushed: [] as { queueName: string; payload: unknown[] }[],
  /** Moves the Forge clock to `at` (epoch ms); time runs on from there (a simulated day's next step). */
  setNow(at: number): void {
    shift = at - realNow();
  },
};

installPlatform({
  jira: { kind: 'demo', baseUrl: jiraUrl },
  kvs: bench.kvs,
  onQueuePush: (request) => bench.pushed.push(request),
});
