/**
 * The learning catalogue at a large municipality's size (issue 11, "Benchmarks"):
 *   1. advice computation over a 2,000-module catalogue: p95 ≤ 5 ms per result;
 *   2. a catalogue import of 2,000 rows (CSV, `;`): dry run plus import ≤ 10 s, through the
 *      real SDK against the embedded store with its journal on disk (as `npm start` runs).
 *
 * The advice runs on generated modules (every domain, one or two levels each, the four formats,
 * both languages, a fifth limited to some job profiles) and random results of every job profile;
 * each call is timed on its own after a warm-up. The import is the admin's path minus HTTP:
 * read the file, check every row, compare with the stored catalogue, write, move the head.
 *
 *   npx tsx test/bench/catalogue.ts [--modules=2000] [--calls=5000] [--warmup=500] [--rows=2000] [--seed=7] [--journal=1]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CatalogueService } from '../../bot/domain/catalogue/catalogue-service';
import type { Vocabulary } from '../../bot/domain/catalogue/catalogue-rows';
import { adviseTraining } from '../../bot/domain/scan/advice';
import { type Level, type LearningModule, MODULE_FORMATS } from '../../bot/domain/scan/content';
import { readScanSeeds } from '../../bot/domain/scan/load-content';
import { createLogger } from '../../bot/logger';
import { createCosmosClient, openCosmosStore } from '../../bot/storage/cosmos';
import { CosmosCatalogueRepository } from '../../bot/storage/cosmos-catalogue';
import { startEmbeddedCosmos } from '../../bot/storage/embedded/embedded-cosmos';
import { FakeClock } from '../fakes/fake-clock';
import { tenantOnlyDirectory } from '../fakes/tenant-directory';
import { tempDir } from '../helpers/app';
import { catalogueCsv, catalogueRows } from '../helpers/catalogue-csv';
import { line, machine, ms, numArg, seeded, stats, Targets } from './lib/report';

const MODULES = numArg('modules', 2000);
const CALLS = Math.max(1, numArg('calls', 5000));
const WARMUP = numArg('warmup', 500);
const ROWS = numArg('rows', 2000);
const SEED = numArg('seed', 7);
/** 0: the store in memory only (to see what the journal costs). */
const JOURNAL = numArg('journal', 1);
const content = readScanSeeds(path.join(__dirname, '..', '..', 'seeds', 'scan'));

function generatedCatalogue(random: () => number): LearningModule[] {
  const domains = content.domains.map((d) => d.id);
  const profiles = content.profiles.map((p) => p.id);
  return Array.from({ length: MODULES }, (_, i) => {
    const low = (1 + Math.floor(random() * 4)) as Level;
    const levels = (random() < 0.3 && low < 4 ? [low, low + 1] : [low]) as Level[];
    return {
      id: `gen-${i}`,
      domain: domains[Math.floor(random() * domains.length)],
      levels,
      title: { nl: `Module ${i}`, en: `Module ${i}` },
      description: { nl: '', en: '' },
      durationMinutes: 5 + Math.floor(random() * 180),
      format: MODULE_FORMATS[Math.floor(random() * MODULE_FORMATS.length)],
      languages: random() < 0.4 ? ['nl', 'en'] : ['nl'],
      ...(random() < 0.6 ? { link: `https://leren.gemeente.nl/m/${i}` } : {}),
      ...(random() < 0.2 ? { profiles: [profiles[Math.floor(random() * profiles.length)]] } : {}),
    };
  });
}

function benchAdvice(targets: Targets): void {
  const random = seeded(SEED);
  const catalogue = generatedCatalogue(random);
  const results = Array.from({ length: 1000 }, () => {
    const profile = content.profiles[Math.floor(random() * content.profiles.length)];
    const levels = Object.fromEntries(
      Object.keys(profile.targets).map((d) => [d, (1 + Math.floor(random() * 4)) as Level]),
    );
    return { profile, levels, locale: random() < 0.2 ? ('en' as const) : ('nl' as const) };
  });
  const call = (n: number) => {
    const r = results[n % results.length];
    return adviseTraining(catalogue, r.levels, r.profile.targets, r.locale, r.profile.id);
  };
  for (let i = 0; i < WARMUP; i++) call(i);
  const times: number[] = [];
  let advised = 0;
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    advised += call(i).modules.length;
    times.push(performance.now() - t0);
  }
  const s = stats(times);
  console.log(`advice over ${MODULES} modules, ${CALLS} results (${(advised / CALLS).toFixed(1)} modules each):`);
  console.log(line('adviseTraining', s));
  targets.check(s.p95 <= 5, `advice over ${MODULES} modules p95 ≤ 5 ms`, ms(s.p95, 3));
}

async function benchImport(targets: Targets): Promise<void> {
  const log = createLogger('silent');
  const dir = tempDir('dv-bench-catalogue-');
  const cosmos = await startEmbeddedCosmos({
    certDir: dir.dir,
    dataDir: JOURNAL ? `${dir.dir}/cosmos` : null,
    port: 0,
    log,
  });
  try {
    const store = await openCosmosStore({
      kind: 'embedded',
      client: createCosmosClient(cosmos),
      databaseId: 'bench',
      log,
    });
    const tenantId = 'bench-tenant';
    const admin = { tenantId, userId: 'admin' };
    const vocabulary = (): Vocabulary => ({
      domains: content.domains.map((d) => ({ id: d.id, names: [d.name.nl, d.name.en] })),
      levels: content.levels.map((l) => ({ level: l.level, names: [l.name.nl, l.name.en] })),
      profiles: content.profiles.map((p) => p.id),
    });
    const service = new CatalogueService({
      repo: new CosmosCatalogueRepository(store.containers.content),
      template: () => content.modules,
      vocabulary,
      directory: tenantOnlyDirectory({ tenantId, programmeAdmins: [admin.userId] }),
      audit: { record: () => Promise.resolve() },
      clock: new FakeClock('2026-12-07T10:00:00Z'),
    });
    await store.containers.content.items.upsert({ id: 'warm', tenantId: 'warm' }); // TLS and the JIT
    for (const round of ['first import (all new)', 'second import (every row changed)']) {
      const text = catalogueCsv(
        catalogueRows(ROWS, 'wk').map((r) =>
          round.startsWith('second') ? r.replace('Wat je leert', 'Wat je nu leert') : r,
        ),
      );
      const request = { kind: 'csv' as const, text, retireMissing: true };
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const dry = await service.dryRun(admin, request);
      const t1 = performance.now();
      const done = await service.import(admin, request, dry.version);
      const t2 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      const active = (await service.modulesFor(tenantId)).length;
      const t3 = performance.now();
      console.log(
        `${round}: ${ROWS} rows (${(text.length / 1024).toFixed(0)} KiB), dry run ${ms(t1 - t0, 0)}, import ${ms(t2 - t1, 0)} ` +
          `(${done.added} new, ${done.updated} changed, ${done.retired} retired), first read after it ${ms(t3 - t2, 0)}, ${active} active; ` +
          // Client and embedded server share this process: their CPU time is what the import costs on a quiet machine.
          `CPU time of this process (SDK and embedded store) ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`,
      );
      targets.check(
        done.applied && active === ROWS && t2 - t0 <= 10_000,
        `${round}: dry run + import of ${ROWS} rows ≤ 10 s`,
        `${((t2 - t0) / 1000).toFixed(2)} s`,
      );
    }
  } finally {
    await cosmos.stop();
    dir.remove();
  }
}

async function main(): Promise<void> {
  console.log(`catalogue benchmark (${machine()})`);
  const targets = new Targets();
  benchAdvice(targets);
  await benchImport(targets);
  targets.finish();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});
