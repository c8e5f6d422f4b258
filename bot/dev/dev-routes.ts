import type restify from 'restify';
import type { Logger } from '../logger';
import type { Directory } from '../domain/ports';
import type { DevTokenAuthority } from '../http/auth';
import { route } from '../http/errors';
import { AppError } from '../domain/errors';
import { readOrgSeeds } from '../seeding/demo-organisation';
import type { ConnectorEmulator } from './connector-emulator';
import { registerPlayground } from './playground-routes';

const ID = /^[A-Za-z0-9-]{1,64}$/;

export interface DevRoutesDeps {
  authority: DevTokenAuthority;
  directory: Directory;
  log: Logger;
  /** The demo organisation's seed files: their tenants are the people the playground offers. */
  seedDir: string;
  /** The built playground page and bundle. */
  playgroundDir: string;
  /** Pass one in to observe what the bot sends from the playground (tests); else one is made. */
  emulator?: ConnectorEmulator;
}

/**
 * Development-only routes: demo identities for the playground and the tab, and the
 * playground itself. They are registered only when no bot credentials are configured.
 */
export function registerDevRoutes(server: restify.Server, deps: DevRoutesDeps): void {
  const log = deps.log.child({ component: 'dev' });

  server.post(
    '/dev/token',
    route(log, async (req, res) => {
      const body = (req.body ?? {}) as { tenantId?: unknown; userId?: unknown; name?: unknown };
      if (
        typeof body.tenantId !== 'string' ||
        !ID.test(body.tenantId) ||
        typeof body.userId !== 'string' ||
        !ID.test(body.userId)
      ) {
        throw new AppError('invalid_request', 400, 'error.invalidRequest');
      }
      const person = await deps.directory.getPerson(body.tenantId, body.userId);
      const name = person?.name ?? (typeof body.name === 'string' ? body.name.slice(0, 80) : undefined);
      res.send(200, { token: await deps.authority.issue({ tenantId: body.tenantId, userId: body.userId, name }) });
    }),
  );

  registerPlayground(server, {
    directory: deps.directory,
    log: deps.log,
    tenantIds: readOrgSeeds(deps.seedDir).map((s) => s.tenant.id),
    playgroundDir: deps.playgroundDir,
    emulator: deps.emulator,
  });
}
