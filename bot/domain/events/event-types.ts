import type { Versioned } from '../scan/scan-types';

/** Workshops, walk-in hours (inloopspreekuur), digicafé, webinars, the week of digital skills. */
export const EVENT_KINDS = ['workshop', 'walk-in', 'digicafe', 'webinar', 'skills-week'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * confirmed → cancelled; waiting → confirmed (promoted when a place frees) or cancelled.
 * `reminder` is the day-before message: `sending` is written before it goes out, so an entry
 * found in `sending` after its sender's lease ran out is never sent again (marked failed).
 */
export interface Signup {
  userId: string;
  status: 'confirmed' | 'waiting' | 'cancelled';
  signedUpAt: string;
  promotedAt?: string;
  cancelledAt?: string;
  attended?: boolean;
  attendanceAt?: string;
  reminder?: 'sending' | 'sent' | 'failed' | 'skipped';
}

export interface EventLease {
  owner: string;
  until: string;
}

/** One session, with its sign-ups in the same record so a sign-up and a promotion are one conditional write. */
export interface LearningEvent {
  tenantId: string;
  eventId: string;
  kind: EventKind;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  /** The tenant's zone the organiser typed the times in (Europe/Amsterdam or Europe/Brussels). */
  timeZone: string;
  place: string;
  onlineUrl: string;
  capacity: number;
  /** Attendance counts as completion of this module. */
  moduleId?: string;
  organiserId: string;
  /**
   * Moves on with every change an organiser makes (not with sign-ups): the version an edit
   * form sends back, so it never overwrites another organiser's change. Absent: 0.
   */
  revision?: number;
  status: 'scheduled' | 'cancelled';
  signups: Signup[];
  createdAt: string;
  updatedAt: string;
  /** When the day-before reminder is due; null once it is handled (or the event is cancelled). */
  dueAt: string | null;
  reminderLease: EventLease | null;
}

/** What an organiser fills in, in the tenant's local time. */
export interface EventInput {
  kind: EventKind;
  title: string;
  description: string;
  date: string;
  start: string;
  end: string;
  place: string;
  onlineUrl: string;
  capacity: number;
  moduleId?: string;
}

export interface EventRepository {
  /** The tenant's events that end after `from` (older ones are history). */
  list(tenantId: string, from: Date): Promise<Array<Versioned<LearningEvent>>>;
  get(tenantId: string, eventId: string): Promise<Versioned<LearningEvent> | null>;
  create(event: LearningEvent): Promise<void>;
  /** Throws a conflict AppError when the event changed since read. */
  replace(event: LearningEvent, etag: string): Promise<Versioned<LearningEvent>>;
  /** Events of every tenant whose reminder is due, oldest first. */
  dueReminders(now: Date, limit: number): Promise<Array<Versioned<LearningEvent>>>;
  /** The colleagues (coaches) the programme admin named as organisers, besides the admins themselves. */
  organisers(tenantId: string): Promise<string[]>;
  saveOrganisers(tenantId: string, userIds: string[]): Promise<void>;
}
