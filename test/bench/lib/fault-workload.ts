/**
 * The fault bench's workload beside the scans (test/bench/faults.ts): help requests whose
 * offers nobody answers (so every offer times out, and the ticket escalates after the last),
 * a reminder round started by a programme admin, and a leader viewing the team dashboard;
 * and the checks of each against the stored documents and what the Bot Connector received.
 */
import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { Recipient } from '../../../bot/domain/campaigns/campaign-ports';
import type { Timer } from '../../../bot/domain/help/help-ports';
import type { Ticket } from '../../../bot/domain/help/help-types';
import type { ConnectorEmulator } from '../../../bot/dev/connector-emulator';
import { cardText, cardVerbs } from '../../helpers/cards';
import { demoSeeds } from '../../helpers/demo';
import { recipientOf } from '../../helpers/help-driver';
import { actionData } from '../../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../../helpers/teams';
import { approvalOff, devToken } from './clients';
import { sleep } from './processes';
import type { Targets } from './report';

export interface Up {
  /** An instance that is up now (round robin), or null when none is. */
  pick(): { name: string; url: string } | null;
}

interface Conn {
  connector: ConnectorEmulator;
  url: string;
}

const TRY_AGAIN = /Probeer het zo opnieuw/;
const FORM = { kind: 'help', urgency: 'today', channel: 'chat', where: '' };
const TOPICS = ['information', 'communication', 'content', 'safety', 'problem-solving', 'devices'];

/**
 * Coaches who work every day all day (so offers happen whatever the hour), registered through the bot.
 * A registration waits for a programme admin's approval by default and a waiting coach gets no
 * offers: the admin switches approval off first, as the burst bench does.
 */
export async function registerCoaches(up: Up, conn: Conn, tenantId: string, count: number): Promise<string[]> {
  await approvalOff(up.pick()!.url, tenantId);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const user: TeamsUser = { tenantId, aadObjectId: randomUUID(), name: `Fout Coach ${i + 1}`, locale: 'nl-NL' };
    const c = new TeamsTestClient(up.pick()!.url, conn.connector, conn.url, user);
    await c.say('word digicoach');
    const res = await c.tap('help.register', {
      domains: TOPICS.join(','),
      maxOpenTickets: '2',
      weeklyCapacity: '20',
      days: '1,2,3,4,5,6,7',
      start: '00:00',
      end: '23:59',
      takesIntakes: 'false',
      locationId: '',
      departmentId: '',
    });
    if (res.status !== 200) throw new Error(`coach registration: HTTP ${res.status}`);
    ids.push(user.aadObjectId);
  }
  return ids;
}

/** One person asking a digicoach; taps submit on the same form until a ticket is confirmed. */
export class HelpAsker {
  ticketId: string | null = null;
  tries = 0;
  tryAgain = 0;

  constructor(
    readonly user: TeamsUser,
    private readonly up: Up,
    private readonly conn: Conn,
  ) {}

  async run(startAt: number, until: number): Promise<void> {
    await sleep(Math.max(0, startAt - Date.now()));
    let formId: string | null = null;
    while (!this.ticketId && Date.now() < until) {
      const target = this.up.pick();
      if (!target) {
        await sleep(300);
        continue;
      }
      const c = new TeamsTestClient(target.url, this.conn.connector, this.conn.url, this.user);
      try {
        if (!formId) {
          const { replies } = await c.say('hulp');
          const form = replies.find((r) => cardVerbs(cardOf(r)).includes('knowledge.ask'));
          if (!form) throw new Error('no form');
          formId = form.id;
          continue;
        }
        this.tries++;
        const res = await c.post(
          c.activity({
            type: 'invoke',
            name: 'adaptiveCard/action',
            replyToId: formId, // the same card each time: a new tap, the same request
            value: {
              action: {
                type: 'Action.Execute',
                verb: 'help.submit',
                data: { ...FORM, topic: 'devices', question: `Help: ${this.user.name}`, verb: 'help.submit' },
              },
            },
          }),
        );
        const card = (res.body as { value?: Record<string, unknown> } | null)?.value;
        const t = card ? actionData(card, 'help.cancel')?.t : undefined;
        if (res.status === 200 && typeof t === 'string') this.ticketId = t;
        else if (card && TRY_AGAIN.test(cardText(card))) this.tryAgain++;
      } catch {
        // the instance went away mid-turn: tap again a moment later
      }
      if (!this.ticketId) await sleep(500);
    }
  }
}

async function all<T>(container: Container, query: string, parameters: Array<{ name: string; value: string }> = []) {
  const { resources } = await container.items.query<T>({ query, parameters }).fetchAll();
  return resources;
}

/** Waits until every ticket of the tenant is escalated (all offers timed out) or `maxMs` passed. */
export async function awaitHelpSettled(tickets: Container, tenantId: string, maxMs: number): Promise<void> {
  const end = Date.now() + maxMs;
  while (Date.now() < end) {
    const open = await all<{ n: number }>(
      tickets,
      "SELECT c.ticketId FROM c WHERE c.docType = 'ticket' AND c.tenantId = @t AND c.state != 'escalated'",
      [{ name: '@t', value: tenantId }],
    );
    if (open.length === 0) return;
    await sleep(2000);
  }
}

export async function checkHelp(
  containers: { tickets: Container; schedule: Container },
  tenantId: string,
  askers: HelpAsker[],
  maxOffers: number,
  conn: Conn,
  targets: Targets,
): Promise<void> {
  const tickets = await all<Ticket>(
    containers.tickets,
    "SELECT * FROM c WHERE c.docType = 'ticket' AND c.tenantId = @t",
    [{ name: '@t', value: tenantId }],
  );
  const confirmed = askers.filter((a) => a.ticketId);
  const wrong: string[] = [];
  for (const a of confirmed) {
    const mine = tickets.filter((t) => t.requester.userId === a.user.aadObjectId);
    if (mine.length !== 1 || mine[0].ticketId !== a.ticketId)
      wrong.push(`${a.user.name}: ${mine.length} tickets (${a.tries} taps)`);
  }
  targets.check(
    wrong.length === 0 && confirmed.length === askers.length,
    'help: every request confirmed, exactly one ticket each (repeated taps included)',
    `${confirmed.length}/${askers.length} confirmed after ${askers.reduce((n, a) => n + a.tries, 0)} taps ("probeer het zo opnieuw" ${askers.reduce((n, a) => n + a.tryAgain, 0)}×); ${wrong.length} wrong${wrong.length ? `: ${wrong.slice(0, 3).join('; ')}` : ''}`,
  );

  const timers = await all<Timer>(
    containers.schedule,
    "SELECT * FROM c WHERE c.docType = 'timer' AND c.tenantId = @t",
    [{ name: '@t', value: tenantId }],
  );
  const stuck = tickets.filter((t) => t.state !== 'escalated');
  targets.check(
    stuck.length === 0 && timers.length === 0,
    'help: no ticket stuck (all offers timed out, every ticket escalated, no timer or route left)',
    `${tickets.length} tickets: ${tickets.length - stuck.length} escalated, ${stuck.length} not (${stuck
      .slice(0, 3)
      .map((t) => `${t.state} [${t.events.map((e) => e.type).join(',')}]`)
      .join('; ')}); timers left ${timers.length}`,
  );

  let offers = 0;
  const bad: string[] = [];
  const sends = conn.connector.activities().filter((a) => a.op === 'send');
  for (const t of tickets) {
    const offered = t.events.filter((e) => e.type === 'offered');
    const timedOut = t.events.filter((e) => e.type === 'timed-out');
    offers += offered.length;
    // Nobody answers: each offer ends in exactly one time-out, then the next offer or the escalation.
    const types = t.events.map((e) => e.type).filter((e) => e !== 'created');
    const expected = [...offered.flatMap(() => ['offered', 'timed-out']), 'escalated'];
    const cards = sends.filter((a) => {
      try {
        return cardVerbs(cardOf(a)).includes('help.decline') && actionData(cardOf(a), 'help.decline')?.t === t.ticketId;
      } catch {
        return false;
      }
    });
    if (timedOut.length !== offered.length || types.join(',') !== expected.join(',') || offered.length > maxOffers)
      bad.push(`${t.ticketId.slice(0, 8)}: [${types.join(',')}]`);
    else if (cards.length !== offered.length || new Set(cards.map(recipientOf)).size !== offered.length)
      bad.push(`${t.ticketId.slice(0, 8)}: ${offered.length} offers, ${cards.length} offer cards`);
  }
  targets.check(
    bad.length === 0 && offers > 0,
    'help: every offer time-out fired exactly once (one time-out per offer, one offer card each)',
    `${offers} offers over ${tickets.length} tickets; ${bad.length} wrong${bad.length ? `: ${bad.slice(0, 3).join('; ')}` : ''}`,
  );
}

/** A programme admin starts this month's reminder round with "Nu versturen" on one instance. */
export async function startReminderRound(url: string, tenantIndex: number): Promise<string> {
  const seed = demoSeeds[tenantIndex];
  const admin = seed.tenant.programmeAdmins[0];
  const token = await devToken(url, seed.tenant.id, admin);
  const res = await fetch(`${url}/api/v1/admin/campaigns`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 202) throw new Error(`starting the reminder round: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { campaignId: string }).campaignId;
}

export async function awaitRoundDone(schedule: Container, tenantId: string, maxMs: number): Promise<void> {
  const end = Date.now() + maxMs;
  while (Date.now() < end) {
    const open = await all<Recipient>(
      schedule,
      "SELECT c.userId FROM c WHERE c.docType = 'campaign-recipient' AND c.tenantId = @t AND (c.status = 'queued' OR c.status = 'sending')",
      [{ name: '@t', value: tenantId }],
    );
    if (open.length === 0) return;
    await sleep(2000);
  }
}

export async function checkReminders(schedule: Container, tenantId: string, conn: Conn, targets: Targets) {
  const items = await all<Recipient>(
    schedule,
    "SELECT * FROM c WHERE c.docType = 'campaign-recipient' AND c.tenantId = @t",
    [{ name: '@t', value: tenantId }],
  );
  const sends = conn.connector.activities().filter((a) => a.op === 'send');
  const perUser = new Map<string, number>();
  for (const a of sends) {
    const u = recipientOf(a);
    if (u) perUser.set(u, (perUser.get(u) ?? 0) + 1);
  }
  const byStatus = (s: string) => items.filter((i) => i.status === s).length;
  // A leader has two items (their own reminder and the leader's message): one message per item sent.
  // An item in flight when its instance was killed is `uncertain`: it may have arrived once, never twice.
  const count = (userId: string, status: string) =>
    items.filter((i) => i.userId === userId && i.status === status).length;
  const wrong = items.filter((i) => {
    const got = perUser.get(i.userId) ?? 0;
    return got < count(i.userId, 'sent') || got > count(i.userId, 'sent') + count(i.userId, 'uncertain');
  });
  targets.check(
    items.length > 0 && byStatus('queued') + byStatus('sending') === 0 && wrong.length === 0,
    'reminder round: every campaign item not in flight at the kill sent exactly once, those in flight at most once',
    `${items.length} items: ${byStatus('sent')} sent, ${byStatus('skipped')} skipped, ${byStatus('failed')} failed, ${byStatus('uncertain')} uncertain (in flight at the kill, ${items.filter((i) => i.status === 'uncertain' && (perUser.get(i.userId) ?? 0) > count(i.userId, 'sent')).length} of them delivered), ${byStatus('queued') + byStatus('sending')} still queued; ${wrong.length} with a wrong number of messages${
      wrong.length
        ? ` (e.g. ${wrong
            .slice(0, 3)
            .map((i) => `${i.userId.slice(0, 8)} ${i.kind} ${i.status}: ${perUser.get(i.userId) ?? 0} messages`)
            .join(', ')})`
        : ''
    }`,
  );
}

/** A team leader opening the team dashboard every second, on whichever instance is up. */
export class DashboardViewer {
  readonly statuses = new Map<number, number>();
  slow = 0;
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly up: Up,
    private readonly tenantIndex: number,
  ) {}

  async run(until: () => boolean): Promise<void> {
    const seed = demoSeeds[this.tenantIndex];
    const team = seed.teams[0];
    while (!until()) {
      const target = this.up.pick();
      if (target) {
        const started = Date.now();
        let status = 0;
        try {
          let token = this.tokens.get(target.url);
          if (!token) {
            token = await devToken(target.url, seed.tenant.id, team.leaderId);
            this.tokens.set(target.url, token);
          }
          const res = await fetch(`${target.url}/api/v1/teams/${team.id}/dashboard`, {
            headers: { authorization: `Bearer ${token}` },
            signal: AbortSignal.timeout(10_000),
          });
          await res.arrayBuffer();
          status = res.status;
          if (status === 401) this.tokens.delete(target.url); // a restarted instance has a new signing key
        } catch {
          status = 0; // the instance is down or the request was cut off
        }
        if (Date.now() - started > 5000) this.slow++;
        this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
      }
      await sleep(1000);
    }
  }

  check(targets: Targets): void {
    const counts = [...this.statuses].map(([s, n]) => `${s || 'no answer'}: ${n}`).join(', ');
    const errors = [...this.statuses].filter(([s]) => s >= 500 && s !== 503).reduce((n, [, c]) => n + c, 0);
    targets.check(
      errors === 0 && (this.statuses.get(200) ?? 0) > 0,
      'dashboard views: answered (200) or "try again" (503) while the store is down, never an error',
      `${counts}; over 5 s: ${this.slow}`,
    );
  }
}
