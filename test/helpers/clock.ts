import { type Clock, clockStartingAt } from '../../bot/domain/ports';

/**
 * The moment tests run at unless they bring their own clock: `TEST_NOW` (an ISO time) or an
 * ordinary Wednesday morning in the middle of a month. Never today: a test that passes today
 * and fails next week is a defect. `npm run test:moments` runs the date-sensitive suites at
 * the moments that used to break them (a month's first working day, month end, DST, New Year).
 */
export const DEFAULT_TEST_NOW = '2026-11-18T09:30:00Z';

export function testNow(): Date {
  const at = new Date(process.env.TEST_NOW ?? DEFAULT_TEST_NOW);
  if (Number.isNaN(at.getTime())) throw new Error(`TEST_NOW is not a time: ${process.env.TEST_NOW}`);
  return at;
}

/**
 * A clock that starts at `testNow()` and then runs at the speed of real time, for tests that
 * drive the running server as a user would (timers, tokens and browsers still see time pass).
 */
export function runningTestClock(start: Date = testNow()): Clock {
  return clockStartingAt(start);
}
