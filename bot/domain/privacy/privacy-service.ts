import { AppError, isConflict } from '../errors';
import type { PersonalEvents } from '../events/event-privacy';
import type { UserContext } from '../org';
import type { Clock, UserStateRepository } from '../ports';
import { type AdminAuditLog, SELF_ACTOR } from '../audit';
import type { CoachRepository, TicketRepository } from '../help/help-ports';
import { OPEN_STATES, type Ticket } from '../help/help-types';
import type { LeadershipRepository } from '../leadership/leadership-ports';
import type { NudgeRepository } from '../dashboard/nudge-ports';
import type { ScanRepository, StoredAnswer, Versioned } from '../scan/scan-types';
import { coachPartOf, eraseFromTicket, requesterPartOf } from './erasure';
import type { AnswerTexts, PersonalTickets, TeamReminderSenders } from './privacy-ports';

export interface MyDataOverview {
  kind: 'overview';
  jobProfile: string | null;
  team: string | null;
  department: string | null;
  location: string | null;
  scanResults: number;
  latestScan: string | null;
  scanInProgress: boolean;
  modulesMarked: number;
  helpRequests: number;
  /** Places, waiting-list places and given-up places on events (with attendance) kept about the user. */
  eventSignups?: number;
  leadershipScan: 'none' | 'in-progress' | 'completed';
  /** A digicoach's routing record exists. */
  coach: boolean;
  /** Tickets the user handled, was offered or passed as a coach. */
  coachTickets: number;
  remindersOff: boolean;
  /** The bot can message the user (a conversation reference is stored). */
  chatReference: boolean;
}

export type PrivacyView = MyDataOverview | { kind: 'deleted'; removed: number };

export interface PrivacyServiceDeps {
  scans: ScanRepository;
  leadership: Pick<LeadershipRepository, 'get'>;
  tickets: Pick<TicketRepository, 'get' | 'replace'>;
  personalTickets: PersonalTickets;
  coaches: Pick<CoachRepository, 'get'>;
  /** Deletes the coach's routing record if unchanged since read (a conflict AppError otherwise). */
  removeCoach(tenantId: string, userId: string, etag: string): Promise<void>;
  /** Cancels an open help request as its requester would (the offered coach's card is withdrawn). */
  cancelRequest?(user: UserContext, ticketId: string): Promise<void>;
  userState: UserStateRepository;
  /** The reminder choice, and the team reminders the user sent as a leader. */
  nudges: Pick<NudgeRepository, 'remindersOff' | 'setRemindersOff'> & TeamReminderSenders;
  /** Question and answer texts next to the stored codes in the export; without it, the codes only. */
  answerTexts?: AnswerTexts;
  audit?: Pick<AdminAuditLog, 'record'>;
  /** Removes the user's items from reminder campaign queues (ids only, but still theirs); returns how many. */
  forgetCampaignItems?(tenantId: string, userId: string): Promise<number>;
  /** The user's sign-ups, waiting-list places, attendance and organised events, for the export. */
  events?(tenantId: string, userId: string): Promise<PersonalEvents>;
  /** After an erasure (the bot forgets it saved the user's conversation reference). */
  onErased?(tenantId: string, userId: string): void;
  clock: Clock;
}

/**
 * `mijn gegevens` (chat) and "Mijn gegevens" (tab): what Digivaardig keeps about you,
 * an export of all of it, and erasure (AVG/GDPR). The one source for both; anonymous
 * aggregates stay, they hold no person.
 */
export class PrivacyService {
  constructor(private readonly deps: PrivacyServiceDeps) {}

  async overview(user: UserContext): Promise<MyDataOverview> {
    const {
      results,
      session,
      modules,
      leadership,
      coach,
      remindersOff,
      ref,
      asRequester: helpRequests,
      asCoach: coachTickets,
    } = await this.load(user, count);
    return {
      kind: 'overview',
      jobProfile: user.person?.jobProfile ?? null,
      team: user.team?.name ?? null,
      department: user.department?.name ?? null,
      location: user.location?.name ?? null,
      scanResults: results.length,
      latestScan: results[0]?.completedAt ?? null,
      scanInProgress: session?.value.status === 'in-progress',
      modulesMarked: Object.keys(modules?.value.modules ?? {}).length,
      helpRequests,
      eventSignups: (await this.deps.events?.(user.tenantId, user.userId))?.signups.length ?? 0,
      leadershipScan: !leadership ? 'none' : leadership.value.completedAt ? 'completed' : 'in-progress',
      coach: Boolean(coach),
      coachTickets,
      remindersOff,
      chatReference: Boolean(ref),
    };
  }

  /**
   * Everything the app holds about the user, as one JSON document: scans (with their
   * answers: each code with its question and the chosen answer in the user's language),
   * module progress, the leadership scan, their help requests, what they did as a
   * digicoach (never the requesters or their questions), preferences, and whether the
   * bot can reach them (not the reference itself: it holds no data about them).
   */
  async exportData(user: UserContext): Promise<Record<string, unknown>> {
    const { tenantId, userId } = user;
    const {
      results,
      session,
      modules,
      leadership,
      coach,
      remindersOff,
      ref,
      asRequester: asked,
      asCoach: coached,
    } = await this.load(user, all);
    const s = session?.value;
    const c = coach?.value;
    const l = leadership?.value;
    const scanAnswers = (contentVersion: string, answers: StoredAnswer[]) =>
      this.readableScanAnswers(contentVersion, answers, user.locale);
    const data = {
      exportedAt: this.deps.clock.now().toISOString(),
      user: { tenantId, userId, name: user.name },
      organisation: {
        jobProfile: user.person?.jobProfile ?? null,
        team: user.team?.name ?? null,
        department: user.department?.name ?? null,
        location: user.location?.name ?? null,
      },
      scanInProgress:
        s?.status === 'in-progress'
          ? {
              sessionId: s.sessionId,
              profileId: s.profileId,
              startedAt: s.startedAt,
              updatedAt: s.updatedAt,
              answers: await scanAnswers(s.contentVersion, s.answers),
            }
          : null,
      scanResults: await Promise.all(
        results.map(async ({ tenantId: _t, userId: _u, ...r }) => ({
          ...r,
          answers: await scanAnswers(r.contentVersion, r.answers),
        })),
      ),
      moduleProgress: modules?.value.modules ?? {},
      leadershipScan: l
        ? {
            startedAt: l.startedAt,
            updatedAt: l.updatedAt,
            completedAt: l.completedAt,
            answers: this.readableLeadershipAnswers(l.answers, user.locale),
            ...(l.scores ? { scores: l.scores } : {}),
          }
        : null,
      helpRequests: sortNewest(asked).map(requesterPartOf),
      digicoach: c
        ? {
            registeredAt: c.registeredAt,
            email: c.email ?? null,
            topics: c.domains,
            workingHours: c.workingHours,
            maxOpenTickets: c.maxOpenTickets,
            weeklyCapacity: c.weeklyCapacity,
            takesIntakes: c.takesIntakes,
            available: c.available,
            lastOfferedAt: c.lastOfferedAt,
          }
        : null,
      helpGivenAsDigicoach: sortNewest(coached).map((t) => coachPartOf(t, userId)),
      events: (await this.deps.events?.(tenantId, userId)) ?? null,
      preferences: { scanReminders: !remindersOff },
      chat: { botCanMessageYou: Boolean(ref && !ref.stale), since: ref?.updatedAt ?? null },
    };
    return data;
  }

  /** The download ("Mijn gegevens" in the tab; the chat links there): the document as a file, with an audit entry. */
  async exportFile(user: UserContext): Promise<{ json: string; exportedAt: string }> {
    const data = await this.exportData(user);
    await this.audit(user, 'data.exported');
    return { json: JSON.stringify(data, null, 2), exportedAt: String(data.exportedAt) };
  }

  /**
   * Erasure. Removed: scan sessions, results with their answers, module progress, the
   * leadership scan, the digicoach record, the conversation reference and markers; as
   * the sender of a team reminder their id goes from its record (the 7-day limit stays). Help
   * requests lose the person (who, what, where, comment) but keep their timings; open
   * ones are cancelled first. Kept: anonymous aggregates, and a "no reminders" choice
   * (so erasure does not switch reminders back on). Refused while the user, as a
   * digicoach, still has open or offered requests: those belong to a colleague.
   */
  async delete(user: UserContext, { confirmed }: { confirmed: true }): Promise<PrivacyView> {
    if (confirmed !== true) throw new AppError('bad_input', 400, 'error.badInput');
    const { tenantId, userId } = user;
    const coach = await this.deps.coaches.get(tenantId, userId);
    if (coach && (coach.value.openTickets > 0 || coach.value.pendingOffers > 0))
      throw new AppError('coach_busy', 409, 'privacy.coachBusy');

    let removed = 0;
    if (this.deps.cancelRequest) {
      for (const ticket of await all(this.deps.personalTickets.asRequester(tenantId, userId))) {
        if (!OPEN_STATES.has(ticket.state)) continue;
        await this.deps.cancelRequest(user, ticket.ticketId).catch((err) => {
          if (!(err instanceof AppError)) throw err; // already accepted or handled meanwhile: erased below all the same
        });
      }
    }
    const tickets = new Map<string, Ticket>();
    for (const t of [
      ...(await all(this.deps.personalTickets.asRequester(tenantId, userId))),
      ...(await all(this.deps.personalTickets.asCoach(tenantId, userId))),
    ])
      tickets.set(t.ticketId, t);
    for (const ticketId of tickets.keys()) if (await this.eraseTicket(tenantId, ticketId, userId)) removed++;

    if (coach) {
      await this.removeCoachRecord(tenantId, userId);
      removed++;
    }
    const remindersOff = await this.deps.nudges.remindersOff(tenantId, userId);
    removed += await this.deps.scans.deleteAll(tenantId, userId); // session, results, modules and the leadership scan share the user's partition
    await this.deps.userState.deleteUser(tenantId, userId);
    removed += (await this.deps.forgetCampaignItems?.(tenantId, userId)) ?? 0;
    removed += await this.deps.nudges.forgetSender(tenantId, userId);
    if (remindersOff)
      await this.deps.nudges.setRemindersOff(tenantId, userId, true, this.deps.clock.now().toISOString().slice(0, 10));
    this.deps.onErased?.(tenantId, userId);
    await this.audit(user, 'data.deleted');
    return { kind: 'deleted', removed };
  }

  /** Each stored answer with, next to its codes, the question and the chosen answer as the user saw them. */
  private async readableScanAnswers(contentVersion: string, answers: StoredAnswer[], locale: UserContext['locale']) {
    if (!this.deps.answerTexts || answers.length === 0) return answers;
    const words = await this.deps.answerTexts.scan(contentVersion, locale);
    return answers.map((a) => {
      const w = words(a.itemId, a.value);
      const { itemId, value, ...rest } = a;
      return w ? { itemId, question: w.question, value, answer: w.answer, ...rest } : a;
    });
  }

  /** The leadership answers as a list: each statement with the point chosen on the scale (1–5) and its words. */
  private readableLeadershipAnswers(answers: Record<string, number>, locale: UserContext['locale']) {
    const words = this.deps.answerTexts?.leadership(locale);
    return Object.entries(answers).map(([itemId, value]) => {
      const w = words?.(itemId, value);
      return w ? { itemId, statement: w.statement, value, answer: w.answer } : { itemId, value };
    });
  }

  private async eraseTicket(tenantId: string, ticketId: string, userId: string): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.deps.tickets.get(tenantId, ticketId);
      if (!current) return false;
      const next = eraseFromTicket(current.value, userId);
      if (!next) return false;
      try {
        await this.deps.tickets.replace(next, current.etag);
        return true;
      } catch (err) {
        // The ticket moved on meanwhile (a coach, a time-out): erase from the new version.
        if (!isConflict(err) || attempt >= 8) throw err;
      }
    }
  }

  private async removeCoachRecord(tenantId: string, userId: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.deps.coaches.get(tenantId, userId);
      if (!current) return;
      if (current.value.openTickets > 0 || current.value.pendingOffers > 0)
        throw new AppError('coach_busy', 409, 'privacy.coachBusy');
      try {
        await this.deps.removeCoach(tenantId, userId, current.etag);
        return;
      } catch (err) {
        if (!(err instanceof AppError) || attempt >= 8) throw err;
        if (err.code === 'not_found') return;
        if (!isConflict(err)) throw err;
      }
    }
  }

  /**
   * Everything kept about the user, read at once; the overview and the export differ only
   * in how they take the tickets (`count` them, or read `all`).
   */
  private async load<T>(user: UserContext, tickets: (pages: AsyncIterable<Array<Versioned<Ticket>>>) => Promise<T>) {
    const { tenantId, userId } = user;
    const [results, session, modules, leadership, coach, remindersOff, ref, asRequester, asCoach] = await Promise.all([
      this.deps.scans.results(tenantId, userId),
      this.deps.scans.getSession(tenantId, userId),
      this.deps.scans.getModuleProgress(tenantId, userId),
      this.deps.leadership.get(tenantId, userId),
      this.deps.coaches.get(tenantId, userId),
      this.deps.nudges.remindersOff(tenantId, userId),
      this.deps.userState.getConversationRef(tenantId, userId),
      tickets(this.deps.personalTickets.asRequester(tenantId, userId)),
      tickets(this.deps.personalTickets.asCoach(tenantId, userId)),
    ]);
    return { results, session, modules, leadership, coach, remindersOff, ref, asRequester, asCoach };
  }

  private async audit(user: UserContext, action: 'data.exported' | 'data.deleted'): Promise<void> {
    await this.deps.audit?.record({
      tenantId: user.tenantId,
      actorId: SELF_ACTOR,
      action,
      at: this.deps.clock.now().toISOString(),
    });
  }
}

async function all(pages: AsyncIterable<Array<{ value: Ticket }>>): Promise<Ticket[]> {
  const out: Ticket[] = [];
  for await (const page of pages) out.push(...page.map((p) => p.value));
  return out;
}

async function count(pages: AsyncIterable<unknown[]>): Promise<number> {
  let n = 0;
  for await (const page of pages) n += page.length;
  return n;
}

function sortNewest(tickets: Ticket[]): Ticket[] {
  return [...tickets].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
