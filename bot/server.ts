import path from 'node:path';
import restify, { type Request, type Response } from 'restify';
import type { CloudAdapter, ActivityHandler } from 'botbuilder';
import type { Logger } from './logger';
import type { Directory } from './domain/ports';
import { toLocale } from './domain/org';
import { resolveUserContext } from './domain/user-context';
import { t } from './i18n';
import { activityProblem } from './http/activity-guard';
import type { Authenticator } from './http/auth';
import { restifyRefusal, route, sendError } from './http/errors';
import { jsonBody } from './http/json-body';

const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Fluent UI writes its styles into <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.office.com https://*.cloud.microsoft https://outlook.office.com",
].join('; ');

export interface ServerDeps {
  version: string;
  storeKind: 'embedded' | 'azure';
  maxBodyBytes: number;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  directory: Directory;
  auth: Authenticator;
  pingStore(): Promise<boolean>;
  log: Logger;
  /** The tab's API routes (registered after the built-in ones). */
  apiRoutes?: (server: restify.Server) => void;
  /** Extra routes that exist only in development (playground, dev identities). */
  devRoutes?: (server: restify.Server) => void;
  tabDir: string;
  startedAt?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Builds the one HTTP server (bot endpoint, tab API, tab files, dev playground). Tests start it on port 0. */
export function createServer(deps: ServerDeps) {
  const log = deps.log.child({ component: 'http' });
  const server = restify.createServer({ name: 'digivaardig', handleUncaughtExceptions: false });
  const startedAt = deps.startedAt ?? Date.now();

  server.use((req, res, next) => {
    res.setHeader('x-request-id', req.id());
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  // One body reader for every route: JSON only, one size limit; its refusals are localized app errors.
  server.use(jsonBody({ maxBytes: deps.maxBodyBytes, log }));

  server.post('/api/messages', (req: Request, res: Response, next) => {
    const problem = activityProblem(req.body);
    if (problem) {
      res.send(400, { error: 'invalid_activity', message: problem });
      return next(false);
    }
    deps.adapter
      .process(req as never, withoutErrorText(req, res) as never, (context) => deps.bot.run(context))
      .catch((err: unknown) => {
        log.error(
          { err, requestId: req.id(), activityId: (req.body as { id?: string }).id },
          'activity processing failed',
        );
        if (!res.headersSent)
          res.send(500, { error: 'internal', message: t(toLocale(req.header('accept-language')), 'error.title') });
      })
      .finally(() => next());
  });

  server.get(
    '/healthz',
    route(log, async (_req, res) => {
      const storeOk = await deps.pingStore();
      res.send(storeOk ? 200 : 503, {
        status: storeOk ? 'ok' : 'degraded',
        storeReachable: storeOk,
        version: deps.version,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        store: deps.storeKind,
      });
    }),
  );

  server.get(
    '/api/v1/me',
    route(log, async (req, res) => {
      const principal = await deps.auth.authenticate(req.header('authorization'));
      const user = await resolveUserContext(deps.directory, { ...principal, localeTag: req.header('accept-language') });
      res.send(200, {
        tenantId: user.tenantId,
        userId: user.userId,
        name: user.name,
        locale: user.locale,
        roles: user.roles,
        jobProfile: user.person?.jobProfile ?? null,
        team: user.team ? { id: user.team.id, name: user.team.name } : null,
        department: user.department ? { id: user.department.id, name: user.department.name } : null,
        location: user.location ? { id: user.location.id, name: user.location.name } : null,
      });
    }),
  );

  server.get('/tab', (_req, res, next) => {
    res.redirect(302, '/tab/', next);
  });
  server.get(
    '/tab/*',
    (_req: Request, res: Response, next: (err?: unknown) => void) => {
      // Everything the tab needs comes from this server; only Teams (and Outlook/Office) may frame it.
      res.setHeader('content-security-policy', TAB_CSP);
      next();
    },
    restify.plugins.serveStaticFiles(path.resolve(deps.tabDir), { maxAge: 0 }) as never,
  );

  deps.apiRoutes?.(server);
  deps.devRoutes?.(server);

  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
    // restify's own refusals (no such route, method not allowed) answer in the app's error shape, localized.
    log.debug({ requestId: req.id(), status: err.statusCode }, 'request rejected');
    if (!res.headersSent) sendError(req, res, restifyRefusal(err), log);
    return cb();
  });

  /**
   * botbuilder answers a failure it catches (say the turn error handler failing) with 500
   * and the error's message as the body; the caller gets the app's error shape instead.
   */
  function withoutErrorText(req: Request, res: Response) {
    let status = 200;
    return {
      status(code: number) {
        status = code;
        res.status(code);
      },
      header(name: string, value: string) {
        res.header(name, value);
      },
      send(body: unknown) {
        if (status < 500) return void res.send(body);
        log.warn({ requestId: req.id(), status }, 'activity answered with a server error');
        res.send({ error: 'internal', message: t(toLocale(req.header('accept-language')), 'error.title') });
      },
      end() {
        if (!res.writableEnded) res.end();
      },
    };
  }

  return {
    server,
    async start(port: number, host = '127.0.0.1'): Promise<RunningServer> {
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const actual = server.address().port;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      return {
        url: `http://${shownHost}:${actual}`,
        port: actual,
        stop: () =>
          new Promise<void>((resolve) => {
            server.server.closeAllConnections?.();
            server.close(() => resolve());
          }),
      };
    },
  };
}
