import { AppError, isConflict } from '../errors';
import type { OrgUnit, UserContext } from '../org';
import type { Clock, Directory } from '../ports';
import type { CoachRepository } from './help-ports';
import type { HelpView } from './help-service';
import type { Coach } from './help-types';
import { isoWeek } from './working-hours';

const bad = () => new AppError('bad_input', 400, 'error.badInput');

/** Digicoaches themselves: registering (`word digicoach`), availability, and records for the directory's coaches. */
export class CoachService {
  constructor(private readonly deps: { coaches: CoachRepository; directory: Directory; clock: Clock; topics: () => string[] }) {}

  async registrationForm(user: UserContext): Promise<HelpView> {
    const current = await this.deps.coaches.get(user.tenantId, user.userId);
    return { kind: 'registration', current: current?.value ?? null, departmentKnown: Boolean(user.department), tenantId: user.tenantId };
  }

  /** `word digicoach`: register (or update) oneself as a coach. */
  async register(user: UserContext, data: Record<string, unknown>, units: { locations: OrgUnit[]; departments: OrgUnit[] }): Promise<HelpView> {
    const domains = csv(data.domains).filter((d) => this.deps.topics().includes(d));
    const days = csv(data.days).map(Number).filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
    const maxOpen = Number(data.maxOpenTickets);
    const capacity = Number(data.weeklyCapacity);
    const start = typeof data.start === 'string' && /^\d{2}:\d{2}$/.test(data.start) ? data.start : null;
    const end = typeof data.end === 'string' && /^\d{2}:\d{2}$/.test(data.end) ? data.end : null;
    const locationId = typeof data.locationId === 'string' && units.locations.some((l) => l.id === data.locationId) ? data.locationId : user.location?.id;
    const departmentId = user.department?.id ?? (typeof data.departmentId === 'string' && units.departments.some((d) => d.id === data.departmentId) ? data.departmentId : undefined);
    if (!domains.length || !days.length || !start || !end || start >= end || !Number.isInteger(maxOpen) || maxOpen < 1 || maxOpen > 10 || !Number.isInteger(capacity) || capacity < 1 || capacity > 20) throw bad();
    const current = await this.deps.coaches.get(user.tenantId, user.userId);
    const now = this.deps.clock.now();
    const coach: Coach = {
      ...(current?.value ?? {
        openTickets: 0, pendingOffers: 0, weekKey: isoWeek(now), weekCount: 0, lastOfferedAt: null, registeredAt: now.toISOString(), available: true,
      }),
      tenantId: user.tenantId,
      userId: user.userId,
      name: user.name,
      email: user.person?.email,
      teamId: user.team?.id,
      departmentId,
      locationId,
      domains,
      maxOpenTickets: maxOpen,
      weeklyCapacity: capacity,
      workingHours: { days, start, end, timeZone: current?.value.workingHours.timeZone ?? 'Europe/Amsterdam' },
      takesIntakes: data.takesIntakes === 'true' || data.takesIntakes === true,
    } as Coach;
    await this.deps.coaches.upsert(coach);
    return { kind: 'registered', coach };
  }

  async setAvailability(user: UserContext, available: boolean): Promise<HelpView> {
    const coach = await this.updateCoach(user.tenantId, user.userId, (c) => (c.available = available));
    return coach ? { kind: 'availability', available } : { kind: 'notCoach' };
  }

  /** Coaches (from the directory) get their routing record; idempotent. */
  async seedCoachesFromDirectory(tenantId: string): Promise<number> {
    const people = await this.deps.directory.listPeople(tenantId);
    const now = this.deps.clock.now();
    let created = 0;
    for (const p of people.filter((x) => x.coach)) {
      const made = await this.deps.coaches.createIfMissing({
        ...p.coach!, tenantId, userId: p.id, name: p.name, email: p.email, teamId: p.teamId, departmentId: p.departmentId, locationId: p.locationId,
        openTickets: 0, pendingOffers: 0, weekKey: isoWeek(now), weekCount: 0, lastOfferedAt: null, registeredAt: now.toISOString(),
      });
      if (made) created++;
    }
    return created;
  }

  private async updateCoach(tenantId: string, userId: string, change: (c: Coach) => void): Promise<Coach | null> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.deps.coaches.get(tenantId, userId);
      if (!current) return null;
      const next = structuredClone(current.value);
      change(next);
      try {
        return (await this.deps.coaches.replace(next, current.etag)).value;
      } catch (err) {
        if (!isConflict(err) || attempt >= 8) throw err;
      }
    }
  }
}

function csv(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}
