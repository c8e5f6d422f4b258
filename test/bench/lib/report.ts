/**
 * Command-line arguments, a seeded random source, latency statistics and PASS/MISS lines
 * shared by the benchmarks (the format run-all.ts picks up: "PASS|MISS  target: figure").
 */
import os from 'node:os';

/** Cores and load average, printed with the figures: other work on a 2-core machine moves them. */
export const machine = () => `${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}`;

/** `--name=value` from the command line as a number, else the default. */
export function numArg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (!hit) return fallback;
  const value = Number(hit.slice(name.length + 3));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
  return value;
}

/** `--name=value` from the command line as a string, else the default. */
export function strArg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

/** The same small deterministic generator as the scan simulation, so runs are comparable. */
export { rng as seeded } from '../scan-simulation';

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of latencies in milliseconds. */
export function stats(values: number[]): Stats {
  if (values.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
  };
}

export const ms = (v: number, digits = 2) => `${v.toFixed(digits)} ms`;

export function line(label: string, s: Stats): string {
  return `  ${label.padEnd(34)} n=${String(s.n).padEnd(5)} p50 ${ms(s.p50).padStart(10)}   p95 ${ms(s.p95).padStart(10)}   max ${ms(s.max).padStart(10)}`;
}

/** Collects targets; `finish()` prints nothing more and sets the exit code (1 when any target was missed). */
export class Targets {
  private missed = 0;

  check(ok: boolean, target: string, measured: string): boolean {
    if (!ok) this.missed++;
    console.log(`${ok ? 'PASS' : 'MISS'}  ${target}: ${measured}`);
    return ok;
  }

  finish(): void {
    process.exitCode = this.missed > 0 ? 1 : 0;
  }
}

/**
 * A 95 % interval for p95(a) / p95(b), by resampling whole cycles: `a[i]` and `b[i]` were
 * measured side by side in cycle i and share what the machine was doing then, so they are
 * drawn together. Says how far the ratio of one run can be trusted on a noisy machine.
 */
export function p95RatioInterval(a: number[][], b: number[][], random: () => number, rounds = 1000): [number, number] {
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const sa: number[] = [];
    const sb: number[] = [];
    for (let i = 0; i < a.length; i++) {
      const c = Math.floor(random() * a.length);
      sa.push(...a[c]);
      sb.push(...b[c]);
    }
    ratios.push(stats(sa).p95 / stats(sb).p95);
  }
  const sorted = ratios.sort((x, y) => x - y);
  return [sorted[Math.floor(rounds * 0.025)], sorted[Math.ceil(rounds * 0.975) - 1]];
}
