/**
 * Ranking among 10,000 coaches (issue "Help from the nearest digicoach", "Performance"):
 * target p95 ≤ 5 ms per chooseCoach call.
 *
 * A generated tenant of 10,000 coaches over 200 teams, 40 departments and 25 locations
 * (random skills, maximum open tickets and weekly capacities, full-timers and part-timers
 * in six time zones, 8 % switched off, random load and last-offered times) and a set of
 * tickets (employees, unknown users and coaches asking, random topics, 10 % intakes,
 * 0–3 coaches who already passed on them, 5 % with a preferred coach). Half of the calls
 * carry a Teams presence map that knows 60 % of the coaches. Each call is timed on its
 * own after a warm-up; the figures are p50/p95/p99 and calls per second.
 *
 * Correctness inside the benchmark: on a sample of the same calls, and on small pools of
 * 30 coaches where the later criteria decide, the chosen coach and the number of
 * candidates are compared with a slow reference (lib/help-reference.ts: filter, then
 * sort every candidate by the documented criteria). Mismatches must be 0.
 *
 *   npx tsx test/bench/help-ranking.ts [--coaches=10000] [--tickets=2000] [--warmup=500] [--calls=3000]
 *                                      [--check=300] [--small-pools=2000] [--seed=42]
 */
import type { Coach } from '../../bot/domain/help/help-types';
import { chooseCoach, type RoutingInput } from '../../bot/domain/help/routing';
import { withinWorkingHours } from '../../bot/domain/help/working-hours';
import { makeCalls, makeCoaches, makeOrg } from './lib/help-population';
import { referenceChoose } from './lib/help-reference';
import { ms, numArg, seeded, stats, Targets } from './lib/report';

const COACHES = numArg('coaches', 10_000);
const TICKETS = Math.max(1, numArg('tickets', 2000));
const WARMUP = numArg('warmup', 500);
const CALLS = Math.max(1, numArg('calls', 3000));
const CHECK = numArg('check', 300);
const SMALL_POOLS = numArg('small-pools', 2000);
const SEED = numArg('seed', 42);
const TARGET_P95_MS = 5;
/** Monday 23 November 2026, 00:00 UTC: the benchmark's week. */
const WEEK_START = new Date('2026-11-23T00:00:00Z');

interface Mismatch {
  where: string;
  label: string;
  ours: string | null;
  reference: string | null;
  ourCandidates: number | null;
  referenceCandidates: number;
  detail: unknown;
}

function compareWithReference(input: RoutingInput, where: string, label: string): Mismatch | null {
  const ours = chooseCoach(input);
  const ref = referenceChoose(input);
  const oursId = ours?.coach.userId ?? null;
  const ourCandidates = ours?.candidates ?? (oursId === null ? 0 : null);
  if (oursId === ref.userId && ourCandidates === ref.candidates) return null;
  return {
    where,
    label,
    ours: oursId,
    reference: ref.userId,
    ourCandidates,
    referenceCandidates: ref.candidates,
    detail: {
      ticket: input.ticket,
      now: input.now.toISOString(),
      preferCoachId: input.preferCoachId ?? null,
      oursKey: oursId ? ref.explain(oursId) : null,
      referenceKey: ref.userId ? ref.explain(ref.userId) : null,
      oursReasons: ours?.reasons ?? null,
    },
  };
}

async function main(): Promise<void> {
  const random = seeded(SEED);
  const org = makeOrg(random, { teams: 200, departments: 40, locations: 25 });
  const coaches = makeCoaches(random, org, {
    coaches: COACHES,
    teams: 200,
    departments: 40,
    locations: 25,
    weekStart: WEEK_START,
  });
  const calls = makeCalls(random, org, coaches, TICKETS, WEEK_START, 0.5);

  const zones = new Map<string, number>();
  for (const c of coaches) zones.set(c.workingHours.timeZone, (zones.get(c.workingHours.timeZone) ?? 0) + 1);
  const partTimers = coaches.filter((c) => c.workingHours.days.length < 5 || c.workingHours.end < '13:00').length;
  console.log(
    `help ranking — chooseCoach among ${coaches.length} coaches (${org.teams.length} teams, ${org.departments.length} departments, ${org.locations.length} locations), seed ${SEED}`,
  );
  console.log(
    `  coaches: ${coaches.filter((c) => !c.available).length} switched off, ${partTimers} part-time, ${coaches.filter((c) => c.openTickets + c.pendingOffers >= c.maxOpenTickets).length} at their maximum, time zones ${[...zones].map(([z, n]) => `${z} ${n}`).join(', ')}`,
  );
  console.log(
    `  tickets: ${calls.length} distinct (requester, topic, passedBy, kind, moment); ${calls.filter((c) => c.input.presence).length} with a presence map, ${calls.filter((c) => c.input.preferCoachId).length} with a preferred coach`,
  );

  // Warm-up, then every call timed on its own.
  let sink = 0;
  for (let i = 0; i < WARMUP; i++) sink += chooseCoach(calls[i % calls.length].input)?.candidates ?? 0;
  const latencies: number[] = [];
  const candidates: number[] = [];
  let none = 0;
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const input = calls[(i * 7919) % calls.length].input;
    const t0 = performance.now();
    const choice = chooseCoach(input);
    latencies.push(performance.now() - t0);
    if (choice) candidates.push(choice.candidates);
    else none++;
    sink += choice?.candidates ?? 0;
  }
  const seconds = (performance.now() - started) / 1000;
  const p = stats(latencies);
  const cand = stats(candidates);
  console.log(`timed: ${CALLS} calls after ${WARMUP} warm-up calls`);
  console.log(
    `  chooseCoach   p50 ${ms(p.p50, 3)}   p95 ${ms(p.p95, 3)}   p99 ${ms(p.p99, 3)}   max ${ms(p.max, 3)}   mean ${ms(p.mean, 3)}   ${(CALLS / seconds).toFixed(0)} calls/s`,
  );
  console.log(`  candidates per call: p50 ${cand.p50}, p95 ${cand.p95}; no coach at all: ${none}`);

  // Where the time goes (informative): the working-hours test alone, over every coach, at the same moments.
  const whSamples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const now = calls[i % calls.length].input.now;
    const t0 = performance.now();
    for (const c of coaches) if (withinWorkingHours(c.workingHours, now)) sink++;
    whSamples.push(performance.now() - t0);
  }
  const wh = stats(whSamples);
  const reached = coaches.filter(
    (c: Coach) => c.available && c.openTickets + c.pendingOffers < c.maxOpenTickets,
  ).length;
  console.log(
    `  informative: withinWorkingHours over all ${coaches.length} coaches takes p50 ${ms(wh.p50, 3)} (${((wh.p50 * 1000) / coaches.length).toFixed(2)} µs per coach); chooseCoach reaches it for the ${reached} coaches who are switched on and below their maximum`,
  );

  // Correctness against the slow reference.
  const mismatches: Mismatch[] = [];
  const checked = Math.min(CHECK, calls.length);
  for (let i = 0; i < checked; i++) {
    const m = compareWithReference(calls[i].input, 'full tenant', calls[i].label);
    if (m) mismatches.push(m);
  }
  // Small pools: few candidates, so skill, capacity, load, rotation and the tie-break decide.
  const poolRandom = seeded(SEED + 1);
  for (let i = 0; i < SMALL_POOLS; i++) {
    const base = calls[i % calls.length].input;
    const pool: Coach[] = [];
    const sameTeam = coaches.filter((c) => base.ticket.requester.teamId && c.teamId === base.ticket.requester.teamId);
    for (let k = 0; k < 30; k++)
      pool.push(
        sameTeam.length && poolRandom() < 0.4
          ? sameTeam[Math.floor(poolRandom() * sameTeam.length)]
          : coaches[Math.floor(poolRandom() * coaches.length)],
      );
    // Equal rotation state for a third of the pools, so the load and the tie-break are exercised.
    const unique = [...new Set(pool)];
    const equalised = i % 3 === 0 ? unique.map((c) => ({ ...c, lastOfferedAt: null })) : unique;
    const m = compareWithReference({ ...base, coaches: equalised }, 'small pool', calls[i % calls.length].label);
    if (m) mismatches.push(m);
  }
  console.log(
    `correctness: ${checked} calls on the full tenant and ${SMALL_POOLS} small pools (30 coaches) compared with the reference (filter, then sort all candidates)`,
  );
  console.log(
    `  mismatches: ${mismatches.length} (full tenant ${mismatches.filter((m) => m.where === 'full tenant').length}, small pools ${mismatches.filter((m) => m.where === 'small pool').length})`,
  );
  for (const m of mismatches.slice(0, 3)) console.log(`  example: ${JSON.stringify(m)}`);

  const verdicts = new Targets();
  verdicts.check(
    p.p95 <= TARGET_P95_MS,
    `ranking among ${coaches.length} coaches p95 ≤ ${TARGET_P95_MS} ms`,
    `p95 ${ms(p.p95, 3)} (p50 ${ms(p.p50, 3)}, p99 ${ms(p.p99, 3)}, ${(CALLS / seconds).toFixed(0)} calls/s)`,
  );
  verdicts.check(
    mismatches.length === 0,
    'chosen coach = best by the reference ranking (0 mismatches)',
    `${mismatches.length} mismatches in ${checked + SMALL_POOLS} checked calls`,
  );
  if (sink === -1) console.log(''); // keeps the measured work observable
  verdicts.finish();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});
