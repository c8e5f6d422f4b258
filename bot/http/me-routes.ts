import type restify from 'restify';
import type { Clock, ReminderSwitch } from '../domain/ports';
import { AppError } from '../domain/errors';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, objectBody, sendPrivate } from './tab-request';

/** The caller's own preferences: whether reminders reach them (the rounds and their leader's team reminder). */
export function registerMeRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; reminders: ReminderSwitch; clock: Clock; log: Logger },
): void {
  const { auth, reminders, log } = deps;

  serve(server, API.reminders, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    sendPrivate(res, 200, { remindersOff: await reminders.remindersOff(caller.tenantId, caller.userId) });
  });

  serve(server, API.setReminders, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const { remindersOff } = objectBody(req);
    if (typeof remindersOff !== 'boolean') throw new AppError('invalid_request', 400, 'error.invalidRequest');
    await reminders.setRemindersOff(caller.tenantId, caller.userId, remindersOff, deps.clock.now().toISOString());
    sendPrivate(res, 200, { remindersOff });
  });
}
