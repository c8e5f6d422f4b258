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

/** The help flow's proactive messages: cards through the messenger (queued and rate-limited). */
export class TeamsHelpNotifier implements HelpNotifier {
  /** Per tenant and coordinator: the card that gathers recent escalations, and the chain that orders updates to it. */
  private readonly digests = new Map<string, { digest: Digest; chain: Promise<unknown> }>();

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
   * coordinator's chat (and Teams' per-chat limit).
   */
  private tellCoordinator(ticket: Ticket, coordinatorId: string): Promise<unknown> {
    const key = `${ticket.tenantId}|${coordinatorId}`;
    const entry = this.digests.get(key) ?? {
      digest: { activityId: null, since: new Date(0), count: 0, latest: [] },
      chain: Promise.resolve(),
    };
    const run = entry.chain.then(async () => {
      const locale = await this.localeOf(ticket.tenantId, coordinatorId);
      const now = this.deps.now();
      const item = {
        topicName: this.deps.cards.topicName(ticket.topic, locale),
        question: ticket.question,
        requesterName: ticket.requester.name,
      };
      const d = entry.digest;
      if (d.activityId && now.getTime() - d.since.getTime() < DIGEST_WINDOW_MS) {
        d.count += 1;
        d.latest = [item, ...d.latest].slice(0, 5);
        await this.deps.messenger.updateCard(
          ticket.tenantId,
          coordinatorId,
          d.activityId,
          coordinatorDigestCard(d, locale),
        );
        return;
      }
      const card = escalationCard(
        { ticket, topicName: item.topicName, offers: ticket.offerCount, forCoach: false },
        locale,
      );
      entry.digest = {
        activityId: await this.deps.messenger.sendCard(ticket.tenantId, coordinatorId, card),
        since: now,
        count: 1,
        latest: [item],
      };
    });
    entry.chain = run.catch(() => undefined);
    this.digests.set(key, entry);
    return run;
  }

  private async localeOf(tenantId: string, userId: string): Promise<Locale> {
    return toLocale((await this.deps.directory.getPerson(tenantId, userId))?.preferredLocale);
  }
}
