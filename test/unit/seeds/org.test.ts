import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  COACH_DOMAINS,
  JOB_PROFILES,
  NON_PC_JOB_PROFILES,
  type OrgSeed,
  type SeedTeam,
  type SeedUser,
} from '../../../seeds/org/types';

const ORG_DIR = path.resolve(__dirname, '../../../seeds/org');

interface Expectation {
  file: string;
  tenantId: string;
  country: 'NL' | 'BE';
  defaultLocale: 'nl-NL' | 'nl-BE';
  timeZone: 'Europe/Amsterdam' | 'Europe/Brussels';
  prefix: string;
  emailDomain: string;
}

const EXPECTED: Expectation[] = [
  {
    file: 'westerkwartier.json',
    tenantId: '6f0c3a52-9d1e-4b7a-8c2f-5e4d3b2a1c01',
    country: 'NL',
    defaultLocale: 'nl-NL',
    timeZone: 'Europe/Amsterdam',
    prefix: 'wk',
    emailDomain: 'westerkwartier.example',
  },
  {
    file: 'gent.json',
    tenantId: 'a3b9d7e1-4c2f-4e8a-b6d5-9f1e2c3d4b02',
    country: 'BE',
    defaultLocale: 'nl-BE',
    timeZone: 'Europe/Brussels',
    prefix: 'gt',
    emailDomain: 'stad.gent.example',
  },
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

function loadOrg(file: string): OrgSeed {
  return JSON.parse(fs.readFileSync(path.join(ORG_DIR, file), 'utf8')) as OrgSeed;
}

function assertKeys(obj: object, required: string[], optional: string[], what: string): void {
  const keys = Object.keys(obj);
  for (const key of required) assert.ok(keys.includes(key), `${what} lacks "${key}"`);
  for (const key of keys) {
    assert.ok(required.includes(key) || optional.includes(key), `${what} has unexpected key "${key}"`);
  }
}

function assertUnique(values: string[], what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    assert.ok(!seen.has(v), `duplicate ${what}: ${v}`);
    seen.add(v);
  }
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Members of a team: users in it, not counting the person who leads it. */
function membersOf(org: OrgSeed, team: SeedTeam): SeedUser[] {
  return org.users.filter((u) => u.teamId === team.id && u.id !== team.leaderId);
}

function departmentOf(org: OrgSeed, user: SeedUser): string {
  const team = org.teams.find((t) => t.id === user.teamId);
  assert.ok(team, `team ${user.teamId} of ${user.name} exists`);
  return team.departmentId;
}

function topOf(org: OrgSeed): SeedUser {
  const tops = org.users.filter((u) => u.managerId === null);
  assert.equal(tops.length, 1, 'exactly one person heads the organisation');
  return tops[0];
}

function managementTeamOf(org: OrgSeed): SeedTeam {
  const top = topOf(org);
  const team = org.teams.find((t) => t.leaderId === top.id);
  assert.ok(team, 'the head of the organisation leads a management team');
  return team;
}

for (const expected of EXPECTED) {
  describe(`The demo organisation in ${expected.file}`, () => {
    const org = loadOrg(expected.file);
    const userById = new Map(org.users.map((u) => [u.id, u]));
    const departmentIds = new Set(org.departments.map((d) => d.id));
    const locationIds = new Set(org.locations.map((l) => l.id));
    const teamById = new Map(org.teams.map((t) => [t.id, t]));

    describe('its file has exactly the agreed shape', () => {
      it('has tenant, departments, locations, teams and users and nothing else', () => {
        assertKeys(org, ['tenant', 'departments', 'locations', 'teams', 'users'], [], 'the file');
        assert.ok(Array.isArray(org.departments) && Array.isArray(org.locations));
        assert.ok(Array.isArray(org.teams) && Array.isArray(org.users));
      });

      it('describes the tenant with every agreed field', () => {
        assertKeys(
          org.tenant,
          ['id', 'name', 'shortName', 'country', 'defaultLocale', 'programmeAdmins', 'coordinatorId', 'anonymityThreshold'],
          [],
          'tenant',
        );
        for (const key of ['name', 'shortName'] as const) {
          assert.equal(typeof org.tenant[key], 'string');
          assert.ok(org.tenant[key].length > 0);
        }
      });

      it('gives every department, location and team only its agreed fields, all non-empty strings', () => {
        for (const d of org.departments) assertKeys(d, ['id', 'name', 'leaderId'], [], `department ${d.id}`);
        for (const l of org.locations) assertKeys(l, ['id', 'name', 'address'], [], `location ${l.id}`);
        for (const t of org.teams) {
          assertKeys(t, ['id', 'name', 'departmentId', 'locationId', 'leaderId'], [], `team ${t.id}`);
        }
        for (const item of [...org.departments, ...org.locations, ...org.teams]) {
          for (const [key, value] of Object.entries(item)) {
            assert.equal(typeof value, 'string', `${item.id}.${key} is a string`);
            assert.ok((value as string).trim().length > 0, `${item.id}.${key} is not empty`);
          }
        }
      });

      it('gives every user the agreed fields, a coach block only as an extra', () => {
        for (const u of org.users) {
          assertKeys(
            u,
            ['id', 'name', 'givenName', 'email', 'jobTitle', 'jobProfile', 'teamId', 'locationId', 'managerId', 'preferredLocale'],
            ['coach'],
            `user ${u.name}`,
          );
          for (const key of ['id', 'name', 'givenName', 'email', 'jobTitle', 'teamId', 'locationId', 'preferredLocale'] as const) {
            assert.equal(typeof u[key], 'string', `${u.name}.${key} is a string`);
            assert.ok(u[key].length > 0, `${u.name}.${key} is not empty`);
          }
          assert.ok(u.managerId === null || typeof u.managerId === 'string', `${u.name}.managerId`);
          assert.ok(u.name.startsWith(u.givenName + ' '), `${u.name} starts with the given name`);
        }
      });
    });

    describe('the tenant is the one the rest of the code expects', () => {
      it(`has the fixed tenant id ${expected.tenantId}`, () => {
        assert.equal(org.tenant.id, expected.tenantId);
      });

      it(`is in ${expected.country} and speaks ${expected.defaultLocale} by default`, () => {
        assert.equal(org.tenant.country, expected.country);
        assert.equal(org.tenant.defaultLocale, expected.defaultLocale);
      });

      it('shows aggregates only for groups of at least 5', () => {
        assert.equal(org.tenant.anonymityThreshold, 5);
      });

      it('has two programme admins who are employees, one of them the coordinator', () => {
        assert.equal(org.tenant.programmeAdmins.length, 2);
        assertUnique(org.tenant.programmeAdmins, 'programme admin');
        for (const id of org.tenant.programmeAdmins) assert.ok(userById.has(id), `admin ${id} is a user`);
        assert.ok(org.tenant.programmeAdmins.includes(org.tenant.coordinatorId), 'the coordinator is an admin');
      });
    });

    describe('every id is unique and well formed', () => {
      it('prefixes department, location and team slugs with the tenant', () => {
        const slug = new RegExp(`^${expected.prefix}-[a-z0-9]+(-[a-z0-9]+)*$`);
        for (const d of org.departments) assert.match(d.id, new RegExp(`^${expected.prefix}-dep-`), d.id);
        for (const l of org.locations) assert.match(l.id, new RegExp(`^${expected.prefix}-loc-`), l.id);
        for (const t of org.teams) assert.match(t.id, new RegExp(`^${expected.prefix}-team-`), t.id);
        for (const item of [...org.departments, ...org.locations, ...org.teams]) assert.match(item.id, slug);
      });

      it('never reuses a department, location, team or user id', () => {
        assertUnique(
          [...org.departments, ...org.locations, ...org.teams, ...org.users].map((x) => x.id),
          'id',
        );
      });

      it('uses lowercase GUIDs for users, like Entra object ids', () => {
        for (const u of org.users) assert.match(u.id, GUID, `${u.name} has a GUID id`);
      });

      it(`gives everyone a unique e-mail address at ${expected.emailDomain}`, () => {
        for (const u of org.users) {
          assert.match(u.email, /^[a-z.]+@[a-z.]+$/, u.email);
          assert.ok(u.email.endsWith('@' + expected.emailDomain), u.email);
        }
        assertUnique(org.users.map((u) => u.email), 'e-mail');
      });
    });

    describe('every reference points at something that exists', () => {
      it('places each team in a known department and location, led by a known user', () => {
        for (const t of org.teams) {
          assert.ok(departmentIds.has(t.departmentId), `${t.id} → ${t.departmentId}`);
          assert.ok(locationIds.has(t.locationId), `${t.id} → ${t.locationId}`);
          assert.ok(userById.has(t.leaderId), `${t.id} → leader ${t.leaderId}`);
        }
      });

      it('gives each department a head from the management team, the manager of its team leaders', () => {
        const management = managementTeamOf(org);
        for (const d of org.departments) {
          const head = userById.get(d.leaderId!);
          assert.ok(head, `${d.id} → head ${d.leaderId}`);
          assert.equal(head.teamId, management.id, `${head.name} sits in the management team`);
          for (const t of org.teams.filter((x) => x.departmentId === d.id && x.id !== management.id))
            assert.equal(userById.get(t.leaderId)!.managerId, head.id, `${t.id}'s leader reports to ${head.name}`);
        }
      });

      it('places each user in a known team and location, reporting to a known manager', () => {
        for (const u of org.users) {
          assert.ok(teamById.has(u.teamId), `${u.name} → ${u.teamId}`);
          assert.ok(locationIds.has(u.locationId), `${u.name} → ${u.locationId}`);
          if (u.managerId !== null) {
            assert.ok(userById.has(u.managerId), `${u.name} → manager ${u.managerId}`);
            assert.notEqual(u.managerId, u.id, `${u.name} is not their own manager`);
          }
        }
      });

      it('has a single head of the organisation, who leads the management team', () => {
        const top = topOf(org);
        const management = managementTeamOf(org);
        assert.equal(top.teamId, management.id);
      });

      it('uses every department and every location', () => {
        for (const d of org.departments) assert.ok(org.teams.some((t) => t.departmentId === d.id), `${d.id} has a team`);
        for (const l of org.locations) assert.ok(org.users.some((u) => u.locationId === l.id), `${l.id} has people`);
      });
    });

    describe('the hierarchy is a tree of leaders and their teams', () => {
      it('has 4–5 departments, 3 locations and 6–7 teams', () => {
        assert.ok(org.departments.length >= 4 && org.departments.length <= 5, `${org.departments.length} departments`);
        assert.equal(org.locations.length, 3);
        assert.ok(org.teams.length >= 6 && org.teams.length <= 7, `${org.teams.length} teams`);
      });

      it('lets each team leader belong to the team they lead or to the management team', () => {
        const management = managementTeamOf(org);
        for (const t of org.teams) {
          const leader = userById.get(t.leaderId)!;
          assert.ok(
            leader.teamId === t.id || leader.teamId === management.id,
            `${leader.name} leads ${t.id} and sits in ${leader.teamId}`,
          );
        }
      });

      it("makes the team's leader the manager of each member", () => {
        for (const t of org.teams) {
          for (const m of membersOf(org, t)) {
            assert.equal(m.managerId, t.leaderId, `${m.name} in ${t.id} reports to the team leader`);
          }
        }
      });

      it('has leaders report to a department head or the head of the organisation', () => {
        const top = topOf(org);
        const management = managementTeamOf(org);
        const heads = new Set([top.id, ...membersOf(org, management).map((u) => u.id)]);
        for (const t of org.teams) {
          if (t.id === management.id) continue;
          const leader = userById.get(t.leaderId)!;
          assert.ok(heads.has(leader.managerId!), `${leader.name} reports to a department head`);
        }
      });

      it('has no cycles in the reporting lines', () => {
        for (const u of org.users) {
          const visited = new Set<string>();
          let current: SeedUser | undefined = u;
          while (current && current.managerId !== null) {
            assert.ok(!visited.has(current.id), `cycle above ${u.name}`);
            visited.add(current.id);
            current = userById.get(current.managerId);
          }
          assert.ok(current, `${u.name}'s reporting line ends at the head`);
        }
      });
    });

    describe('team sizes show both visible and suppressed aggregates', () => {
      it('has exactly one team of 3 members, below the anonymity threshold', () => {
        const small = org.teams.filter((t) => membersOf(org, t).length < org.tenant.anonymityThreshold);
        assert.equal(small.length, 1, `small teams: ${small.map((t) => t.id).join(', ')}`);
        assert.equal(membersOf(org, small[0]).length, 3);
      });

      it('gives every other team 5–9 members, so its aggregates can show', () => {
        for (const t of org.teams) {
          const n = membersOf(org, t).length;
          if (n === 3) continue;
          assert.ok(n >= 5 && n <= 9, `${t.id} has ${n} members`);
        }
      });
    });

    describe('the people are a realistic municipal workforce', () => {
      it('has 38–44 employees', () => {
        assert.ok(org.users.length >= 38 && org.users.length <= 44, `${org.users.length} users`);
      });

      it('uses only the agreed job profiles', () => {
        for (const u of org.users) {
          assert.ok((JOB_PROFILES as readonly string[]).includes(u.jobProfile), `${u.name}: ${u.jobProfile}`);
        }
      });

      it('has at least a third non-PC workers (field staff, gardeners, childcare, cleaners)', () => {
        const nonPc = org.users.filter((u) => NON_PC_JOB_PROFILES.includes(u.jobProfile)).length;
        assert.ok(nonPc * 3 >= org.users.length, `${nonPc} of ${org.users.length} are non-PC workers`);
      });

      it('also has office workers in several profiles', () => {
        const office = new Set(org.users.map((u) => u.jobProfile).filter((p) => !NON_PC_JOB_PROFILES.includes(p)));
        assert.ok(office.size >= 3, `office profiles: ${[...office].join(', ')}`);
      });

      it(`speaks ${expected.defaultLocale}, except one international colleague in en-US`, () => {
        const english = org.users.filter((u) => u.preferredLocale === 'en-US');
        assert.equal(english.length, 1);
        for (const u of org.users) {
          if (u.preferredLocale !== 'en-US') assert.equal(u.preferredLocale, expected.defaultLocale, u.name);
        }
      });
    });

    describe('the digicoach network covers the whole organisation', () => {
      const coaches = org.users.filter((u) => u.coach !== undefined);

      it('has at least 10 digicoaches', () => {
        assert.ok(coaches.length >= 10, `${coaches.length} coaches`);
      });

      it('has coaches in every department, at least two in each', () => {
        for (const d of org.departments) {
          const n = coaches.filter((c) => departmentOf(org, c) === d.id).length;
          assert.ok(n >= 2, `${d.id} has ${n} coaches`);
        }
      });

      it('has coaches at every location', () => {
        for (const l of org.locations) {
          assert.ok(coaches.some((c) => c.locationId === l.id), `${l.id} has a coach`);
        }
      });

      it('gives every coach the agreed settings', () => {
        for (const c of coaches) {
          const coach = c.coach!;
          assertKeys(coach, ['domains', 'maxOpenTickets', 'weeklyCapacity', 'workingHours', 'takesIntakes', 'available'], [], `coach ${c.name}`);
          assert.equal(typeof coach.takesIntakes, 'boolean');
          assert.equal(coach.available, true, `${c.name} starts available`);
        }
      });

      it('gives every coach 2–4 distinct skill domains from the agreed list', () => {
        for (const c of coaches) {
          const domains = c.coach!.domains;
          assert.ok(domains.length >= 2 && domains.length <= 4, `${c.name} has ${domains.length} domains`);
          assertUnique(domains, `domain of ${c.name}`);
          for (const d of domains) assert.ok((COACH_DOMAINS as readonly string[]).includes(d), `${c.name}: ${d}`);
        }
      });

      it('gives every coach a capacity of 2–4, and not all the same', () => {
        for (const c of coaches) {
          const { maxOpenTickets, weeklyCapacity } = c.coach!;
          assert.ok(Number.isInteger(maxOpenTickets) && maxOpenTickets >= 2 && maxOpenTickets <= 4, `${c.name} maxOpenTickets`);
          assert.ok(Number.isInteger(weeklyCapacity) && weeklyCapacity >= 2 && weeklyCapacity <= 4, `${c.name} weeklyCapacity`);
        }
        assert.ok(new Set(coaches.map((c) => c.coach!.maxOpenTickets)).size > 1, 'maxOpenTickets varies');
        assert.ok(new Set(coaches.map((c) => c.coach!.weeklyCapacity)).size > 1, 'weeklyCapacity varies');
      });

      it(`gives every coach valid working hours in ${expected.timeZone}`, () => {
        for (const c of coaches) {
          const wh = c.coach!.workingHours;
          assertKeys(wh, ['days', 'start', 'end', 'timeZone'], [], `working hours of ${c.name}`);
          assert.equal(wh.timeZone, expected.timeZone);
          assert.ok(wh.days.length > 0, `${c.name} works some days`);
          assertUnique(wh.days.map(String), `day of ${c.name}`);
          for (const d of wh.days) assert.ok(Number.isInteger(d) && d >= 1 && d <= 7, `${c.name}: day ${d}`);
          assert.deepEqual(wh.days, [...wh.days].sort((a, b) => a - b), `${c.name}'s days are in order`);
          assert.match(wh.start, HH_MM);
          assert.match(wh.end, HH_MM);
          assert.ok(minutes(wh.start) < minutes(wh.end), `${c.name} starts before ending`);
        }
      });

      it('includes part-timers and early field shifts', () => {
        assert.ok(coaches.some((c) => c.coach!.workingHours.days.length < 5), 'a part-time coach');
        assert.ok(coaches.some((c) => minutes(c.coach!.workingHours.start) <= 7 * 60), 'an early-shift coach');
      });

      it('has coaches who take intakes and coaches who do not', () => {
        assert.ok(coaches.some((c) => c.coach!.takesIntakes));
        assert.ok(coaches.some((c) => !c.coach!.takesIntakes));
      });
    });
  });
}

describe('The two demo municipalities side by side', () => {
  const orgs = EXPECTED.map((e) => loadOrg(e.file));

  it("know exactly the scan's job profiles, so the directory can pre-select each of them", () => {
    const scanProfiles = (
      JSON.parse(fs.readFileSync(path.resolve(ORG_DIR, '../scan/profiles.json'), 'utf8')) as { id: string }[]
    ).map((p) => p.id);
    assert.deepEqual([...JOB_PROFILES].sort(), scanProfiles.sort());
  });

  it('are two different tenants', () => {
    assert.notEqual(orgs[0].tenant.id, orgs[1].tenant.id);
  });

  it('never share a user id, e-mail address or slug', () => {
    assertUnique(orgs.flatMap((o) => o.users.map((u) => u.id)), 'user id across tenants');
    assertUnique(orgs.flatMap((o) => o.users.map((u) => u.email)), 'e-mail across tenants');
    assertUnique(
      orgs.flatMap((o) => [...o.departments, ...o.locations, ...o.teams].map((x) => x.id)),
      'slug across tenants',
    );
  });
});
