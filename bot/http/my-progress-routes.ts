import type restify from 'restify';
import type { MyProgressService } from '../domain/progress/my-progress';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, localeOf, sendPrivate } from './tab-request';

export type { MyProgress, MyEvent, ModuleEntry } from '../domain/progress/my-progress';

/** "Mijn voortgang": the signed-in person's own progress; there is no way to ask for someone else's. */
export function registerMyProgressRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; progress: MyProgressService; log: Logger },
): void {
  serve(server, API.myProgress, deps.log, async (req, res) => {
    const caller = await callerOf(deps.auth, req);
    const progress = await deps.progress.of({
      tenantId: caller.tenantId,
      userId: caller.userId,
      locale: localeOf(req),
    });
    sendPrivate(res, 200, progress);
  });
}
