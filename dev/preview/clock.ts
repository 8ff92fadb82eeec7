/**
 * The preview's platform clock (SPEC §9, `POST /api/clock`): the app reads time only through `Date.now()`, so the
 * preview moves that clock — for the resolvers, triggers, consumer and validator alike — by an offset from real time.
 * Real time keeps running from the instant set, so debounce delays and leases behave as they would.
 */
const realNow = Date.now.bind(Date);
let offsetMs = 0;
let installed = false;

/** Makes `Date.now()` follow the platform clock (idempotent). */
export function installClock(): void {
  if (installed) return;
  installed = true;
  Date.now = () => realNow() + offsetMs;
}

/**
 * Sets the platform clock to `now` (epoch ms); returns the instant set.
 * @example setClock(Date.parse('2026-07-01T09:00:00Z'))
 */
export function setClock(now: number): number {
  installClock();
  offsetMs = now - realNow();
  return Date.now();
}

/** Back to real time. */
export function resetClock(): void {
  offsetMs = 0;
}
