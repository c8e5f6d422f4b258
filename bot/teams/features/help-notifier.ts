import type { Logger } from '../../logger';
import { toLocale, type Locale } from '../../domain/org';
import type { Directory, Messenger } from '../../domain/ports';
import type { HelpNotifier } from '../../domain/help/help-service';
import { type Coach, OPEN_STATES, type Ticket } from '../../domain/help/help-types';
import { coachOfferCard } from '../../cards/help/coach-offer-card';
import { coachOfferClosedCard } from '../../cards/help/coach-offer-closed-card';
import { escalationCard } from '../../cards/help/escalation-card';
import { ratingCard } from '../../cards/help/rating-card';
import { coordinatorDigestCard } from '../../cards/help/coordinator-digest-card';
import type { HelpCards } from './help-cards';

/** Escalations to a coordinator within this window are gathered on one card. */
const DIGEST_WINDOW_MS = 30 * 60_000;

interface Digest {
  activityId: string | null;
  since: Date;
  count: number;
  latest: Array<{ topicName: string; question: string; requesterName: string }>;
}

/** One coordinator's card, the escalations not on it yet, and the sends and updates to it, one after another. */
interface DigestEntry {
  digest: Digest;
  waiting: Ticket[];
  /** Settles once the escalations now in `waiting` are on the card; null while none is scheduled. */
  next: Promise<void> | null;
  /** The latest send or update, failures swallowed: the next one starts after it. */
  last: Promise<unknown>;
}

/** The help flow's proactive messages: cards through the messenger (queued and rate-limited). */
export class TeamsHelpNotifier implements HelpNotifier {
  /** Per tenant and coordinator: the card that gathers recent escalations. */
  private readonly digests = new Map<string, DigestEntry>();

  constructor(
    private readonly deps: {
      messenger: Messenger;
      directory: Directory;
      cards: HelpCards;
      canReopen: (t: Ticket) => boolean;
      now: () => Date;
      log: Logger;
    },
  ) {}

  async offer(ticket: Ticket, coach: Coach, reasons: string[], minutesToAnswer: number): Promise<string | null> {
    const locale = await this.localeOf(ticket.tenantId, coach.userId);
    const card = coachOfferCard(
      {
        ticket,
        topicName: this.deps.cards.topicName(ticket.topic, locale),
        requesterName: ticket.requester.name,
        reasons,
        minutesToAnswer,
      },
      locale,
    );
    return this.deps.messenger.sendCard(ticket.tenantId, coach.userId, card);
  }

  async offerClosed(
    ticket: Ticket,
    coachId: string,
    activityId: string | null | undefined,
    why: Parameters<HelpNotifier['offerClosed']>[3],
  ): Promise<void> {
    if (!activityId) return;
    const locale = await this.localeOf(ticket.tenantId, coachId);
    await this.deps.messenger.updateCard(
      ticket.tenantId,
      coachId,
      activityId,
      coachOfferClosedCard({ ticket, topicName: this.deps.cards.topicName(ticket.topic, locale), why }, locale),
    );
  }

  async requester(ticket: Ticket, notify: boolean): Promise<void> {
    const locale = toLocale(ticket.requester.locale);
    const open = OPEN_STATES.has(ticket.state);
    const card = await this.deps.cards.status(ticket, locale, open, this.deps.canReopen(ticket));
    // The status card is kept current in place; a step that matters also arrives as a short new message, which notifies.
    if (ticket.requesterActivityId)
      await this.deps.messenger.updateCard(ticket.tenantId, ticket.requester.userId, ticket.requesterActivityId, card);
    if (!ticket.requesterActivityId) await this.deps.messenger.sendCard(ticket.tenantId, ticket.requester.userId, card);
    else if (notify)
      await this.deps.messenger.sendCard(
        ticket.tenantId,
        ticket.requester.userId,
        await this.deps.cards.status(ticket, locale, false, false, true),
      );
  }

  async rating(ticket: Ticket): Promise<void> {
    const locale = toLocale(ticket.requester.locale);
    await this.deps.messenger.sendCard(
      ticket.tenantId,
      ticket.requester.userId,
      ratingCard(
        { ticket, coachName: ticket.coachName ?? '', topicName: this.deps.cards.topicName(ticket.topic, locale) },
        locale,
      ),
    );
  }

  async escalation(ticket: Ticket, coachIds: string[], coordinatorId: string | null): Promise<void> {
    const offers = ticket.offerCount;
    const sends: Array<Promise<unknown>> = coachIds.map(async (id) => {
      const locale = await this.localeOf(ticket.tenantId, id);
      return this.deps.messenger.sendCard(
        ticket.tenantId,
        id,
        escalationCard(
          { ticket, topicName: this.deps.cards.topicName(ticket.topic, locale), offers, forCoach: true },
          locale,
        ),
      );
    });
    if (coordinatorId && !coachIds.includes(coordinatorId)) sends.push(this.tellCoordinator(ticket, coordinatorId));
    const results = await Promise.allSettled(sends);
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed) this.deps.log.warn({ ticketId: ticket.ticketId, failed }, 'some escalation messages failed');
  }

  async contactEscalation(ticket: Ticket, contactIds: string[]): Promise<void> {
    const results = await Promise.allSettled(
      contactIds.map(async (id) => {
        const locale = await this.localeOf(ticket.tenantId, id);
        const topicName = this.deps.cards.topicName(ticket.topic, locale);
        const m = { ticket, topicName, offers: ticket.offerCount, forCoach: false, forContact: true };
        return this.deps.messenger.sendCard(ticket.tenantId, id, escalationCard(m, locale));
      }),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed) this.deps.log.warn({ ticketId: ticket.ticketId, failed }, 'some contact escalation messages failed');
  }

  /**
   * The first escalation in a while is a card of its own; the ones that follow within
   * half an hour update one digest card in place, so a busy morning does not flood the
   * coordinator's chat. Escalations that arrive while the card is being sent or updated
   * wait for one update that carries them all: Teams takes 60 messages per chat in 30 s,
   * so a burst of escalations is a few updates instead of one per question, and the card
   * is never more than one update behind.
   */
  private tellCoordinator(ticket: Ticket, coordinatorId: string): Promise<void> {
    const entry = this.digestOf(`${ticket.tenantId}|${coordinatorId}`);
    entry.waiting.push(ticket);
    if (entry.next) return entry.next;
    const next = entry.last.then(() => {
      // From here on, new escalations wait for the update after this one.
      entry.next = null;
      return this.putOnDigest(entry, ticket.tenantId, coordinatorId, entry.waiting.splice(0));
    });
    entry.next = next;
    entry.last = next.catch(() => undefined);
    return next;
  }

  private digestOf(key: string): DigestEntry {
    let entry = this.digests.get(key);
    if (!entry) {
      const digest: Digest = { activityId: null, since: new Date(0), count: 0, latest: [] };
      this.digests.set(key, (entry = { digest, waiting: [], next: null, last: Promise.resolve() }));
    }
    return entry;
  }

  /** Puts escalations on the coordinator's card: an update within the window, else a new card. */
  private async putOnDigest(entry: DigestEntry, tenantId: string, coordinatorId: string, tickets: Ticket[]) {
    const locale = await this.localeOf(tenantId, coordinatorId);
    const now = this.deps.now();
    const items = tickets
      .map((t) => ({
        topicName: this.deps.cards.topicName(t.topic, locale),
        question: t.question,
        requesterName: t.requester.name,
      }))
      .reverse(); // newest first
    const d = entry.digest;
    if (d.activityId && now.getTime() - d.since.getTime() < DIGEST_WINDOW_MS) {
      d.count += items.length;
      d.latest = [...items, ...d.latest].slice(0, 5);
      await this.deps.messenger.updateCard(tenantId, coordinatorId, d.activityId, coordinatorDigestCard(d, locale));
      return;
    }
    // A new window: one question is a card of its own, several at once are the digest straight away.
    const digest: Digest = { activityId: null, since: now, count: items.length, latest: items.slice(0, 5) };
    const card =
      tickets.length === 1
        ? escalationCard(
            { ticket: tickets[0], topicName: items[0].topicName, offers: tickets[0].offerCount, forCoach: false },
            locale,
          )
        : coordinatorDigestCard(digest, locale);
    digest.activityId = await this.deps.messenger.sendCard(tenantId, coordinatorId, card);
    entry.digest = digest;
  }

  private async localeOf(tenantId: string, userId: string): Promise<Locale> {
    return toLocale((await this.deps.directory.getPerson(tenantId, userId))?.preferredLocale);
  }
}
