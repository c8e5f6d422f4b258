import type restify from 'restify';
import { z } from 'zod';
import type { DepartmentHeadAdmin } from '../domain/department-heads';
import { AppError } from '../domain/errors';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, idParam, objectBody, sendPrivate } from './tab-request';

const headBody = z.strictObject({
  userId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/)
    .nullable(),
});

/** The programme admin's list of department heads and the change of one. Access lives in the domain. */
export function registerDepartmentHeadRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; heads: DepartmentHeadAdmin; log: Logger },
): void {
  const { auth, heads, log } = deps;

  serve(server, API.departmentHeads, log, async (req, res) => {
    sendPrivate(res, 200, { departments: await heads.list(await callerOf(auth, req)) });
  });

  serve(server, API.saveDepartmentHead, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const body = headBody.safeParse(objectBody(req));
    if (!body.success) throw new AppError('invalid_request', 400, 'error.invalidRequest');
    const saved = await heads.set(caller, idParam(req, 'departmentId'), body.data.userId);
    log.info({ requestId: req.id(), tenantId: caller.tenantId, action: 'department.head.changed' }, 'head changed');
    sendPrivate(res, 200, saved);
  });
}
