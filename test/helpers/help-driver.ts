import type { OutboundActivity } from '../../bot/dev/connector-emulator';
import { cardVerbs } from './cards';
import { actionData } from './scan-driver';
import { cardOf, type TeamsTestClient } from './teams';

/** The user a proactive message went to (their 1:1 conversation `a:1dev-<id>`), or null. */
export const recipientOf = (a: OutboundActivity) => /^a:1?dev-(.+)$/.exec(a.conversationId)?.[1] ?? null;

/**
 * Asks for help in chat: `hulp`, the request card filled in and sent. Returns the offer that
 * went out: the coach it went to, their card, and the ticket's id.
 */
export async function askForHelp(client: TeamsTestClient, question: string, where: string) {
  await client.say('hulp'); // the form; its fields are sent with the tap below
  const since = client.connector.activities().length;
  // Straight to a person (the form's own button asks the knowledge base first: `knowledge.ask`, same fields).
  await client.tap('help.submit', {
    kind: 'help',
    topic: 'communication',
    question,
    urgency: 'today',
    channel: 'chat',
    where,
  });
  const sent = client.connector
    .activities()
    .slice(since)
    .find((a) => a.op === 'send' && recipientOf(a) && cardVerbs(cardOf(a)).includes('help.accept'))!;
  const offer = cardOf(sent);
  return { coachId: recipientOf(sent)!, offer, ticketId: String(actionData(offer, 'help.accept')!.t) };
}

/**
 * The offered coach accepts, helps for `minutes` (the clock moves on) and resolves it as
 * solved; the requester rates it with a comment on the card they were sent.
 */
export async function helpAndRate(
  requester: TeamsTestClient,
  coach: TeamsTestClient,
  offer: Record<string, unknown>,
  clock: { advance(ms: number): void },
  done: { minutes: number; rating: number; comment: string },
): Promise<void> {
  const accepted = await coach.tap('help.accept', actionData(offer, 'help.accept')!);
  clock.advance(done.minutes * 60_000);
  await coach.tap('help.resolve', {
    ...actionData(accepted.card!, 'help.resolve')!,
    outcome: 'solved',
    minutes: String(done.minutes),
  });
  const rating = cardOf(
    requester.connector
      .activities()
      .filter((a) => a.conversationId === requester.conversationId && a.op === 'send')
      .at(-1),
  );
  await requester.tap('help.rate', {
    ...actionData(rating, 'help.rate')!,
    rating: String(done.rating),
    comment: done.comment,
  });
}
