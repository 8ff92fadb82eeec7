/**
 * Issue #12: a big first view answers `computing: { etaSeconds }`; the project page says "Computing the gate — about
 * N s" and polls getGate every few seconds until the snapshot arrives — bounded, and stopped on unmount
 * (static/src/computing.ts).
 */
import type { GateView } from '../../src/forge/contract';
import { computingMessage, MAX_POLLS, POLL_EVERY_MS, pollWhileComputing } from '../../static/src/computing';

const base: GateView = {
  project: 'OPS',
  snapshot: null,
  ageMinutes: null,
  stale: false,
  lastError: null,
  nextGate: [],
};
const computing = (etaSeconds: number): GateView => ({ ...base, computing: { etaSeconds } });
const done = { ...base, snapshot: { computedAt: '2026-12-03T10:00:00Z' } } as unknown as GateView;

describe('computingMessage', () => {
  test('says the gate is computing and about how long', () => {
    expect(computingMessage(35)).toBe('Computing the gate — about 35 s');
    expect(computingMessage(5)).toBe('Computing the gate — about 5 s');
    expect(computingMessage(90)).toBe('Computing the gate — about 90 s');
    expect(computingMessage(240)).toBe('Computing the gate — about 4 min');
  });
});

describe('pollWhileComputing', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('polls every few seconds until the snapshot arrives, then stops', async () => {
    const answers = [computing(30), computing(25), done];
    const fetch = jest.fn(async () => answers.shift() ?? done);
    const views: GateView[] = [];
    pollWhileComputing(fetch, { onView: (v) => views.push(v), onGiveUp: () => undefined });
    expect(POLL_EVERY_MS).toBeLessThanOrEqual(10_000);
    await jest.advanceTimersByTimeAsync(POLL_EVERY_MS - 1);
    expect(fetch).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(POLL_EVERY_MS * 10);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(views.map((v) => v.computing?.etaSeconds ?? 'snapshot')).toEqual([30, 25, 'snapshot']);
  });

  test('stops on unmount, even with a poll in flight', async () => {
    let resolve: (v: GateView) => void = () => undefined;
    const fetch = jest.fn(() => new Promise<GateView>((r) => (resolve = r)));
    const onView = jest.fn();
    const stop = pollWhileComputing(fetch, { onView, onGiveUp: () => undefined });
    await jest.advanceTimersByTimeAsync(POLL_EVERY_MS);
    expect(fetch).toHaveBeenCalledTimes(1);
    stop();
    resolve(computing(20));
    await jest.advanceTimersByTimeAsync(POLL_EVERY_MS * 5);
    expect(onView).not.toHaveBeenCalled();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('is bounded: gives up after MAX_POLLS, a failed poll counting as one', async () => {
    let n = 0;
    const fetch = jest.fn(async () => {
      if (++n % 2 === 0) throw new Error('network');
      return computing(30);
    });
    const onGiveUp = jest.fn();
    pollWhileComputing(fetch, { onView: () => undefined, onGiveUp });
    await jest.advanceTimersByTimeAsync(POLL_EVERY_MS * (MAX_POLLS + 20));
    expect(fetch).toHaveBeenCalledTimes(MAX_POLLS);
    expect(onGiveUp).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });
});
