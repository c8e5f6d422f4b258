import type { HelpAggregates, HelpScope } from '../help/help-ports';
import type { Person } from '../org';
import type { Level, Profile } from '../scan/content';
import type { AggregateScope, ScanAggregates } from '../scan/scan-types';

/**
 * Example figures for the demo organisation (development only), written through the
 * same aggregate repositories the scan and help features use, as if the people had
 * taken the scan and asked for help: so a leader opening the tab in the playground sees
 * a realistic dashboard. Deterministic: the same people give the same figures.
 */
export async function writeDemoFigures(deps: {
  scanAggregates: ScanAggregates;
  helpAggregates: HelpAggregates;
  people: Person[];
  teamDepartments: Map<string, string>;
  profiles: Profile[];
  now: Date;
}): Promise<{ completed: number; retakes: number; inProgress: number; helpRequests: number }> {
  const profiles = new Map(deps.profiles.map((p) => [p.id, p]));
  const byTeam = new Map<string, Person[]>();
  for (const p of deps.people) {
    const list = byTeam.get(p.teamId ?? '') ?? [];
    list.push(p);
    byTeam.set(p.teamId ?? '', list);
  }
  const out = { completed: 0, retakes: 0, inProgress: 0, helpRequests: 0 };
  const retaking = retakingTeams([...byTeam.keys()]);
  for (const [teamId, members] of byTeam) {
    // The Ghent funnel: about 85 % took the screening. Per team, so small teams stay small.
    const ordered = [...members].sort((a, b) => hash(a.id) - hash(b.id));
    const completing = Math.floor(ordered.length * 0.85);
    for (const [i, person] of ordered.entries()) {
      const rnd = random(hash(person.id));
      const profile = profiles.get(person.jobProfile ?? '') ?? deps.profiles[0];
      const department = person.departmentId ?? (person.teamId ? deps.teamDepartments.get(person.teamId) : undefined);
      const scopes = scopesOf(person, department, profile.id);
      if (i >= completing) {
        if (i === completing) {
          await deps.scanAggregates.record(person.tenantId, scopes, { type: 'scan-started' });
          out.inProgress++;
        }
        continue;
      }
      await deps.scanAggregates.record(person.tenantId, scopes, { type: 'scan-started' });
      const levels: Record<string, Level> = {};
      for (const [domain, target] of Object.entries(profile.targets))
        levels[domain] = Math.max(1, Math.min(4, target + Math.floor(rnd() * 3) - 1)) as Level;
      const month = monthsBack(deps.now, Math.floor(rnd() * 6));
      const completed = {
        type: 'scan-completed' as const,
        targets: profile.targets,
        itemsAsked: 40 + Math.floor(rnd() * 20),
      };
      if (retaking.has(teamId)) {
        // The nulmeting half a year or more ago, then the eenmeting: a level up in some domains.
        const first: Record<string, Level> = {};
        for (const [domain, level] of Object.entries(levels))
          first[domain] = Math.max(1, level - (rnd() < 0.45 ? 1 : 0)) as Level;
        await deps.scanAggregates.record(person.tenantId, scopes, {
          ...completed,
          levels: first,
          previous: null,
          month: monthsBack(deps.now, 6 + Math.floor(rnd() * 3)),
        });
        await deps.scanAggregates.record(person.tenantId, scopes, {
          ...completed,
          levels,
          previous: { levels: first, targets: profile.targets },
          month: monthsBack(deps.now, Math.floor(rnd() * 2)),
          growth: { first, replaced: null, latest: levels },
        });
        out.retakes++;
      } else await deps.scanAggregates.record(person.tenantId, scopes, { ...completed, levels, previous: null, month });
      out.completed++;
      if (Object.values(levels).includes(1) && rnd() < 0.6)
        await deps.scanAggregates.record(person.tenantId, scopes, { type: 'intake-requested' });
      if (rnd() < 0.85)
        await deps.scanAggregates.record(person.tenantId, scopes, {
          type: 'module-progress',
          firstStarted: true,
          firstFinished: false,
        });
      if (rnd() < 0.6) {
        // Where the finished module was confirmed: a separate draw, so the other figures stay as they were.
        const r = random(hash(`source:${person.id}`))();
        const source = r < 0.5 ? 'self' : r < 0.75 ? 'event' : r < 0.9 ? 'import' : 'xapi';
        await deps.scanAggregates.record(person.tenantId, scopes, {
          type: 'module-progress',
          firstStarted: false,
          firstFinished: true,
          firstConfirmed: source !== 'self',
          firstSources: [source],
        });
      }
    }
    for (const person of ordered) {
      const rnd = random(hash(`help:${person.id}`));
      if (rnd() > 0.45) continue;
      const department = person.departmentId ?? (person.teamId ? deps.teamDepartments.get(person.teamId) : undefined);
      await helpRequest(deps.helpAggregates, person, department, rnd, deps.now);
      out.helpRequests++;
    }
  }
  return out;
}

/**
 * The teams whose colleagues all took the scan a second time: every other team in a fixed
 * order of their ids, so the demo has groups with growth and groups still at "not yet".
 * Whole teams retake, as a retake campaign per team would; a team smaller than the
 * anonymity threshold shows no growth all the same (the release model keeps it back).
 */
function retakingTeams(teamIds: string[]): Set<string> {
  const ordered = teamIds.filter(Boolean).sort((a, b) => hash(a) - hash(b));
  return new Set(ordered.filter((_, i) => i % 2 === 0));
}

async function helpRequest(
  help: HelpAggregates,
  person: Person,
  department: string | undefined,
  rnd: () => number,
  now: Date,
): Promise<void> {
  const requester: HelpScope[] = scopesOf(person, department, null);
  const coach: HelpScope[] = department ? [{ kind: 'coach-department', id: department }] : [];
  const month = monthsBack(now, Math.floor(rnd() * 6));
  const record = (scopes: HelpScope[], e: Parameters<HelpAggregates['record']>[2]) =>
    help.record(person.tenantId, scopes, e);
  await record(requester, { type: 'requested', intake: false, month });
  if (rnd() < 0.2) {
    await record(coach, { type: 'offered' });
    await record(coach, rnd() < 0.5 ? { type: 'declined' } : { type: 'timed-out' });
  }
  await record(coach, { type: 'offered' });
  const toAccept = 1 + Math.floor(rnd() * 25);
  await record([...requester, ...coach], { type: 'accepted', minutesToAccept: toAccept });
  const toResolve = toAccept + 5 + Math.floor(rnd() * 40);
  await record([...requester, ...coach], {
    type: 'resolved',
    minutesToResolve: toResolve,
    minutesSpent: 5 + Math.floor(rnd() * 10),
    outcome: rnd() < 0.85 ? 'solved' : 'training',
    month,
  });
  if (rnd() < 0.8) await record([...requester, ...coach], { type: 'rated', rating: 3 + Math.floor(rnd() * 3) });
}

function scopesOf(p: Person, department: string | undefined, profile: string | null): AggregateScope[] {
  const scopes: AggregateScope[] = [{ kind: 'tenant', id: p.tenantId }];
  if (profile) scopes.push({ kind: 'profile', id: profile });
  if (department) scopes.push({ kind: 'department', id: department });
  if (p.locationId) scopes.push({ kind: 'location', id: p.locationId });
  if (p.teamId) scopes.push({ kind: 'team', id: p.teamId });
  return scopes;
}

function monthsBack(now: Date, back: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** mulberry32: a small seeded generator, so the demo is the same every time. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
