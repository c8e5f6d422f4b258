/**
 * Anonymity for every aggregate the tab shows, in one pure module.
 *
 * 1. Threshold: no figure about a group of fewer than `k` people (participation: members;
 *    results: respondents). `k` is the tenant's setting, never below 3.
 * 2. No differencing: every group anyone in the tenant may be shown (teams to their
 *    leaders; departments, locations and the tenant to the programme team) is planned
 *    together, as if one person saw them all. Whatever can be computed by adding and
 *    subtracting published groups (a department minus its teams, the tenant minus every
 *    other team, a location minus a department...) must also hold at least `k`; a group
 *    that would betray a smaller one is suppressed too (complementary suppression).
 * 3. No differencing over time: every figure comes from the tenant's released snapshot
 *    (release.ts), where figures move only in steps of at least `k` people.
 *
 * Departments and locations are made of whole teams (roll-ups of team figures), so the
 * organisation is a bipartite graph: departments and locations are vertices, each team an
 * edge between its department and its location. Once the published teams are subtracted,
 * a set F of suppressed teams is derivable exactly when some vertex set X (closed: a
 * location in X brings all its departments) has F as the edges from its departments to the
 * locations outside it. The smallest such F is a minimum cut, found with a max-flow that
 * stops as soon as `k` is reached. Suppressed departments (and people without a department)
 * merge into one vertex known from the tenant total; the same for locations.
 */

export type GroupKind = 'tenant' | 'department' | 'location' | 'team';
export interface GroupRef {
  kind: GroupKind;
  id: string;
}
export const groupKey = (g: GroupRef): string => `${g.kind}|${g.id}`;
export function parseGroupKey(key: string): GroupRef {
  const at = key.indexOf('|');
  return { kind: key.slice(0, at) as GroupKind, id: key.slice(at + 1) };
}

export const MIN_THRESHOLD = 3;

/** The tenant's setting if it has one, else the deployment's default; never below 3. */
export function effectiveThreshold(tenantSetting: number | undefined | null, fallback: number): number {
  const chosen = typeof tenantSetting === 'number' && Number.isFinite(tenantSetting) ? tenantSetting : fallback;
  return Math.max(MIN_THRESHOLD, Math.ceil(chosen));
}

/** The organisation as the plan sees it: teams with their department and location, and how many have no team. */
export interface Structure {
  tenantId: string;
  teams: Array<{ id: string; department?: string; location?: string }>;
  /** People in no team: they count in the tenant only. */
  teamless: number;
}

export type Suppression = 'below-threshold' | 'complementary';

export interface PublicationPlan {
  threshold: number;
  published: Set<string>;
  suppressed: Map<string, Suppression>;
}

/** Participation is planned on members; results on respondents, only for groups whose participation is shown. */
export interface DashboardPlan {
  threshold: number;
  participation: PublicationPlan;
  results: PublicationPlan;
}

export function planDashboard(
  structure: Structure,
  members: { teams: Map<string, number>; tenant: number },
  respondents: { teams: Map<string, number>; tenant: number },
  threshold: number,
): DashboardPlan {
  const participation = planPublication(structure, members.teams, members.tenant, threshold);
  const results = planPublication(structure, respondents.teams, respondents.tenant, threshold, participation.published);
  return { threshold, participation, results };
}

const D_STAR = 'department|*';
const L_STAR = 'location|*';

interface Edge {
  team: string | null;
  dep: string | null;
  loc: string | null;
  value: number;
}

/**
 * Chooses which groups may be published: those of at least `threshold` (primary), minus
 * as few others as needed so that nothing smaller can be derived from what is left.
 * Team values are sizes (people or respondents); departments and locations are their sums.
 */
export function planPublication(
  structure: Structure,
  teamValues: Map<string, number>,
  tenantValue: number,
  threshold: number,
  eligible?: Set<string>,
): PublicationPlan {
  const k = threshold;
  const tenant = groupKey({ kind: 'tenant', id: structure.tenantId });
  const edges: Edge[] = structure.teams.map((t) => ({
    team: groupKey({ kind: 'team', id: t.id }),
    dep: t.department ? groupKey({ kind: 'department', id: t.department }) : null,
    loc: t.location ? groupKey({ kind: 'location', id: t.location }) : null,
    value: teamValues.get(t.id) ?? 0,
  }));
  const teamSum = edges.reduce((s, e) => s + e.value, 0);
  if (structure.teamless > 0)
    edges.push({ team: null, dep: null, loc: null, value: Math.max(0, tenantValue - teamSum) });

  const values = new Map<string, number>([[tenant, tenantValue]]);
  for (const e of edges) {
    if (e.team) values.set(e.team, e.value);
    for (const v of [e.dep, e.loc]) if (v) values.set(v, (values.get(v) ?? 0) + e.value);
  }
  const published = new Set<string>();
  const suppressed = new Map<string, Suppression>();
  for (const [g, v] of values) {
    if (v >= k && (!eligible || eligible.has(g))) published.add(g);
    else suppressed.set(g, 'below-threshold');
  }
  const hide = (g: string) => {
    published.delete(g);
    if (!suppressed.has(g)) suppressed.set(g, 'complementary');
  };
  if (!published.has(tenant)) {
    // Every group is part of the tenant: if it is too small, so is everything else.
    for (const g of [...published]) hide(g);
    return { threshold: k, published, suppressed };
  }

  for (let round = 0; ; round++) {
    const leaks = findLeaks(edges, published, k);
    if (leaks.length === 0) break;
    const before = published.size;
    for (const leak of leaks) {
      const pick = complementFor(leak, edges, published, values, k);
      if (pick) hide(pick);
    }
    if (published.size === before || round > values.size) {
      // A leak nothing can fix short of the tenant: fail closed.
      for (const g of [...published]) hide(g);
      break;
    }
  }
  return { threshold: k, published, suppressed };
}

/** The vertex an edge hangs from on each side, given what is published. */
const depOf = (e: Edge, published: Set<string>) => (e.dep && published.has(e.dep) ? e.dep : D_STAR);
const locOf = (e: Edge, published: Set<string>) => (e.loc && published.has(e.loc) ? e.loc : L_STAR);

interface Leak {
  /** The closed vertex set whose cut is the derivable set. */
  inside: Set<string>;
  value: number;
}

/** For every department–location pair of a suppressed team: the smallest derivable set holding it, if below k. */
function findLeaks(edges: Edge[], published: Set<string>, k: number): Leak[] {
  const hidden = edges.filter((e) => !e.team || !published.has(e.team));
  const pairs = new Map<string, [string, string]>();
  for (const e of hidden) {
    const d = depOf(e, published);
    const l = locOf(e, published);
    pairs.set(`${d}\n${l}`, [d, l]);
  }
  const leaks: Leak[] = [];
  const seen = new Set<string>();
  for (const [d, l] of pairs.values()) {
    const cut = minCut(
      hidden.map((e) => [depOf(e, published), locOf(e, published), e.value] as const),
      d,
      l,
      k,
    );
    if (cut.value >= k) continue;
    const signature = [...cut.inside].sort().join('\n');
    if (seen.has(signature)) continue;
    seen.add(signature);
    leaks.push(cut);
  }
  return leaks;
}

/**
 * What to give up for a leak: a published team crossing the cut (it adds to the derived
 * set: the smallest that lifts it to k, else the largest); else a team entering the closed
 * set (it breaks it); else a department or location merged into the unknown rest; the
 * tenant never (the caller fails closed instead).
 */
function complementFor(
  leak: Leak,
  edges: Edge[],
  published: Set<string>,
  values: Map<string, number>,
  k: number,
): string | null {
  const deficit = k - leak.value;
  const shown = edges.filter((e) => e.team && published.has(e.team));
  const crossing = shown.filter((e) => leak.inside.has(depOf(e, published)) && !leak.inside.has(locOf(e, published)));
  if (crossing.length) {
    const enough = crossing.filter((e) => e.value >= deficit);
    const pick = enough.length ? minBy(enough, (e) => e.value) : minBy(crossing, (e) => -e.value);
    return pick.team;
  }
  const entering = shown.filter((e) => !leak.inside.has(depOf(e, published)) && leak.inside.has(locOf(e, published)));
  if (entering.length) return minBy(entering, (e) => e.value).team;
  const units = [...published].filter((g) => g.startsWith('department|') || g.startsWith('location|'));
  const side = leak.inside.has(D_STAR) ? 'department|' : !leak.inside.has(L_STAR) ? 'location|' : '';
  const preferred = units.filter((g) => g.startsWith(side));
  const candidates = preferred.length ? preferred : units;
  return candidates.length ? minBy(candidates, (g) => values.get(g) ?? 0) : null;
}

function minBy<T>(list: T[], score: (x: T) => number): T {
  return list.reduce((best, x) => (score(x) < score(best) ? x : best));
}

const INFINITE = Number.MAX_SAFE_INTEGER;

/**
 * Minimum over closed sets X with `from` inside and `to` outside of the value of the edges
 * leaving X (department in X, location not), by max-flow: each edge is an arc
 * department→location with its value and an infinite arc back (closure). Stops at `k`:
 * beyond that nothing leaks, and the value is all the caller needs.
 */
function minCut(edges: ReadonlyArray<readonly [string, string, number]>, from: string, to: string, k: number): Leak {
  const index = new Map<string, number>();
  const node = (name: string) => index.get(name) ?? index.set(name, index.size).get(name)!;
  const head: number[] = [];
  const next: number[] = [];
  const target: number[] = [];
  const cap: number[] = [];
  const arc = (u: number, v: number, c: number) => {
    for (const [a, b, cc] of [
      [u, v, c],
      [v, u, 0],
    ] as const) {
      target.push(b);
      cap.push(cc);
      next.push(head[a] ?? -1);
      head[a] = target.length - 1;
    }
  };
  const s = node('\u0000source');
  const t = node('\u0000sink');
  for (const [d, l, v] of edges) {
    arc(node(d), node(l), v);
    arc(node(l), node(d), INFINITE);
  }
  arc(s, node(from), INFINITE);
  arc(node(to), t, INFINITE);

  let flow = 0;
  const reach = (): number[] | null => {
    const via = new Array<number>(index.size).fill(-1);
    const seen = new Array<boolean>(index.size).fill(false);
    seen[s] = true;
    const queue = [s];
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q];
      for (let a = head[u] ?? -1; a !== -1; a = next[a]) {
        if (cap[a] > 0 && !seen[target[a]]) {
          seen[target[a]] = true;
          via[target[a]] = a;
          if (target[a] === t) return via;
          queue.push(target[a]);
        }
      }
    }
    lastSeen = seen;
    return null;
  };
  let lastSeen: boolean[] = [];
  while (flow < k) {
    const via = reach();
    if (!via) break;
    let push = INFINITE;
    for (let v = t; v !== s; v = target[via[v] ^ 1]) push = Math.min(push, cap[via[v]]);
    for (let v = t; v !== s; v = target[via[v] ^ 1]) {
      cap[via[v]] -= push;
      cap[via[v] ^ 1] += push;
    }
    flow += push;
  }
  if (flow >= k) return { inside: new Set(), value: flow };
  const inside = new Set([...index.keys()].filter((name) => lastSeen[index.get(name)!] && !name.startsWith('\u0000')));
  return { inside, value: flow };
}

// ---------------------------------------------------------------------------------------

/** A group's released results, as the figures module turns them into a response. */
export interface ReleasedResults<T> {
  /** Completions counted when released. */
  completions: number;
  respondents: number;
  value: T;
  releasedAt: string;
}

/** A median or an average is shown only when it summarises at least `k` events. */
export function enoughEvents(count: number, threshold: number): boolean {
  return count >= threshold;
}
