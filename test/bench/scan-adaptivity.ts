/**
 * Adaptive scan vs full scan, on synthetic respondents (see scan-simulation.ts).
 * Targets: the adaptive scan asks ≤ 30 % of the full scan's items, agrees with it on
 * ≥ 95 % of domain levels, and shows no check (knowledge or scenario item, whose right
 * answer could be passed on) to more than 60 % of a profile's respondents.
 * Prints figures; exits 1 if a target is missed.
 *
 *   npx tsx test/bench/scan-adaptivity.ts [respondents=2000]
 */
import path from 'node:path';
import { ContentIndex } from '../../bot/domain/scan/content';
import { readScanSeeds } from '../../bot/domain/scan/load-content';
import { simulate } from './scan-simulation';

/**
 * `scan-adaptivity.ts [respondents]` (default 2,000). `--quick` runs the default too: it takes
 * seconds, and fewer respondents make the 95 % agreement a matter of sampling luck.
 */
const arg = process.argv[2];
if (arg !== undefined && arg !== '--quick' && !/^\d+$/.test(arg)) {
  console.error(`usage: scan-adaptivity.ts [respondents | --quick], got "${arg}"`);
  process.exit(2);
}
const respondents = arg === undefined || arg === '--quick' ? 2000 : Number(arg);
const index = new ContentIndex(readScanSeeds(path.join(__dirname, '..', '..', 'seeds', 'scan')));
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

const started = Date.now();
const main = simulate(index, respondents, 42);
const population = simulate(index, Math.max(200, Math.round(respondents / 4)), 7, 'population');

console.log(
  `scan adaptivity — ${respondents} synthetic respondents (a true level per domain, answer noise, 30 % over-confident)`,
);
console.log(`  full scan:      ${main.fullItems.toFixed(0)} items`);
console.log(
  `  adaptive scan:  ${main.adaptiveItemsMean.toFixed(1)} items on average (p95 ${main.adaptiveItemsP95}) = ${pct(main.itemRatio)} of the full scan, ~${main.minutesAt20s.toFixed(1)} min at 20 s per item`,
);
console.log(`  agreement of domain levels, adaptive vs full: ${pct(main.agreement)}`);
const { checks, self } = main.maxExposure;
console.log(
  `  max item exposure per profile: checks ${pct(checks.share)} (${checks.itemId}, ${checks.profileId}), self-ratings ${pct(self.share)} (${self.itemId}, ${self.profileId})`,
);
console.log(
  `  agreement with the true level: adaptive ${pct(main.agreementWithTruth.adaptive)}, full ${pct(main.agreementWithTruth.full)}`,
);
console.log(
  `  harder population (skills spread continuously, many near a level boundary): ${pct(population.itemRatio)} of items, ${pct(population.agreement)} agreement`,
);
console.log(`  (${Date.now() - started} ms)`);

const targets = [
  { ok: main.itemRatio <= 0.3, text: '≤ 30 % of items' },
  { ok: main.agreement >= 0.95, text: '≥ 95 % agreement' },
  { ok: checks.share <= 0.6, text: 'no check shown to > 60 % of a profile' },
];
for (const t of targets) console.log(`${t.ok ? 'TARGET MET' : 'TARGET MISSED'}: ${t.text}`);
const ok = targets.every((t) => t.ok);
process.exitCode = ok ? 0 : 1;
