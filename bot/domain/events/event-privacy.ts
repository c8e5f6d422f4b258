import type { EventKind, EventRepository, LearningEvent, Signup } from './event-types';

/** One event as the person's own data export shows it: the event, and their place on it. */
export interface PersonalSignup {
  eventId: string;
  title: string;
  kind: EventKind;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string;
  eventStatus: LearningEvent['status'];
  /** confirmed = a place; waiting = on the waiting list; cancelled = given up. */
  status: Signup['status'];
  /** 1 = next on the waiting list; null when not waiting. */
  waitingPosition: number | null;
  signedUpAt: string;
  promotedAt: string | null;
  cancelledAt: string | null;
  attended: boolean | null;
  attendanceAt: string | null;
  /** The day-before reminder to the person, as far as it went. */
  reminder: Signup['reminder'] | null;
}

export interface PersonalEvents {
  signups: PersonalSignup[];
  /** Events the person planned as organiser. */
  organised: Array<{
    eventId: string;
    title: string;
    kind: EventKind;
    startsAt: string;
    status: LearningEvent['status'];
  }>;
  /** The programme admin named the person as organiser of events. */
  namedOrganiser: boolean;
}

/**
 * Everything the events keep about one person, for "Mijn gegevens": every sign-up and
 * waiting-list place (given up ones too, they are still stored), attendance, and the events
 * they organise. Never other people's names or places.
 */
export async function personalEvents(repo: EventRepository, tenantId: string, userId: string): Promise<PersonalEvents> {
  const events = (await repo.list(tenantId, new Date(0))).map((e) => e.value);
  const signups: PersonalSignup[] = [];
  for (const e of events) {
    const mine = e.signups.find((s) => s.userId === userId);
    if (!mine) continue;
    const waiting = e.signups.filter((s) => s.status === 'waiting');
    signups.push({
      eventId: e.eventId,
      title: e.title,
      kind: e.kind,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      place: e.place,
      onlineUrl: e.onlineUrl,
      eventStatus: e.status,
      status: mine.status,
      waitingPosition: mine.status === 'waiting' ? waiting.indexOf(mine) + 1 : null,
      signedUpAt: mine.signedUpAt,
      promotedAt: mine.promotedAt ?? null,
      cancelledAt: mine.cancelledAt ?? null,
      attended: mine.attended ?? null,
      attendanceAt: mine.attendanceAt ?? null,
      reminder: mine.reminder ?? null,
    });
  }
  const byStart = (a: { startsAt: string }, b: { startsAt: string }) => a.startsAt.localeCompare(b.startsAt);
  return {
    signups: signups.sort(byStart),
    organised: events
      .filter((e) => e.organiserId === userId)
      .map((e) => ({ eventId: e.eventId, title: e.title, kind: e.kind, startsAt: e.startsAt, status: e.status }))
      .sort(byStart),
    namedOrganiser: (await repo.organisers(tenantId)).includes(userId),
  };
}
