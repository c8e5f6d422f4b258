import type restify from 'restify';
import type { LeadershipService } from '../domain/leadership/leadership-service';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { route } from './errors';
import { callerOf, localeOf, objectBody, sendPrivate } from './tab-request';

/** The leader's own leadership scan: every route reads and writes the caller's own record only. */
export function registerLeadershipRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; leadership: LeadershipService; log: Logger },
): void {
  const { auth, leadership, log } = deps;

  server.get(
    '/api/v1/leadership',
    route(log, async (req, res) => {
      sendPrivate(res, 200, await leadership.state(await callerOf(auth, req), localeOf(req)));
    }),
  );

  server.post(
    '/api/v1/leadership/answers',
    route(log, async (req, res) => {
      const caller = await callerOf(auth, req);
      sendPrivate(res, 200, await leadership.answer(caller, objectBody(req)));
    }),
  );

  server.del(
    '/api/v1/leadership/answers',
    route(log, async (req, res) => {
      await leadership.reset(await callerOf(auth, req));
      sendPrivate(res, 204, null);
    }),
  );

  server.get(
    '/api/v1/leadership/result',
    route(log, async (req, res) => {
      sendPrivate(res, 200, await leadership.result(await callerOf(auth, req), localeOf(req)));
    }),
  );
}
