/**
 * The Forge emulator with the fake Jira app in process, as the tests that run the real @forge/api, @forge/kvs and
 * @forge/events over the emulated egress set it up (firstView, installContext, refreshOutcome, pointsBudget,
 * storeFailure). Call {@link installEmulatedForge} once at a test file's top level; the test puts its fake Jira app
 * in `jira.app`.
 */
import type { FakeJiraApp } from '../../dev/fake-jira/fakeJira';
import { installPlatform } from '../../dev/forge-emulator/egress';
import { fakeJiraTarget } from '../../dev/forge-emulator/fakeJiraTarget';
import { KvsEmulator } from '../../dev/forge-emulator/kvs';

export interface QueuePush {
  queueName: string;
  jobId: string;
  payload: unknown[];
}

export interface EmulatedForge {
  /** The fake Jira the app's requests reach (set by the test). */
  jira: { app: FakeJiraApp | null };
  kvs: KvsEmulator;
  /** Every `Queue.push`, as the request it sent (no consumer runs unless a test calls it). */
  pushes: QueuePush[];
}

/** `kvsNow`: the KVS emulator's clock (for TTLs and expiries); default `Date.now` as it is when installed. */
export function installEmulatedForge(options: { kvsNow?: () => number } = {}): EmulatedForge {
  const forge: EmulatedForge = {
    jira: { app: null },
    kvs: options.kvsNow ? new KvsEmulator(null, options.kvsNow) : new KvsEmulator(),
    pushes: [],
  };
  installPlatform({
    jira: fakeJiraTarget(() => forge.jira.app!),
    kvs: forge.kvs,
    onQueuePush: (request) => void forge.pushes.push(request),
  });
  return forge;
}
