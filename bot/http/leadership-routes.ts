import type restify from 'restify';
import type { LeadershipService } from '../domain/leadership/leadership-service';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, localeOf, objectBody, sendPrivate } from './tab-request';

/** The leader's own leadership scan: every route reads and writes the caller's own record only. */
export function registerLeadershipRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; leadership: LeadershipService; log: Logger },
): void {
  const { auth, leadership, log } = deps;

  serve(server, API.leadership, log, async (req, res) => {
    sendPrivate(res, 200, await leadership.state(await callerOf(auth, req), localeOf(req)));
  });

  serve(server, API.leadershipAnswer, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    sendPrivate(res, 200, await leadership.answer(caller, objectBody(req)));
  });

  serve(server, API.leadershipReset, log, async (req, res) => {
    await leadership.reset(await callerOf(auth, req));
    sendPrivate(res, 204, null);
  });

  serve(server, API.leadershipResult, log, async (req, res) => {
    sendPrivate(res, 200, await leadership.result(await callerOf(auth, req), localeOf(req)));
  });
}
