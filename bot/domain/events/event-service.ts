import { randomUUID } from 'node:crypto';
import { AppError, isConflict } from '../errors';
import type { Log } from '../log';
import type { Clock, Directory } from '../ports';
import type { Versioned } from '../scan/scan-types';
import { calendarFor } from '../campaigns/schedule';
import type { ModuleLookup } from '../catalogue/catalogue-service';
import { forbidden, type Caller } from '../dashboard/access';
import { localSlot, reminderMoment, slotMoments } from './event-time';
import type { EventInput, EventKind, EventRepository, LearningEvent, Signup } from './event-types';

/** What the chat and the tab show of one event; `mine` is the caller's own place. */
export interface EventView {
  eventId: string;
  kind: EventKind;
  title: string;
  description: string;
  date: string;
  start: string;
  end: string;
  timeZone: string;
  place: string;
  onlineUrl: string;
  capacity: number;
  moduleId: string | null;
  status: LearningEvent['status'];
  confirmed: number;
  waiting: number;
  spotsLeft: number;
  mine: 'confirmed' | 'waiting' | null;
  /** 1 = next on the waiting list. */
  waitingPosition: number | null;
  started: boolean;
  /** The caller may edit, cancel and mark attendance. */
  canManage: boolean;
  /** The organiser's edits so far: an edit sends it back (If-Match) and is refused when it moved on. */
  version: string;
}

export interface Participant {
  userId: string;
  name: string;
  status: 'confirmed' | 'waiting';
  attended: boolean;
}

/** Messages to people outside their own request, sent through the app's throttled outbound queue. */
export interface EventNotifier {
  /** A place freed and the person moved up from the waiting list. */
  promoted(tenantId: string, userId: string, event: EventView): Promise<void>;
  /** The organiser cancelled the event. */
  cancelled(tenantId: string, userId: string, event: EventView): Promise<void>;
  /** The day-before reminder; what became of it. */
  remind(tenantId: string, userId: string, event: EventView): Promise<'sent' | 'failed' | 'skipped'>;
}

export interface CompletionRecorder {
  record(tenantId: string, userId: string, moduleId: string, source: 'event', at: Date): Promise<unknown>;
}

export interface EventServiceDeps {
  repo: EventRepository;
  directory: Directory;
  clock: Clock;
  notifier: EventNotifier;
  completions: CompletionRecorder;
  isCoach(tenantId: string, userId: string): Promise<boolean>;
  /** The tenant's own catalogue: an event links only to a module the tenant offers. */
  modules(tenantId: string): Promise<ModuleLookup>;
  log: Log;
  /** This instance's name on reminder leases. */
  owner?: string;
  leaseMs?: number;
}

const gone = () => new AppError('not_found', 404, 'error.badInput');
const closed = () => new AppError('event_closed', 409, 'events.error.closed');
const invalid = () => new AppError('invalid_request', 400, 'error.invalidRequest');
const stale = () => new AppError('stale_event', 412, 'events.error.stale');
const versionNeeded = () => new AppError('version_needed', 428, 'events.error.versionNeeded');
const tooSmall = () => new AppError('capacity_below_signups', 400, 'events.error.capacity');
const badTime = () => new AppError('invalid_time', 400, 'events.error.time');
const past = () => new AppError('in_past', 400, 'events.error.past');
const nowhere = () => new AppError('no_place', 400, 'events.error.where');
const unknownModule = () => new AppError('unknown_module', 400, 'events.error.unknownModule');
const retiredModule = () => new AppError('retired_module', 400, 'events.error.retiredModule');
const TRIES = 8;
/** History the tab still lists (for marking attendance afterwards). */
const HISTORY_MS = 30 * 24 * 3600_000;

/**
 * Events with sign-up, waiting list and attendance. Every change to an event is a conditional
 * write of its one record (read, change, replace with the ETag, again on a conflict), so two
 * colleagues taking the last place at once give one place and one waiting-list entry.
 */
export class EventService {
  private readonly owner: string;

  constructor(private readonly deps: EventServiceDeps) {
    this.owner = deps.owner ?? randomUUID();
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  /** Programme admins, and the coaches the admin named. */
  async canOrganise(caller: Caller): Promise<boolean> {
    const tenant = await this.deps.directory.getTenant(caller.tenantId);
    if (tenant?.programmeAdmins.includes(caller.userId)) return true;
    return (await this.deps.repo.organisers(caller.tenantId)).includes(caller.userId);
  }

  private async isAdmin(caller: Caller): Promise<boolean> {
    return Boolean((await this.deps.directory.getTenant(caller.tenantId))?.programmeAdmins.includes(caller.userId));
  }

  /** Upcoming events (optionally of one module), soonest first; organisers also see the last month's and cancelled ones. */
  async list(caller: Caller, opts: { moduleId?: string; history?: boolean } = {}): Promise<EventView[]> {
    const now = this.now();
    const organiser = opts.history ? await this.canOrganise(caller) : false;
    const admin = organiser && (await this.isAdmin(caller));
    const from = organiser ? new Date(now.getTime() - HISTORY_MS) : now;
    const events = await this.deps.repo.list(caller.tenantId, from);
    return events
      .map((e) => e.value)
      .filter((e) => (organiser ? true : e.status === 'scheduled' && Date.parse(e.endsAt) > now.getTime()))
      .filter((e) => !opts.moduleId || e.moduleId === opts.moduleId)
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
      .map((e) => this.view(e, caller, admin || (organiser && e.organiserId === caller.userId)));
  }

  /** The events the caller signed up for or waits for, upcoming first ("Mijn voortgang"). */
  async mine(caller: Caller): Promise<EventView[]> {
    const events = await this.deps.repo.list(caller.tenantId, new Date(this.now().getTime() - HISTORY_MS));
    return events
      .map((e) => e.value)
      .filter((e) => e.signups.some((s) => s.userId === caller.userId && s.status !== 'cancelled'))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
      .map((e) => this.view(e, caller, false));
  }

  async get(caller: Caller, eventId: string): Promise<EventView> {
    const found = await this.deps.repo.get(caller.tenantId, eventId);
    if (!found) throw gone();
    return this.view(found.value, caller, await this.mayManage(caller, found.value));
  }

  private async mayManage(caller: Caller, event: LearningEvent): Promise<boolean> {
    if (await this.isAdmin(caller)) return true;
    return event.organiserId === caller.userId && (await this.canOrganise(caller));
  }

  private async requireManager(caller: Caller, eventId: string): Promise<Versioned<LearningEvent>> {
    if (!(await this.canOrganise(caller))) throw forbidden();
    const found = await this.deps.repo.get(caller.tenantId, eventId);
    if (!found) throw new AppError('not_found', 404, 'error.notFound');
    if (!(await this.mayManage(caller, found.value))) throw forbidden();
    return found;
  }

  private async timeZone(tenantId: string): Promise<string> {
    return calendarFor((await this.deps.directory.getTenant(tenantId))?.country).timeZone;
  }

  /**
   * The moments and fields of an organiser's input, checked. The linked module must be one the
   * tenant offers now; an event already linked to a module retired since keeps that link.
   */
  private async fields(tenantId: string, input: EventInput, linked?: string) {
    const timeZone = await this.timeZone(tenantId);
    const moments = slotMoments({ date: input.date, start: input.start, end: input.end }, timeZone);
    if (!moments) throw badTime();
    if (input.moduleId && input.moduleId !== linked) {
      const standing = (await this.deps.modules(tenantId))(input.moduleId);
      if (standing === 'unknown') throw unknownModule();
      if (standing === 'retired') throw retiredModule();
    }
    if (!input.place.trim() && !input.onlineUrl.trim()) throw nowhere();
    return { timeZone, ...moments };
  }

  async create(caller: Caller, input: EventInput): Promise<EventView> {
    if (!(await this.canOrganise(caller))) throw forbidden();
    const { timeZone, startsAt, endsAt } = await this.fields(caller.tenantId, input);
    if (startsAt <= this.now()) throw past();
    const at = this.now().toISOString();
    const event: LearningEvent = {
      tenantId: caller.tenantId,
      eventId: randomUUID(),
      kind: input.kind,
      title: input.title.trim(),
      description: input.description.trim(),
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      timeZone,
      place: input.place.trim(),
      onlineUrl: input.onlineUrl.trim(),
      capacity: input.capacity,
      ...(input.moduleId ? { moduleId: input.moduleId } : {}),
      organiserId: caller.userId,
      status: 'scheduled',
      signups: [],
      createdAt: at,
      updatedAt: at,
      dueAt: reminderMoment(startsAt, timeZone).toISOString(),
      reminderLease: null,
    };
    await this.deps.repo.create(event);
    return this.view(event, caller, true);
  }

  /**
   * An organiser's edit, only onto the version their form was loaded at (`ifMatch`): a change
   * by another organiser meanwhile refuses it (412); colleagues signing up meanwhile do not.
   * A new time sends the reminder again for the new day; more places move the waiting list
   * up (who moved is told); fewer places than colleagues with a place is refused.
   */
  async update(caller: Caller, eventId: string, input: EventInput, ifMatch: string | undefined): Promise<EventView> {
    if (!ifMatch) throw versionNeeded();
    const { value: stored } = await this.requireManager(caller, eventId);
    const { timeZone, startsAt, endsAt } = await this.fields(caller.tenantId, input, stored.moduleId);
    const promoted: string[] = [];
    const event = await this.change(caller.tenantId, eventId, (e) => {
      if (e.status !== 'scheduled') throw closed();
      if (versionOf(e) !== ifMatch.replace(/^W\//, '').replace(/"/g, '')) throw stale();
      if (input.capacity < e.signups.filter((s) => s.status === 'confirmed').length) throw tooSmall();
      const moved = e.startsAt !== startsAt.toISOString();
      if (moved && startsAt <= this.now()) throw past();
      const next: LearningEvent = {
        ...e,
        kind: input.kind,
        title: input.title.trim(),
        description: input.description.trim(),
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        timeZone,
        place: input.place.trim(),
        onlineUrl: input.onlineUrl.trim(),
        capacity: input.capacity,
        moduleId: input.moduleId || undefined,
        revision: (e.revision ?? 0) + 1,
      };
      if (moved) {
        next.dueAt = reminderMoment(startsAt, timeZone).toISOString();
        next.signups = next.signups.map((s) => (s.reminder === 'sending' ? s : { ...s, reminder: undefined }));
      }
      promoted.splice(0, promoted.length, ...this.fill(next));
      return next;
    });
    await this.tellPromoted(event, promoted);
    return this.view(event, caller, true);
  }

  /** Cancels the event; everyone signed up or waiting is told. */
  async cancelEvent(caller: Caller, eventId: string): Promise<EventView> {
    await this.requireManager(caller, eventId);
    const event = await this.change(caller.tenantId, eventId, (e) => {
      if (e.status !== 'scheduled') throw closed();
      return { ...e, status: 'cancelled', dueAt: null, revision: (e.revision ?? 0) + 1 };
    });
    for (const s of event.signups.filter((x) => x.status !== 'cancelled'))
      await this.safeNotify(() =>
        this.deps.notifier.cancelled(
          event.tenantId,
          s.userId,
          this.view(event, { tenantId: event.tenantId, userId: s.userId }, false),
        ),
      );
    return this.view(event, caller, true);
  }

  /** A place, or a place on the waiting list when the event is full. Signing up twice changes nothing. */
  async signUp(caller: Caller, eventId: string): Promise<EventView> {
    const now = this.now();
    const event = await this.change(caller.tenantId, eventId, (e) => {
      if (e.status !== 'scheduled' || Date.parse(e.startsAt) <= now.getTime()) throw closed();
      const mine = e.signups.find((s) => s.userId === caller.userId);
      if (mine && mine.status !== 'cancelled') return null;
      const full = e.signups.filter((s) => s.status === 'confirmed').length >= e.capacity;
      const entry: Signup = {
        userId: caller.userId,
        status: full ? 'waiting' : 'confirmed',
        signedUpAt: now.toISOString(),
      };
      // Someone who signs up again goes to the back of the line, like anyone new.
      return { ...e, signups: [...e.signups.filter((s) => s.userId !== caller.userId), entry] };
    });
    return this.view(event, caller, await this.mayManage(caller, event));
  }

  /** Gives up one's place (or waiting-list place); the first on the waiting list moves up and is told. */
  async cancelSignup(caller: Caller, eventId: string): Promise<EventView> {
    const now = this.now();
    const promoted: string[] = [];
    const event = await this.change(caller.tenantId, eventId, (e) => {
      const mine = e.signups.find((s) => s.userId === caller.userId && s.status !== 'cancelled');
      if (!mine) return null;
      if (Date.parse(e.startsAt) <= now.getTime()) throw closed();
      const next = {
        ...e,
        signups: e.signups.map((s) =>
          s === mine ? { ...s, status: 'cancelled' as const, cancelledAt: now.toISOString() } : s,
        ),
      };
      promoted.splice(0, promoted.length, ...(e.status === 'scheduled' ? this.fill(next) : []));
      return next;
    });
    await this.tellPromoted(event, promoted);
    return this.view(event, caller, await this.mayManage(caller, event));
  }

  /** Moves the waiting list up into free places (in sign-up order); returns who moved. */
  private fill(event: LearningEvent): string[] {
    const at = this.now().toISOString();
    let free = event.capacity - event.signups.filter((s) => s.status === 'confirmed').length;
    const promoted: string[] = [];
    event.signups = event.signups.map((s) => {
      if (free <= 0 || s.status !== 'waiting') return s;
      free -= 1;
      promoted.push(s.userId);
      return { ...s, status: 'confirmed', promotedAt: at };
    });
    return promoted;
  }

  private async tellPromoted(event: LearningEvent, userIds: string[]): Promise<void> {
    for (const userId of userIds)
      await this.safeNotify(() =>
        this.deps.notifier.promoted(
          event.tenantId,
          userId,
          this.view(event, { tenantId: event.tenantId, userId }, false),
        ),
      );
  }

  /** A message that cannot be delivered does not undo the change it tells about. */
  private async safeNotify(send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (err) {
      this.deps.log.warn({ err }, 'events: a notice could not be sent');
    }
  }

  async participants(caller: Caller, eventId: string): Promise<Participant[]> {
    const { value: event } = await this.requireManager(caller, eventId);
    const active = event.signups.filter((s) => s.status !== 'cancelled');
    return Promise.all(
      active.map(async (s) => ({
        userId: s.userId,
        name: (await this.deps.directory.getPerson(caller.tenantId, s.userId))?.name ?? '',
        status: s.status as Participant['status'],
        attended: s.attended === true,
      })),
    );
  }

  /** From the start on, the organiser marks who came; attendance completes the linked module (with its source). */
  async markAttendance(caller: Caller, eventId: string, userId: string, attended: boolean): Promise<Participant[]> {
    await this.requireManager(caller, eventId);
    const now = this.now();
    const event = await this.change(caller.tenantId, eventId, (e) => {
      if (e.status !== 'scheduled' || Date.parse(e.startsAt) > now.getTime()) throw closed();
      const entry = e.signups.find((s) => s.userId === userId && s.status === 'confirmed');
      if (!entry) throw invalid();
      if ((entry.attended === true) === attended) return null;
      return {
        ...e,
        signups: e.signups.map((s) => (s === entry ? { ...s, attended, attendanceAt: now.toISOString() } : s)),
      };
    });
    // Recorded each time (idempotent): a crash between the two writes is repaired by marking again.
    if (attended && event.moduleId)
      await this.deps.completions.record(caller.tenantId, userId, event.moduleId, 'event', new Date(event.startsAt));
    return this.participants(caller, eventId);
  }

  /**
   * Erasure: the person's places (and waiting-list places) on every event of the tenant are
   * removed; a freed place on an upcoming event goes to the next on the waiting list, who is
   * told. Events they organised stay for the colleagues signed up, without their name (the
   * programme admins manage them), and they are no longer a named organiser.
   */
  async forgetUser(tenantId: string, userId: string): Promise<number> {
    let removed = 0;
    for (const { value } of await this.deps.repo.list(tenantId, new Date(0))) {
      if (!value.signups.some((s) => s.userId === userId) && value.organiserId !== userId) continue;
      const promoted: string[] = [];
      const event = await this.change(tenantId, value.eventId, (e) => {
        const next = {
          ...e,
          signups: e.signups.filter((s) => s.userId !== userId),
          organiserId: e.organiserId === userId ? '' : e.organiserId,
        };
        const upcoming = e.status === 'scheduled' && Date.parse(e.startsAt) > this.now().getTime();
        promoted.splice(0, promoted.length, ...(upcoming ? this.fill(next) : []));
        return next;
      });
      removed += 1;
      await this.tellPromoted(event, promoted);
    }
    const organisers = await this.deps.repo.organisers(tenantId);
    if (organisers.includes(userId)) {
      await this.deps.repo.saveOrganisers(
        tenantId,
        organisers.filter((id) => id !== userId),
      );
      removed += 1;
    }
    return removed;
  }

  async organisers(caller: Caller): Promise<string[]> {
    if (!(await this.isAdmin(caller))) throw forbidden();
    return this.deps.repo.organisers(caller.tenantId);
  }

  /** Only the admin names organisers, and only digicoaches. */
  async setOrganisers(caller: Caller, userIds: string[]): Promise<string[]> {
    if (!(await this.isAdmin(caller))) throw forbidden();
    const unique = [...new Set(userIds)];
    for (const id of unique) if (!(await this.deps.isCoach(caller.tenantId, id))) throw invalid();
    await this.deps.repo.saveOrganisers(caller.tenantId, unique);
    return unique;
  }

  /**
   * Reads, changes and replaces an event with its ETag, again on a conflict. `change` returns
   * null for "nothing to do" (the event as stored is returned); it may throw to refuse.
   */
  async change(
    tenantId: string,
    eventId: string,
    change: (e: LearningEvent) => LearningEvent | null,
  ): Promise<LearningEvent> {
    for (let attempt = 0; ; attempt++) {
      const found = await this.deps.repo.get(tenantId, eventId);
      if (!found) throw gone();
      const next = change(structuredClone(found.value));
      if (!next) return found.value;
      try {
        return (await this.deps.repo.replace({ ...next, updatedAt: this.now().toISOString() }, found.etag)).value;
      } catch (err) {
        if (!isConflict(err) || attempt >= TRIES) throw err;
      }
    }
  }

  view(e: LearningEvent, caller: Caller, canManage: boolean): EventView {
    const confirmed = e.signups.filter((s) => s.status === 'confirmed');
    const waiting = e.signups.filter((s) => s.status === 'waiting');
    const mine = e.signups.find((s) => s.userId === caller.userId && s.status !== 'cancelled');
    const slot = localSlot(new Date(e.startsAt), new Date(e.endsAt), e.timeZone);
    return {
      eventId: e.eventId,
      kind: e.kind,
      title: e.title,
      description: e.description,
      ...slot,
      timeZone: e.timeZone,
      place: e.place,
      onlineUrl: e.onlineUrl,
      capacity: e.capacity,
      moduleId: e.moduleId ?? null,
      status: e.status,
      confirmed: confirmed.length,
      waiting: waiting.length,
      spotsLeft: Math.max(0, e.capacity - confirmed.length),
      mine: mine ? (mine.status as 'confirmed' | 'waiting') : null,
      waitingPosition: mine?.status === 'waiting' ? waiting.indexOf(mine) + 1 : null,
      started: Date.parse(e.startsAt) <= this.now().getTime(),
      canManage,
      version: versionOf(e),
    };
  }

  get instance(): string {
    return this.owner;
  }
}

const versionOf = (e: LearningEvent) => String(e.revision ?? 0);
