import { AppError, isConflict } from '../errors';
import type { OrgUnit, Tenant, UserContext } from '../org';
import type { Clock, Directory } from '../ports';
import type { CoachRepository } from './help-ports';
import type { HelpView } from './help-service';
import { type Coach, type CoachApproval, isApproved } from './help-types';
import { contactsOf } from './contacts';
import { approvalOnRegister } from './coach-approvals';
import type { CoachSettings } from './help-commands';
import { isoWeek } from './working-hours';
import { updateCoach } from './coach-record';
import { type Caller, notFound, requireAdmin } from '../dashboard/access';

import { type AdminAuditEntry, type AdminAuditLog, auditListing } from '../audit';

/** The audit log lives in `domain/audit.ts` (one log for every administrative action). */
export type { AdminAuditEntry, AdminAuditLog };

export interface CoachAdminPorts {
  audit: AdminAuditLog;
  /** Deletes the coach's routing record if unchanged since read; a conflict AppError otherwise. */
  remove(tenantId: string, userId: string, etag: string): Promise<void>;
}

/** A coach as the admin's list shows them: settings and load, never ticket contents. */
export interface AdminCoachRow {
  userId: string;
  name: string;
  department: string | null;
  location: string | null;
  domains: string[];
  maxOpenTickets: number;
  weeklyCapacity: number;
  workingHours: { days: number[]; start: string; end: string };
  takesIntakes: boolean;
  available: boolean;
  openTickets: number;
  pendingOffers: number;
}

export interface CoachAdmin {
  list(caller: Caller): Promise<AdminCoachRow[]>;
  /** People of the directory by (part of) their name, to pick a new coach. */
  people(
    caller: Caller,
    query: string,
  ): Promise<Array<{ userId: string; name: string; departmentId: string | null; coach: boolean }>>;
  save(caller: Caller, userId: string, settings: CoachSettings): Promise<Coach>;
  /** Refused (409) while the coach has open or offered tickets. */
  remove(caller: Caller, userId: string): Promise<void>;
  /** The latest entries (ids only) and the names of the admins and coaches they mention. */
  auditLog(caller: Caller): Promise<{ entries: AdminAuditEntry[]; names: Record<string, string> }>;
}

const bad = () => new AppError('bad_input', 400, 'error.badInput');

/** Digicoaches themselves: registering (`word digicoach`), availability, and records for the directory's coaches. */
export class CoachService {
  constructor(
    private readonly deps: {
      coaches: CoachRepository;
      directory: Directory;
      clock: Clock;
      topics: () => string[];
      /** A registration now waits for approval: its approvers are told (CoachApprovals.requested). */
      onPending?: (coach: Coach, tenant: Tenant | null) => void;
    },
  ) {}

  async registrationForm(user: UserContext): Promise<HelpView> {
    const current = await this.deps.coaches.get(user.tenantId, user.userId);
    return {
      kind: 'registration',
      current: current?.value ?? null,
      departmentKnown: Boolean(user.department),
      ownLocationId: user.location?.id,
      tenantId: user.tenantId,
    };
  }

  /** `word digicoach`: register (or update) oneself as a coach. */
  async register(
    user: UserContext,
    settings: CoachSettings,
    units: { locations: OrgUnit[]; departments: OrgUnit[] },
  ): Promise<HelpView> {
    const input = checkCoachSettings(settings, this.deps.topics(), units);
    if (!input) throw bad();
    const [tenant, before] = await Promise.all([
      this.deps.directory.getTenant(user.tenantId),
      this.deps.coaches.get(user.tenantId, user.userId),
    ]);
    const approval = approvalOnRegister(before?.value ?? null, tenant, this.deps.clock.now());
    const coach = await this.save(
      {
        tenantId: user.tenantId,
        userId: user.userId,
        name: user.name,
        email: user.person?.email,
        teamId: user.team?.id,
        departmentId: user.department?.id,
        locationId: user.location?.id,
      },
      input,
      approval,
    );
    const waitedAlready = before?.value.approval?.state === 'pending';
    if (approval?.state === 'pending' && !waitedAlready) this.deps.onPending?.(coach, tenant);
    return { kind: 'registered', coach };
  }

  /** The programme admin's coach administration; audit and removal are adapters of the tab API. */
  admin(ports: CoachAdminPorts): CoachAdmin {
    const { coaches, directory, clock } = this.deps;
    const caller = async (c: Caller) => {
      await requireAdmin(directory, c);
    };
    const audit = (c: Caller, action: AdminAuditEntry['action'], targetUserId: string) =>
      ports.audit.record({
        tenantId: c.tenantId,
        actorId: c.userId,
        action,
        targetUserId,
        at: clock.now().toISOString(),
      });
    return {
      list: async (c) => {
        await caller(c);
        const [all, departments, locations] = await Promise.all([
          coaches.list(c.tenantId),
          directory.listUnits(c.tenantId, 'department'),
          directory.listUnits(c.tenantId, 'location'),
        ]);
        const nameOf = (units: OrgUnit[], id?: string) => (id ? (units.find((u) => u.id === id)?.name ?? null) : null);
        return all
          .map(({ value: x }) => ({
            userId: x.userId,
            name: x.name,
            department: nameOf(departments, x.departmentId),
            location: nameOf(locations, x.locationId),
            domains: x.domains,
            maxOpenTickets: x.maxOpenTickets,
            weeklyCapacity: x.weeklyCapacity,
            workingHours: { days: x.workingHours.days, start: x.workingHours.start, end: x.workingHours.end },
            takesIntakes: x.takesIntakes,
            available: x.available,
            openTickets: x.openTickets,
            pendingOffers: x.pendingOffers,
          }))
          .sort((a, b) => a.name.localeCompare(b.name));
      },
      people: async (c, query) => {
        await caller(c);
        const q = query.trim().toLowerCase();
        const [people, current] = await Promise.all([directory.listPeople(c.tenantId), coaches.list(c.tenantId)]);
        const isCoach = new Set(current.map((x) => x.value.userId));
        return people
          .filter((p) => !q || p.name.toLowerCase().includes(q))
          .sort((a, b) => a.name.localeCompare(b.name))
          .slice(0, 25)
          .map((p) => ({ userId: p.id, name: p.name, departmentId: p.departmentId ?? null, coach: isCoach.has(p.id) }));
      },
      save: async (c, userId, settings) => {
        await caller(c);
        const person = await directory.getPerson(c.tenantId, userId);
        if (!person) throw notFound();
        const [locations, departments] = await Promise.all([
          directory.listUnits(c.tenantId, 'location'),
          directory.listUnits(c.tenantId, 'department'),
        ]);
        const input = checkCoachSettings(settings, this.deps.topics(), { locations, departments });
        if (!input) throw new AppError('invalid_request', 400, 'error.invalidRequest');
        const existed = Boolean(await coaches.get(c.tenantId, userId));
        const coach = await this.save(
          {
            tenantId: c.tenantId,
            userId,
            name: person.name,
            email: person.email,
            teamId: person.teamId,
            departmentId: person.departmentId,
            locationId: person.locationId,
          },
          input,
        );
        await audit(c, existed ? 'coach.updated' : 'coach.added', userId);
        return coach;
      },
      remove: async (c, userId) => {
        await caller(c);
        for (let attempt = 0; ; attempt++) {
          const current = await coaches.get(c.tenantId, userId);
          if (!current) throw notFound();
          if (current.value.openTickets > 0 || current.value.pendingOffers > 0)
            throw new AppError('coach_busy', 409, 'coach.admin.busy');
          try {
            // Conditional on the record read: an offer booked meanwhile changes it, and we look again.
            await ports.remove(c.tenantId, userId, current.etag);
            break;
          } catch (err) {
            if (!isConflict(err) || attempt >= 8) throw err;
          }
        }
        await audit(c, 'coach.removed', userId);
      },
      auditLog: async (c) => {
        await caller(c);
        return auditListing(
          await ports.audit.latest(c.tenantId, 50),
          async (id) => (await directory.getPerson(c.tenantId, id))?.name ?? null,
        );
      },
    };
  }

  /**
   * `wie is mijn digicoach`: the approved coaches of the user's team, then of the rest of their
   * department (never the user themself), and the department's contact persons. Coaches are a
   * public role: their names and topics are meant to be found.
   */
  async myCoaches(user: UserContext): Promise<HelpView> {
    const teamId = user.team?.id;
    const departmentId = user.department?.id;
    const [all, tenant] = await Promise.all([
      teamId || departmentId ? this.deps.coaches.list(user.tenantId) : Promise.resolve([]),
      this.deps.directory.getTenant(user.tenantId),
    ]);
    const mine = all.map((x) => x.value).filter((c) => isApproved(c) && c.userId !== user.userId);
    const byName = (a: Coach, b: Coach) => a.name.localeCompare(b.name);
    const team = mine.filter((c) => teamId && c.teamId === teamId).sort(byName);
    const department = mine
      .filter((c) => departmentId && c.departmentId === departmentId && !(teamId && c.teamId === teamId))
      .sort(byName);
    const contactIds = contactsOf(tenant, departmentId).filter((id) => id !== user.userId);
    const contacts = await Promise.all(contactIds.map((id) => this.deps.directory.getPerson(user.tenantId, id)));
    return {
      kind: 'myCoaches',
      team,
      department,
      contactNames: contacts.filter((p) => p !== null).map((p) => p.name),
    };
  }

  async setAvailability(user: UserContext, available: boolean): Promise<HelpView> {
    const coach = await this.updateCoach(user.tenantId, user.userId, (c) => (c.available = available));
    return coach ? { kind: 'availability', available } : { kind: 'notCoach' };
  }

  /**
   * Coaches (from the demo directory) get their routing record, once per tenant: after
   * that the coach administration owns the records, and a coach removed there stays
   * removed. Safe to repeat after a crash half-way (records are created only if missing).
   */
  async seedCoachesFromDirectory(tenantId: string): Promise<number> {
    if (await this.deps.coaches.seeded(tenantId)) return 0;
    const people = await this.deps.directory.listPeople(tenantId);
    const now = this.deps.clock.now();
    let created = 0;
    for (const p of people.filter((x) => x.coach)) {
      const made = await this.deps.coaches.createIfMissing({
        ...p.coach!,
        tenantId,
        userId: p.id,
        name: p.name,
        email: p.email,
        teamId: p.teamId,
        departmentId: p.departmentId,
        locationId: p.locationId,
        openTickets: 0,
        pendingOffers: 0,
        weekKey: isoWeek(now),
        weekCount: 0,
        lastOfferedAt: null,
        registeredAt: now.toISOString(),
      });
      if (made) created++;
    }
    await this.deps.coaches.markSeeded(tenantId, now.toISOString());
    return created;
  }

  /** Creates or updates a coach's routing record, keeping their live load and availability. */
  private async save(
    who: CoachIdentity,
    input: CoachSettings,
    approval: CoachApproval | undefined | 'keep' = 'keep',
  ): Promise<Coach> {
    const current = await this.deps.coaches.get(who.tenantId, who.userId);
    const now = this.deps.clock.now();
    const coach: Coach = {
      ...(current?.value ?? {
        openTickets: 0,
        pendingOffers: 0,
        weekKey: isoWeek(now),
        weekCount: 0,
        lastOfferedAt: null,
        registeredAt: now.toISOString(),
        available: true,
      }),
      tenantId: who.tenantId,
      userId: who.userId,
      name: who.name,
      email: who.email,
      teamId: who.teamId,
      departmentId: who.departmentId ?? input.departmentId,
      locationId: input.locationId ?? who.locationId,
      domains: input.domains,
      maxOpenTickets: input.maxOpenTickets,
      weeklyCapacity: input.weeklyCapacity,
      workingHours: {
        days: input.days,
        start: input.start,
        end: input.end,
        timeZone: current?.value.workingHours.timeZone ?? 'Europe/Amsterdam',
      },
      takesIntakes: input.takesIntakes,
    };
    // `word digicoach` decides the approval; the admin's form keeps what the record had (a new coach is approved).
    if (approval !== 'keep') {
      if (approval) coach.approval = approval;
      else delete coach.approval;
    }
    await this.deps.coaches.upsert(coach);
    return coach;
  }

  private updateCoach(tenantId: string, userId: string, change: (c: Coach) => void): Promise<Coach | null> {
    return updateCoach(this.deps.coaches, tenantId, userId, change);
  }
}

type CoachIdentity = Pick<Coach, 'tenantId' | 'userId' | 'name' | 'email' | 'teamId' | 'departmentId' | 'locationId'>;

/**
 * The one check of a coach's settings against the tenant (`word digicoach` and the admin's
 * form): known topics (others are dropped), known places, sensible numbers and hours.
 * null when anything is off.
 */
function checkCoachSettings(
  settings: CoachSettings,
  topics: string[],
  units: { locations: OrgUnit[]; departments: OrgUnit[] },
): CoachSettings | null {
  const domains = settings.domains.filter((d) => topics.includes(d));
  const days = settings.days.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
  const { maxOpenTickets, weeklyCapacity, start, end } = settings;
  const time = /^\d{2}:\d{2}$/;
  if (
    !domains.length ||
    !days.length ||
    !time.test(start) ||
    !time.test(end) ||
    start >= end ||
    !Number.isInteger(maxOpenTickets) ||
    maxOpenTickets < 1 ||
    maxOpenTickets > 10 ||
    !Number.isInteger(weeklyCapacity) ||
    weeklyCapacity < 1 ||
    weeklyCapacity > 20
  )
    return null;
  return {
    ...settings,
    domains,
    days,
    locationId: units.locations.some((l) => l.id === settings.locationId) ? settings.locationId : undefined,
    departmentId: units.departments.some((d) => d.id === settings.departmentId) ? settings.departmentId : undefined,
  };
}
