/**
 * The attacker's arithmetic. Every released figure is a sum, over a set of individuals,
 * of something about each of them (a level, "took the scan", "asked for help"). Whoever
 * collects releases holds linear equations over those individuals; they can determine the
 * figures of a set S of individuals exactly when the indicator vector of S lies in the row
 * space of the equations. This module answers: is there such an S with 1 ≤ |S| < k?
 *
 * Exact arithmetic modulo a prime (no floats). The row space is the orthogonal complement
 * of the kernel, so 1_S is in it exactly when Σ_{v∈S} c_v = 0, where c_v is column v of a
 * kernel basis. That turns the search into: a single column that is zero, two that cancel,
 * three that cancel (pairs looked up in a table of singles) — enough for k ≤ 4.
 */

const P = 1_000_003; // prime; products stay below 2^53

const mod = (a: number) => ((a % P) + P) % P;

function inverse(a: number): number {
  let [r0, r1, s0, s1] = [P, mod(a), 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0);
}

/** Reduced row echelon form modulo P; returns the pivot column of each remaining row. */
function rref(rows: number[][], width: number): { rows: number[][]; pivots: number[] } {
  const m = rows.map((r) => r.map(mod));
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < width && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c] !== 0);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p], m[r]];
    const inv = inverse(m[r][c]);
    m[r] = m[r].map((x) => (x * inv) % P);
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i][c] === 0) continue;
      const f = m[i][c];
      m[i] = m[i].map((x, j) => mod(x - ((f * m[r][j]) % P)));
    }
    pivots.push(c);
    r++;
  }
  return { rows: m.slice(0, r), pivots };
}

/** A figure that adds up some variables and subtracts others (a change: latest minus first). */
export interface SignedEquation {
  plus: number[];
  minus: number[];
}

/**
 * The smallest set (up to k−1 members, k ≤ 4) of variables whose sum the equations
 * determine, or null. Each equation is the set of variables it adds up, or a signed one.
 * Only variables that appear in some equation can be determined, so only those are columns.
 */
export function findSmallDeterminedSet(equations: Array<number[] | SignedEquation>, k: number): number[] | null {
  if (k > 4) throw new Error('the auditor searches sets of up to three individuals (k ≤ 4)');
  const signed = equations.map((e) => (Array.isArray(e) ? { plus: e, minus: [] } : e));
  const used = [...new Set(signed.flatMap((e) => [...e.plus, ...e.minus]))].sort((a, b) => a - b);
  if (used.length === 0) return null;
  const col = new Map(used.map((v, i) => [v, i]));
  const rowOf = (e: SignedEquation) => {
    const row = new Array<number>(used.length).fill(0);
    for (const v of new Set(e.plus)) row[col.get(v)!] += 1;
    for (const v of new Set(e.minus)) row[col.get(v)!] -= 1;
    return row;
  };
  const rows = [...new Map(signed.map((e) => rowOf(e)).map((r) => [r.join(','), r])).values()].filter((r) =>
    r.some((x) => x !== 0),
  );
  const { rows: reduced, pivots } = rref(rows, used.length);
  const pivotRow = new Map(pivots.map((c, i) => [c, i]));
  const free = [...used.keys()].filter((c) => !pivotRow.has(c));
  // Column c of the kernel basis: a free column is its own unit vector; a pivot column holds −R[i][f].
  const signature = (c: number): number[] => {
    const i = pivotRow.get(c);
    return free.map((f) => (i === undefined ? (f === c ? 1 : 0) : mod(-reduced[i][f])));
  };
  const sig = used.map((_, c) => signature(c));
  const key = (v: number[]) => v.join(',');
  const neg = (v: number[]) => v.map((x) => mod(-x));
  const add = (a: number[], b: number[]) => a.map((x, i) => (x + b[i]) % P);

  const singles = new Map<string, number[]>();
  for (let c = 0; c < used.length; c++) {
    if (sig[c].every((x) => x === 0)) return [used[c]];
    const list = singles.get(key(sig[c])) ?? [];
    list.push(c);
    singles.set(key(sig[c]), list);
  }
  if (k <= 2) return null;
  for (let a = 0; a < used.length; a++) {
    const match = (singles.get(key(neg(sig[a]))) ?? []).find((b) => b !== a);
    if (match !== undefined) return [used[a], used[match]];
  }
  if (k <= 3) return null;
  for (let a = 0; a < used.length; a++)
    for (let b = a + 1; b < used.length; b++) {
      const match = (singles.get(key(neg(add(sig[a], sig[b])))) ?? []).find((c) => c !== a && c !== b);
      if (match !== undefined) return [used[a], used[b], used[match]];
    }
  return null;
}
