import type { OrgUnit, Person, Tenant } from './org';

/** Time is a port so timers, retention and statistics can be tested without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at `start` and runs on at the real pace (development demos, benchmarks, tests). */
export function clockStartingAt(start: Date): Clock {
  const offset = start.getTime() - systemClock.now().getTime();
  return { now: () => new Date(systemClock.now().getTime() + offset) };
}

/** "Who is this user": the seeded organisation now, Microsoft Graph later. */
export interface Directory {
  getTenant(tenantId: string): Promise<Tenant | null>;
  getPerson(tenantId: string, userId: string): Promise<Person | null>;
  getUnit(tenantId: string, unitId: string): Promise<OrgUnit | null>;
  directReports(tenantId: string, managerId: string): Promise<Person[]>;
  teamMembers(tenantId: string, teamId: string): Promise<Person[]>;
  /** Teams led by this person. */
  teamsLedBy(tenantId: string, leaderId: string): Promise<OrgUnit[]>;
  listPeople(tenantId: string): Promise<Person[]>;
  listUnits(tenantId: string, kind: OrgUnit['kind']): Promise<OrgUnit[]>;
}

/** Where the organisation's records are written (seeding, admin changes). */
export interface OrgRepository {
  upsertTenant(tenant: Tenant): Promise<void>;
  createUnitIfMissing(unit: OrgUnit): Promise<boolean>;
  /** Sets (or with null removes) a unit's leader; `byAdmin` marks a programme admin's choice, which the Graph sync keeps. */
  setUnitLeader(tenantId: string, unitId: string, leaderId: string | null, byAdmin: boolean): Promise<void>;
  createPersonIfMissing(person: Person): Promise<boolean>;
  createTenantIfMissing(tenant: Tenant): Promise<boolean>;
}

/** A stored Bot Framework conversation reference, so the bot can message a user proactively. */
export interface ConversationRef {
  tenantId: string;
  userId: string;
  reference: Record<string, unknown>;
  locale: string;
  updatedAt: string;
  stale?: boolean;
}

export interface UserStateRepository {
  saveConversationRef(ref: ConversationRef): Promise<void>;
  getConversationRef(tenantId: string, userId: string): Promise<ConversationRef | null>;
  /** True only the first time for this conversation: Teams announces an install twice (conversationUpdate and installationUpdate). */
  firstWelcome(tenantId: string, userId: string, conversationId: string, at: string): Promise<boolean>;
  /** The app was removed for this user (403/404 on send): stop using the reference until they talk again. */
  markStale(tenantId: string, userId: string): Promise<void>;
  /** The tenant's Bot Connector service URL, to create 1:1 chats with users who never opened the bot. */
  tenantServiceUrl(tenantId: string): Promise<string | null>;
  saveTenantServiceUrl(tenantId: string, serviceUrl: string): Promise<void>;
  /** Forgets the user's conversation reference and markers (their right to erasure). */
  deleteUser(tenantId: string, userId: string): Promise<void>;
}

/** Sends a card to a user proactively (1:1 chat), through the rate-limited outbound queue. */
export interface Messenger {
  /** Resolves with the sent activity id, or null when the user cannot be reached (not installed, app removed). */
  sendCard(tenantId: string, userId: string, card: object): Promise<string | null>;
  /** Replaces an earlier proactive card in place. */
  updateCard(tenantId: string, userId: string, activityId: string, card: object): Promise<boolean>;
}

/**
 * A person's "reminders off" switch (herinneringen uit): the reminder rounds and a leader's
 * team reminder both respect it. One concept, one name: `remindersOff`.
 */
export interface ReminderSwitch {
  remindersOff(tenantId: string, userId: string): Promise<boolean>;
  setRemindersOff(tenantId: string, userId: string, remindersOff: boolean, at: string): Promise<void>;
}
