/**
 * Small helpers of the help benchmarks: command-line numbers, a seeded random source,
 * percentiles and PASS/MISS lines (the format run-all.ts picks up: "PASS|MISS  target: figure").
 */

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

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles. */
export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1], mean: sorted.reduce((s, v) => s + v, 0) / sorted.length };
}

export const fmtMs = (v: number, digits = 2) => `${v.toFixed(digits)} ms`;

/** Collects targets and sets the exit code: 0 when all were met, 1 when any was missed. */
export class Verdicts {
  private missed = 0;

  check(ok: boolean, target: string, measured: string): boolean {
    if (!ok) this.missed++;
    console.log(`${ok ? 'PASS' : 'MISS'}  ${target}: ${measured}`);
    return ok;
  }

  get anyMissed(): boolean {
    return this.missed > 0;
  }

  finish(): void {
    process.exitCode = this.missed > 0 ? 1 : 0;
  }
}
