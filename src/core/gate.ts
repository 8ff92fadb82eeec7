/**
 * The phase and the innovation gate (docs/metrics.md "Phase and the innovation gate").
 */
import { addDays, type CalendarDate } from './dates';
import type { PhaseNumber } from './report';

/**
 * Rule "phase": 1 while reliability is not met; 2 while reliability is met and delivery is not; 3 when both are met.
 * @example phaseOf(true, false) // 2
 */
export function phaseOf(reliabilityMet: boolean, deliveryMet: boolean): PhaseNumber {
  if (!reliabilityMet) return 1;
  return deliveryMet ? 3 : 2;
}

/**
 * The `sustainDays` calendar dates ending at `asOf`, oldest first.
 * @example sustainDates('2026-06-30', 3) // ['2026-06-28', '2026-06-29', '2026-06-30']
 */
export function sustainDates(asOf: CalendarDate, sustainDays: number): CalendarDate[] {
  const out: CalendarDate[] = [];
  for (let k = sustainDays - 1; k >= 0; k--) out.push(addDays(asOf, -k));
  return out;
}

/**
 * Rule "innovationUnlocked": both phases met on each of the `sustainDays` days ending at `asOf`, each day evaluated
 * as its own as-of date. With `sustainDays = 1` this is simply `phase = 3`.
 * @example innovationUnlocked('2026-06-30', 2, (d) => d === '2026-06-30') // false
 */
export function innovationUnlocked(
  asOf: CalendarDate,
  sustainDays: number,
  bothMetOn: (day: CalendarDate) => boolean,
): boolean {
  // Evaluate asOf first: it is the day most likely to fail and is already computed by the caller.
  return sustainDates(asOf, sustainDays)
    .reverse()
    .every((day) => bothMetOn(day));
}
