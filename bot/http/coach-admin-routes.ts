import type restify from 'restify';
import { coachSettingsSchema } from '../cards/verbs';
import type { CoachAdmin } from '../domain/help/coach-service';
import { AppError } from '../domain/errors';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, idParam, objectBody, sendPrivate } from './tab-request';

/** The programme admin's coach administration and audit log. The body is parsed into typed settings here; access, the check against the tenant and the audit live in the domain. */
export function registerCoachAdminRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; admin: CoachAdmin; log: Logger },
): void {
  const { auth, admin, log } = deps;

  serve(server, API.coaches, log, async (req, res) => {
    sendPrivate(res, 200, { coaches: await admin.list(await callerOf(auth, req)) });
  });

  serve(server, API.people, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const q = new URL(req.url ?? '/', 'http://local').searchParams.get('q') ?? '';
    sendPrivate(res, 200, { people: await admin.people(caller, q.slice(0, 100)) });
  });

  serve(server, API.saveCoach, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const userId = idParam(req, 'userId');
    const settings = coachSettingsSchema.safeParse(objectBody(req));
    if (!settings.success) throw new AppError('invalid_request', 400, 'error.invalidRequest');
    const coach = await admin.save(caller, userId, settings.data);
    log.info({ requestId: req.id(), tenantId: caller.tenantId, action: 'coach.saved' }, 'admin changed a coach');
    sendPrivate(res, 200, { userId: coach.userId, name: coach.name });
  });

  serve(server, API.removeCoach, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const userId = idParam(req, 'userId');
    // A coach with open or offered requests is refused with 409 coach_busy (a localized message).
    await admin.remove(caller, userId);
    log.info({ requestId: req.id(), tenantId: caller.tenantId, action: 'coach.removed' }, 'admin removed a coach');
    sendPrivate(res, 204, null);
  });

  serve(server, API.audit, log, async (req, res) => {
    sendPrivate(res, 200, await admin.auditLog(await callerOf(auth, req)));
  });
}
