import assert from 'node:assert/strict';
import type { Directory, Messenger } from '../../../bot/domain/ports';
import type { Ticket } from '../../../bot/domain/help/help-types';
import { createLogger } from '../../../bot/logger';
import type { HelpCards } from '../../../bot/teams/features/help-cards';
import { TeamsHelpNotifier } from '../../../bot/teams/features/help-notifier';
import { assertValidCard, cardText } from '../../helpers/cards';

const TENANT = 'tenant-westerkwartier';
const COORDINATOR = 'u-coordinator';

/** An escalated ticket of its own requester: what the coordinator's card shows of it. */
const escalated = (i: number): Ticket =>
  ({
    ticketId: `tk-${i}`,
    tenantId: TENANT,
    kind: 'help',
    requester: { userId: `u-${i}`, name: `Collega ${i}`, locale: 'nl-NL' },
    topic: 'hr-apps',
    question: `Vraag ${i}: waar vind ik mijn loonstrook?`,
    urgency: 'today',
    channel: 'chat',
    where: '',
    state: 'escalated',
    offerCount: 0,
    passedBy: [],
    coachId: null,
    coachName: null,
    events: [],
    createdAt: '2026-12-07T08:30:00.000Z',
    updatedAt: '2026-12-07T08:30:00.000Z',
  }) as unknown as Ticket;

/** A messenger whose sends and updates each take as long as the test lets them (Teams' per-chat pace). */
class PacedMessenger implements Messenger {
  readonly ops: Array<{ op: 'send' | 'update'; card: object }> = [];
  private release: Array<() => void> = [];

  async sendCard(_tenantId: string, _userId: string, card: object): Promise<string | null> {
    await this.turn();
    this.ops.push({ op: 'send', card });
    return 'act-digest';
  }

  async updateCard(_tenantId: string, _userId: string, _activityId: string, card: object): Promise<boolean> {
    await this.turn();
    this.ops.push({ op: 'update', card });
    return true;
  }

  /** Lets every send or update waiting now go through. */
  flush(): void {
    for (const go of this.release.splice(0)) go();
  }

  private turn(): Promise<void> {
    return new Promise((resolve) => this.release.push(resolve));
  }
}

function notifier(messenger: Messenger, now: () => Date) {
  return new TeamsHelpNotifier({
    messenger,
    directory: { getPerson: async () => null } as unknown as Directory,
    cards: { topicName: () => 'HR-apps (loonstrook, verlof)' } as unknown as HelpCards,
    canReopen: () => false,
    now,
    log: createLogger('silent'),
  });
}

/** Lets the notifier's chained promises run until it waits on the messenger again. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the coordinator hears of escalations on one card, without a message per question', () => {
  it('gathers a burst of escalations into a few updates of one card, and no escalation waits for the others one by one', async () => {
    const messenger = new PacedMessenger();
    const help = notifier(messenger, () => new Date('2026-12-07T09:00:00.000Z'));
    let done = 0;
    const first = help.escalation(escalated(0), [], COORDINATOR).then(() => done++);
    await settle();
    // While the first card is on its way, 99 more questions escalate.
    const rest = Array.from({ length: 99 }, (_, i) =>
      help.escalation(escalated(i + 1), [], COORDINATOR).then(() => done++),
    );
    await settle();
    messenger.flush(); // the first card arrives
    await first;
    await settle();
    messenger.flush(); // one update carries the 99
    await Promise.all(rest);

    assert.equal(done, 100, 'every escalation is told');
    assert.deepEqual(
      messenger.ops.map((o) => o.op),
      ['send', 'update'],
      'one card for the first question, one update for the 99 that came while it was sent',
    );
    const card = messenger.ops[1].card as Record<string, unknown>;
    assertValidCard(card, 'digest');
    assert.match(cardText(card), /100 vragen wachten op een digicoach/);
    assert.match(cardText(card), /Collega 99/, 'the newest question is on the card');
    assert.doesNotMatch(cardText(card), /Collega 94\b/, 'five at most');
  });

  it('updates the card for each escalation that comes on its own, and starts a new card after half an hour', async () => {
    const messenger = new PacedMessenger();
    let now = new Date('2026-12-07T09:00:00.000Z');
    const help = notifier(messenger, () => now);
    const tell = async (i: number) => {
      const told = help.escalation(escalated(i), [], COORDINATOR);
      await settle();
      messenger.flush();
      await told;
    };
    await tell(1);
    await tell(2);
    await tell(3);
    assert.deepEqual(
      messenger.ops.map((o) => o.op),
      ['send', 'update', 'update'],
    );
    assert.match(cardText(messenger.ops[0].card), /Collega 1/);
    assert.match(cardText(messenger.ops[2].card), /3 vragen wachten op een digicoach/);
    now = new Date('2026-12-07T09:31:00.000Z');
    await tell(4);
    assert.equal(messenger.ops.at(-1)!.op, 'send', 'a question after the window is a card of its own again');
  });

  it('starts a new card with the digest when several escalate at once and no card is open', async () => {
    const messenger = new PacedMessenger();
    const help = notifier(messenger, () => new Date('2026-12-07T09:00:00.000Z'));
    // The coordinator is being looked up while three escalate at once: all three are on the first card.
    const told = [1, 2, 3].map((i) => help.escalation(escalated(i), [], COORDINATOR));
    await settle();
    messenger.flush();
    await Promise.all(told);
    assert.deepEqual(
      messenger.ops.map((o) => o.op),
      ['send'],
    );
    const card = messenger.ops[0].card as Record<string, unknown>;
    assertValidCard(card, 'digest');
    assert.match(cardText(card), /3 vragen wachten op een digicoach/);
  });

  it('a failed update does not stop the next one, and the next carries the count so far', async () => {
    const messenger = new PacedMessenger();
    const help = notifier(messenger, () => new Date('2026-12-07T09:00:00.000Z'));
    const first = help.escalation(escalated(1), [], COORDINATOR);
    await settle();
    messenger.flush();
    await first;
    const failing = messenger.updateCard.bind(messenger);
    messenger.updateCard = async () => {
      throw Object.assign(new Error('Teams said 502'), { statusCode: 502 });
    };
    await help.escalation(escalated(2), [], COORDINATOR); // logs the failure, does not throw
    messenger.updateCard = failing;
    const third = help.escalation(escalated(3), [], COORDINATOR);
    await settle();
    messenger.flush();
    await third;
    assert.deepEqual(
      messenger.ops.map((o) => o.op),
      ['send', 'update'],
    );
    assert.match(cardText(messenger.ops[1].card), /3 vragen wachten op een digicoach/);
  });
});
