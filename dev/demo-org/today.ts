/**
 * The demo's "today": the only place in the demo that reads the clock. Everything else takes `today` as input so
 * that data and tests are deterministic.
 */
import { todayIn } from '../../src/core/dates';

/** Today's calendar date in UTC, `YYYY-MM-DD`. */
export function demoToday(): string {
  return todayIn('UTC', Date.now());
}
