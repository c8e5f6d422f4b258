import type restify from 'restify';
import type { Logger } from '../logger';
import type { Directory } from '../domain/ports';
import type { DevTokenAuthority } from '../http/auth';
import { route } from '../http/errors';
import { AppError } from '../domain/errors';

const ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Development-only routes: demo identities for the playground and the tab. They are
 * registered only when no bot credentials are configured.
 */
export function registerDevRoutes(server: restify.Server, deps: { authority: DevTokenAuthority; directory: Directory; log: Logger }): void {
  const log = deps.log.child({ component: 'dev' });

  server.post('/dev/token', route(log, async (req, res) => {
    const body = (req.body ?? {}) as { tenantId?: unknown; userId?: unknown; name?: unknown };
    if (typeof body.tenantId !== 'string' || !ID.test(body.tenantId) || typeof body.userId !== 'string' || !ID.test(body.userId)) {
      throw new AppError('invalid_request', 400, 'error.invalidRequest');
    }
    const person = await deps.directory.getPerson(body.tenantId, body.userId);
    const name = person?.name ?? (typeof body.name === 'string' ? body.name.slice(0, 80) : undefined);
    res.send(200, { token: await deps.authority.issue({ tenantId: body.tenantId, userId: body.userId, name }) });
  }));
}
