import assert from 'node:assert/strict';
import { type Activity, TestAdapter } from 'botbuilder';
import { card, text } from '../../../bot/cards/card';
import { AppError } from '../../../bot/domain/errors';
import { t } from '../../../bot/i18n';
import { createLogger } from '../../../bot/logger';
import { DigivaardigBot } from '../../../bot/teams/digivaardig-bot';
import { ReferenceKeeper } from '../../../bot/teams/reference-keeper';
import type { Features } from '../../../bot/teams/turn';
import { cardText } from '../../helpers/cards';
import { FakeClock, TUESDAY_MORNING } from '../../fakes/fake-clock';
import { MemoryUserState } from '../../fakes/memory-user-state';
import { tenantOnlyDirectory } from '../../fakes/tenant-directory';

const TENANT = 'tenant-allowed';
const OTHER_TENANT = 'tenant-not-allowed';

/** What a feature answered, so the test sees which handler a turn reached. */
const answer = (words: string) => ({ card: card([text(words)]) });

/**
 * The bot's routing with botbuilder's TestAdapter: no HTTP, no store, features that only say
 * which of them was reached. The tenant gate, shared conversations, commands, card actions,
 * unknown verbs and free text.
 */
describe('the bot’s routing (TestAdapter)', () => {
  let userState: MemoryUserState;
  let adapter: TestAdapter;
  const features: Features = {
    commands: { scan: async () => answer('the scan feature') },
    actions: {
      'scan.begin': async (_turn, command) => answer(`scan.begin with ${JSON.stringify(command)}`),
      'scan.answer': async () => {
        throw new AppError('bad_input', 400, 'error.badInput');
      },
    },
  };

  beforeEach(() => {
    userState = new MemoryUserState();
    const clock = new FakeClock(TUESDAY_MORNING);
    const bot = new DigivaardigBot({
      directory: tenantOnlyDirectory({ tenantId: TENANT }),
      userState,
      references: new ReferenceKeeper(userState, clock),
      features,
      allowedTenants: [TENANT],
      anonymityThreshold: 5,
      personalChatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28%3Abot',
      clock,
      log: createLogger('silent'),
    });
    adapter = new TestAdapter((context) => bot.run(context));
  });

  /** A Teams-shaped activity from a user of `tenantId`, in a personal chat unless told otherwise. */
  const from = (extra: Partial<Activity>, tenantId = TENANT): Partial<Activity> => ({
    channelId: 'msteams',
    locale: 'nl-NL',
    from: { id: '29:user', name: 'Sam Test', aadObjectId: 'user-1' },
    channelData: { tenant: { id: tenantId } },
    ...extra,
    conversation: { id: 'a:personal', conversationType: 'personal', isGroup: false, name: '', ...extra.conversation },
  });
  const message = (words: string, extra: Partial<Activity> = {}, tenantId?: string) =>
    from({ type: 'message', text: words, ...extra }, tenantId);
  const invoke = (verb: string, data: unknown, extra: Partial<Activity> = {}) =>
    from({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
      ...extra,
    });

  const replyCardText = (a: Partial<Activity>) =>
    cardText((a.attachments?.[0]?.content ?? {}) as Record<string, unknown>);
  const invokeCardText = (a: Partial<Activity>) => {
    assert.equal(a.type, 'invokeResponse');
    const body = (a.value as { body: { value: Record<string, unknown> } }).body;
    return cardText(body.value);
  };

  it('hands a command to its feature', async () => {
    await adapter.send(message('scan')).assertReply((a) => assert.match(replyCardText(a), /the scan feature/));
  });

  it('answers free text that is not a command with the menu', async () => {
    await adapter
      .send(message('wat kan ik hier eigenlijk allemaal?'))
      .assertReply((a) => assert.ok(replyCardText(a).includes(t('nl', 'menu.title'))));
  });

  it('hands a card action to its feature as the typed command its data stands for', async () => {
    await adapter
      .send(invoke('scan.begin', { profile: 'klantcontact' }))
      .assertReply((a) => assert.match(invokeCardText(a), /scan\.begin with \{"profileId":"klantcontact"\}/));
  });

  it('refuses data that does not fit the verb at the router: the feature is never reached', async () => {
    await adapter.send(invoke('scan.begin', { profile: 42 })).assertReply((a) => {
      assert.ok(invokeCardText(a).includes(t('nl', 'error.badInput')));
      assert.doesNotMatch(invokeCardText(a), /scan\.begin with/);
    });
  });

  it('answers an unknown verb with “die actie ken ik niet” and reaches no feature', async () => {
    await adapter
      .send(invoke('scan.selfDestruct', { s: 'x' }))
      .assertReply((a) => assert.ok(invokeCardText(a).includes(t('nl', 'error.unknownAction'))));
  });

  it('turns a feature’s refusal of bad data into its localized card, in English for an English Teams', async () => {
    await adapter
      .send(invoke('scan.answer', { s: 42 }, { locale: 'en-US' }))
      .assertReply((a) => assert.ok(invokeCardText(a).includes(t('en', 'error.badInput'))));
  });

  it('refuses a tenant that is not allowed with one polite message, and keeps nothing about the sender', async () => {
    await adapter
      .send(message('scan', {}, OTHER_TENANT))
      .assertReply((a) => assert.equal(a.text, t('nl', 'tenant.refused')));
    assert.equal(userState.refs.size, 0);
  });

  it('in a group chat answers with the pointer to the personal chat, to messages and card taps alike, and stores nothing', async () => {
    const group = { conversation: { id: '19:group', conversationType: 'groupChat', isGroup: true, name: '' } };
    await adapter
      .send(message('scan', group))
      .assertReply((a) => assert.ok(replyCardText(a).includes(t('nl', 'team.title'))));
    await adapter
      .send(invoke('scan.begin', { profile: 'klantcontact' }, group))
      .assertReply((a) => assert.ok(invokeCardText(a).includes(t('nl', 'team.title'))));
    assert.equal(userState.refs.size, 0);
  });

  it('keeps the conversation reference of a personal chat, so proactive messages can reach the user', async () => {
    await adapter.send(message('scan')).assertReply(() => undefined);
    assert.ok(await userState.getConversationRef(TENANT, 'user-1'));
  });
});
