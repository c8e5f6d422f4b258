/**
 * Runs the date-sensitive suites at the moments that break date logic: a month's first working
 * day before and after the 10:00 reminder round, the week after it, the last evening of a month,
 * both DST changes and New Year's Eve (all in Europe/Amsterdam). Each run sets TEST_NOW, which
 * the test clock starts from (test/helpers/clock.ts). `npm test` runs this after the main suite.
 *
 *   tsx test/moments.ts                 every moment
 *   tsx test/moments.ts 2026-12-07T11:00:00Z   one moment
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const MOMENTS: Array<{ at: string; why: string }> = [
  { at: '2026-12-01T08:30:00Z', why: 'first working day of a month, 09:30, before the round' },
  { at: '2026-12-01T09:30:00Z', why: 'first working day of a month, 10:30, after the round' },
  { at: '2026-12-07T11:00:00Z', why: 'the week after the round (the day CI used to fail)' },
  { at: '2027-02-28T22:30:00Z', why: 'the last evening of a month (23:30)' },
  { at: '2027-03-28T00:59:30Z', why: 'half a minute before summer time starts' },
  { at: '2026-10-25T00:59:30Z', why: 'half a minute before winter time starts' },
  { at: '2026-12-31T22:59:30Z', why: 'New Year’s Eve, half a minute before midnight' },
];

/** The suites whose outcome could depend on the date: they run the server on the test clock. */
export const DATE_SENSITIVE = [
  'test/integration/campaign-first-start.test.ts',
  'test/integration/tab-api.test.ts',
  'test/integration/department-dashboard.test.ts',
  'test/integration/scan.test.ts',
  'test/integration/help.test.ts',
  'test/integration/retention.test.ts',
  'test/integration/growth.test.ts',
  'test/integration/knowledge-figures.test.ts',
  'test/integration/events.test.ts',
  'test/e2e/tab.test.ts',
];

function main(): void {
  const root = path.resolve(__dirname, '..');
  const only = process.argv[2];
  const moments = only ? [{ at: only, why: 'asked for' }] : MOMENTS;
  const failed: string[] = [];
  for (const m of moments) {
    console.log(`\n=== TEST_NOW=${m.at}: ${m.why}`);
    const run = spawnSync(
      process.execPath,
      [
        require.resolve('mocha/bin/mocha.js'),
        '--no-config',
        '--require',
        'tsx/cjs',
        '--extension',
        'ts',
        '--timeout',
        '30000',
        '--reporter',
        'dot',
        ...DATE_SENSITIVE,
      ],
      {
        cwd: root,
        env: { ...process.env, TEST_NOW: m.at },
        stdio: 'inherit',
      },
    );
    if (run.status !== 0) failed.push(m.at);
  }
  if (failed.length) {
    console.error(`\nDate-sensitive suites failed at: ${failed.join(', ')}`);
    process.exit(1);
  }
  console.log(`\nDate-sensitive suites passed at all ${moments.length} moments.`);
}

if (require.main === module) main();
