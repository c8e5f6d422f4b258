/**
 * Runs every benchmark in sequence, each in its own process, then prints a summary.
 * Exits 1 when any benchmark missed a target (or failed to run). A benchmark is a file
 * in test/bench/ whose header documents its run line (`npx tsx test/bench/<file>`).
 *
 *   npm run bench                      all, with their default sizes
 *   npm run bench -- --quick           all, small sizes (a smoke run of a minute or two)
 *   npm run bench -- message-turn      only the named ones
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Small sizes for `--quick`; a benchmark not listed runs with its defaults. */
const QUICK: Record<string, string[]> = {
  startup: ['--settle-ms=500'],
  'message-turn': ['--turns=100', '--warmup=20', '--concurrent-turns=160'],
  'scan-answer-turn': ['--turns=100', '--warmup=20', '--counted-scans=2', '--users=50', '--duration=10'],
  campaign: ['--recipients=600'],
  'knowledge-search': ['--rounds=5', '--warmup=50'],
  catalogue: ['--calls=1000', '--rows=500'],
};

const BENCHMARKS = readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && readFileSync(path.join(__dirname, f), 'utf8').includes(`npx tsx test/bench/${f}`))
  .map((f) => ({ name: f.slice(0, -'.ts'.length), quick: QUICK[f.slice(0, -'.ts'.length)] ?? [] }))
  .sort((a, b) => a.name.localeCompare(b.name));

interface Outcome {
  name: string;
  code: number | null;
  seconds: number;
  targets: string[];
}

function run(name: string, args: string[]): Promise<Outcome> {
  const started = Date.now();
  const targets: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, `${name}.ts`), ...args], {
    cwd: path.resolve(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    // Our benchmarks print "PASS|MISS  target: figure"; scan-adaptivity prints "TARGET MET|MISSED: …".
    for (const text of lines) if (/^(PASS|MISS)\s|^TARGET (MET|MISSED)/.test(text)) targets.push(text);
  });
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ name, code, seconds: (Date.now() - started) / 1000, targets })),
  );
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const unknown = only.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length)
    throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const outcomes: Outcome[] = [];
  for (const bench of BENCHMARKS.filter((b) => only.length === 0 || only.includes(b.name))) {
    console.log(`\n=== ${bench.name}${quick ? ' (quick)' : ''} ===`);
    outcomes.push(await run(bench.name, quick ? bench.quick : []));
  }

  console.log('\n=== summary ===');
  console.log(`${'benchmark'.padEnd(18)} ${'result'.padEnd(8)} ${'time'.padStart(7)}   targets`);
  for (const o of outcomes) {
    const result = o.code === 0 ? 'PASS' : o.code === 1 ? 'MISS' : `ERROR ${o.code}`;
    const met = o.targets.filter((t) => /^PASS|^TARGET MET/.test(t)).length;
    console.log(
      `${o.name.padEnd(18)} ${result.padEnd(8)} ${`${o.seconds.toFixed(0)} s`.padStart(7)}   ${met}/${o.targets.length} met`,
    );
    for (const t of o.targets.filter((x) => /^MISS|^TARGET MISSED/.test(x))) console.log(`${''.padEnd(38)}${t}`);
  }
  process.exitCode = outcomes.every((o) => o.code === 0) ? 0 : 1;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 2;
});
