/**
 * Installs the faked Forge platform in the benchmark's Forge process — imported first, before any app module loads:
 * `@forge/api` requests go to the fake Jira over HTTP (`BENCH_JIRA_URL`, acting as the app or the invocation's
 * user), `@forge/kvs` is the in-memory store of the Forge tests (with KVS's 240 KiB value limit), `@forge/events`
 * records pushes. The clock is moved to `BENCH_NOW` (epoch ms), so that "today" is the benchmark's fixed date while
 * time still runs.
 */
import { createFetchTransport } from '../../src/jira/fetchTransport';
import { forgeEventsModule, platform } from '../../test/forge/fakePlatform';
import { fakeForgeApi } from './fakeForgeApi';

const jiraUrl = process.env.BENCH_JIRA_URL;
const fixedNow = Number(process.env.BENCH_NOW);
if (!jiraUrl || !Number.isFinite(fixedNow)) throw new Error('BENCH_JIRA_URL and BENCH_NOW are required');

const realNow = Date.now.bind(Date);
const shift = fixedNow - realNow();
Date.now = () => realNow() + shift;

/** Replaces what `require(name)` answers from now on. */
function replace(name: string, exports: unknown): void {
  const path = require.resolve(name);
  require.cache[path] = { id: path, filename: path, loaded: true, exports } as NodeJS.Module;
}

replace(
  '@forge/api',
  fakeForgeApi(
    require('@forge/api'),
    (accountId) => createFetchTransport({ baseUrl: jiraUrl, headers: { 'x-fake-account-id': accountId } }),
    () => platform.currentAccount,
  ),
);
const kvsModule = require('@forge/kvs');
replace('@forge/kvs', { ...kvsModule, __esModule: true, kvs: platform.kvs.kvs, default: platform.kvs.kvs });
replace('@forge/events', forgeEventsModule());
