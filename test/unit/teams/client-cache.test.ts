import assert from 'node:assert/strict';
import { type Activity, type TurnContext } from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { ClientCache } from '../../../bot/teams/client-cache';
import { createTeamsAdapter } from '../../../bot/teams/teams-adapter';

const claimsFor = (appId: string) =>
  new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

/** A factory that counts what it made; `fail` makes the next creation fail. */
class CountingFactory extends ConnectorFactory {
  made = 0;
  fail = false;
  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    this.made++;
    if (this.fail) {
      this.fail = false;
      return Promise.reject(new Error('credentials unavailable'));
    }
    return Promise.resolve({ serviceUrl, audience, n: this.made } as unknown as ConnectorClient);
  }
}

describe('Bot Connector clients shared between turns', () => {
  it('hands out one client per bot, endpoint and audience', async () => {
    const cache = new ClientCache();
    const inner = new CountingFactory();
    const a = await cache.connectorFactory(inner, claimsFor('bot-a')).create('https://smba.eu/', 'aud');
    const again = await cache.connectorFactory(inner, claimsFor('bot-a')).create('https://smba.eu/', 'aud');
    assert.equal(again, a, 'a second turn gets the same client');
    const otherUrl = await cache.connectorFactory(inner, claimsFor('bot-a')).create('https://smba.us/', 'aud');
    const otherBot = await cache.connectorFactory(inner, claimsFor('bot-b')).create('https://smba.eu/', 'aud');
    const otherAudience = await cache.connectorFactory(inner, claimsFor('bot-a')).create('https://smba.eu/', 'x');
    assert.equal(new Set([a, otherUrl, otherBot, otherAudience]).size, 4);
    assert.equal(inner.made, 4);
  });

  it('does not keep a failed creation: the next turn tries again', async () => {
    const cache = new ClientCache();
    const inner = new CountingFactory();
    inner.fail = true;
    const factory = cache.connectorFactory(inner, claimsFor('bot-a'));
    await assert.rejects(factory.create('https://smba.eu/'), /credentials unavailable/);
    const client = await factory.create('https://smba.eu/');
    assert.ok(client);
    assert.equal(await factory.create('https://smba.eu/'), client);
    assert.equal(inner.made, 2);
  });

  it('stays within its bound, dropping the oldest endpoint first', async () => {
    const cache = new ClientCache(2);
    const inner = new CountingFactory();
    const factory = cache.connectorFactory(inner, claimsFor('bot-a'));
    const first = await factory.create('https://one/');
    await factory.create('https://two/');
    await factory.create('https://three/');
    assert.equal(inner.made, 3);
    assert.notEqual(await factory.create('https://one/'), first, 'the oldest was dropped and is made again');
    assert.equal(inner.made, 4);
  });

  it('keeps one user token client per bot', async () => {
    const cache = new ClientCache();
    let made = 0;
    const create = () => Promise.resolve({ n: ++made } as unknown as UserTokenClient);
    const a = await cache.userTokenClient(claimsFor('bot-a'), create);
    assert.equal(await cache.userTokenClient(claimsFor('bot-a'), create), a);
    assert.notEqual(await cache.userTokenClient(claimsFor('bot-b'), create), a);
    assert.equal(made, 2);
  });

  it('gives two turns through the real adapter the same connector client', async () => {
    const adapter = createTeamsAdapter(null);
    const clients: unknown[] = [];
    const activity = (id: string) =>
      ({
        type: 'message',
        id,
        text: 'hallo',
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        from: { id: 'user' },
        recipient: { id: 'bot' },
        conversation: { id: 'conversation' },
      }) as Activity;
    for (const id of ['1', '2'])
      await adapter.runActivity('', activity(id), async (context: TurnContext) => {
        clients.push(context.turnState.get(adapter.ConnectorClientKey));
      });
    assert.ok(clients[0]);
    assert.equal(clients[1], clients[0]);
  });
});
