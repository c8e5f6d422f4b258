import assert from 'node:assert/strict';
import { ActivityHandler } from 'botbuilder';
import { TeamsAdapter } from '../../../bot/teams/teams-adapter';
import { createServer } from '../../../bot/server';
import { createLogger } from '../../../bot/logger';
import type { Directory } from '../../../bot/domain/ports';
import type { Authenticator } from '../../../bot/http/auth';

function serverWith(devRoutes: boolean) {
  return createServer({
    version: 'test',
    storeKind: 'embedded',
    maxBodyBytes: 1024 * 1024,
    adapter: new TeamsAdapter(),
    bot: new ActivityHandler(),
    directory: {} as Directory,
    auth: {} as Authenticator,
    pingStore: async () => true,
    log: createLogger('silent'),
    tabDir: '.',
    devRoutes: devRoutes ? (s) => s.get('/dev/ping', (_req, res, next) => (res.send(200, 'pong'), next())) : undefined,
  });
}

describe('starting the HTTP server', () => {
  it('refuses to serve development routes on an address the network can reach', async () => {
    await assert.rejects(serverWith(true).start(0, '0.0.0.0'), /only served on a loopback address, not on 0\.0\.0\.0/);
  });

  it('serves development routes on loopback, and a server without them anywhere', async () => {
    const dev = await serverWith(true).start(0, '127.0.0.1');
    assert.equal(await (await fetch(`${dev.url}/dev/ping`)).json(), 'pong');
    await dev.stop();
    const plain = await serverWith(false).start(0, '0.0.0.0');
    assert.equal((await fetch(`${plain.url}/dev/ping`)).status, 404);
    await plain.stop();
  });
});
