import { AppError, isConflict } from '../errors';
import { type Locale, toLocale } from '../org';
import type { Clock, Directory, Messenger } from '../ports';
import { type Caller, requireTeamLeader } from './access';
import type { NudgeRepository, TeamNudge } from './nudge-ports';

export const NUDGE_INTERVAL_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;

export interface NudgeOutcome {
  sent: number;
  unreachable: number;
  remindersOff: number;
  failed: number;
  /** When the team can be reminded again; null when nobody was reached and the slot was given back. */
  nextAllowedAt: string | null;
  /** Nobody was reached, so this reminder did not use up the week: the leader can try again. */
  slotReturned: boolean;
}

export interface NudgeDeps {
  directory: Directory;
  messenger: Messenger;
  nudges: NudgeRepository;
  /** The team's participation exactly as the leader's dashboard shows it; null when anonymity withholds it. */
  figures: { participation(tenantId: string, teamId: string): Promise<{ completed: number; members: number } | null> };
  clock: Clock;
  /** Whether a member finished the scan (their card thanks them instead of inviting them). */
  completion: { hasCompleted(tenantId: string, userId: string): Promise<boolean> };
  /** The card for one member (numbers only; null when the team is too small to say). */
  card(
    participation: { completed: number; members: number } | null,
    locale: Locale,
    done: boolean,
  ): Record<string, unknown>;
  onSendError?(err: unknown): void;
}

/**
 * The leader's participation reminder to the team, through the bot. At most once per
 * seven days per team: the slot is claimed on the team's nudge record with its ETag
 * before anything is sent, so two clicks at once send once. Members who opted out get
 * nothing; members the bot cannot reach are counted, never named. A reminder that reached
 * nobody gives the slot back (conditional on the claim's ETag), so the leader can try again.
 */
export class NudgeService {
  constructor(private readonly deps: NudgeDeps) {}

  async status(caller: Caller, teamId: string): Promise<{ lastSentAt: string | null; nextAllowedAt: string | null }> {
    await requireTeamLeader(this.deps.directory, caller, teamId);
    const current = await this.deps.nudges.getTeamNudge(caller.tenantId, teamId);
    if (!current) return { lastSentAt: null, nextAllowedAt: null };
    const next = nextAllowed(current.value.lastSentAt);
    return {
      lastSentAt: current.value.lastSentAt,
      nextAllowedAt: next.getTime() > this.deps.clock.now().getTime() ? next.toISOString() : null,
    };
  }

  async send(caller: Caller, teamId: string): Promise<NudgeOutcome> {
    const team = await requireTeamLeader(this.deps.directory, caller, teamId);
    const now = this.deps.clock.now();
    const current = await this.deps.nudges.getTeamNudge(caller.tenantId, teamId);
    if (current && nextAllowed(current.value.lastSentAt) > now) throw tooSoon();
    const claim: TeamNudge = {
      tenantId: caller.tenantId,
      teamId,
      lastSentAt: now.toISOString(),
      sentBy: caller.userId,
      sent: null,
      unreachable: null,
      remindersOff: null,
    };
    let etag: string;
    try {
      etag = await this.deps.nudges.saveTeamNudge(claim, current?.etag ?? null);
    } catch (err) {
      if (isConflict(err)) throw tooSoon();
      throw err;
    }

    const [members, tenant, participation] = await Promise.all([
      this.deps.directory.teamMembers(caller.tenantId, team.id),
      this.deps.directory.getTenant(caller.tenantId),
      this.deps.figures.participation(caller.tenantId, team.id),
    ]);
    const outcome: NudgeOutcome = {
      sent: 0,
      unreachable: 0,
      remindersOff: 0,
      failed: 0,
      nextAllowedAt: nextAllowed(claim.lastSentAt).toISOString(),
      slotReturned: false,
    };
    await Promise.all(
      members.map(async (m) => {
        if (await this.deps.nudges.remindersOff(caller.tenantId, m.id)) return void outcome.remindersOff++;
        const locale = toLocale(m.preferredLocale ?? tenant?.defaultLocale);
        try {
          // Everyone gets a message (the counts the leader sees must not tell who took part); those done get thanks.
          const done = await this.deps.completion.hasCompleted(caller.tenantId, m.id);
          const id = await this.deps.messenger.sendCard(
            caller.tenantId,
            m.id,
            this.deps.card(participation, locale, done),
          );
          if (id === null) outcome.unreachable++;
          else outcome.sent++;
        } catch (err) {
          outcome.failed++;
          this.deps.onSendError?.(err);
        }
      }),
    );
    if (outcome.sent === 0 && (await this.giveBack(current, caller.tenantId, teamId, etag)))
      return { ...outcome, nextAllowedAt: null, slotReturned: true };
    await this.deps.nudges
      .saveTeamNudge(
        {
          ...claim,
          sent: outcome.sent,
          unreachable: outcome.unreachable + outcome.failed,
          remindersOff: outcome.remindersOff,
        },
        etag,
      )
      .catch((err) => this.deps.onSendError?.(err));
    return outcome;
  }

  /** Puts the team's record back as it was before the claim, only if nothing changed it since (ETag). */
  private async giveBack(
    previous: { value: TeamNudge } | null,
    tenantId: string,
    teamId: string,
    etag: string,
  ): Promise<boolean> {
    try {
      if (previous) await this.deps.nudges.saveTeamNudge(previous.value, etag);
      else await this.deps.nudges.deleteTeamNudge(tenantId, teamId, etag);
      return true;
    } catch (err) {
      if (!isConflict(err)) this.deps.onSendError?.(err);
      return false;
    }
  }
}

const nextAllowed = (lastSentAt: string) => new Date(Date.parse(lastSentAt) + NUDGE_INTERVAL_DAYS * DAY_MS);
const tooSoon = () => new AppError('nudge_too_soon', 409, 'nudge.tooSoon');
