import type restify from 'restify';
import type { Clock } from '../domain/ports';
import { AppError } from '../domain/errors';
import type { NudgeRepository } from '../domain/dashboard/nudge-ports';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { route } from './errors';
import { callerOf, objectBody, sendPrivate } from './tab-request';

/** The caller's own preferences: for now, whether their leader's reminders reach them. */
export function registerMeRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; nudges: NudgeRepository; clock: Clock; log: Logger },
): void {
  const { auth, nudges, log } = deps;

  server.get(
    '/api/v1/me/nudges',
    route(log, async (req, res) => {
      const caller = await callerOf(auth, req);
      sendPrivate(res, 200, { optOut: await nudges.isOptedOut(caller.tenantId, caller.userId) });
    }),
  );

  server.put(
    '/api/v1/me/nudges',
    route(log, async (req, res) => {
      const caller = await callerOf(auth, req);
      const { optOut } = objectBody(req);
      if (typeof optOut !== 'boolean') throw new AppError('invalid_request', 400, 'error.invalidRequest');
      await nudges.setOptOut(caller.tenantId, caller.userId, optOut, deps.clock.now().toISOString());
      sendPrivate(res, 200, { optOut });
    }),
  );
}
