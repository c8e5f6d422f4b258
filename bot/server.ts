import { CATALOGUE_UPLOAD_BYTES, CATALOGUE_UPLOAD_PATH } from './http/catalogue-routes';
import path from 'node:path';
import restify, { type Request, type Response } from 'restify';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { Logger } from './logger';
import { isLoopbackHost } from './config';
import type { Directory } from './domain/ports';
import { toLocale } from './domain/org';
import { resolveUserContext } from './domain/user-context';
import { unitsLedBy } from './domain/leaders';
import { t } from './i18n';
import { activityProblem, isFromTeams } from './http/activity-guard';
import { BotTokenRejected } from './teams/bot-authentication';
import type { TeamsAdapter } from './teams/teams-adapter';
import type { Authenticator } from './http/auth';
import { restifyRefusal, route, sendError } from './http/errors';
import { API } from './http/api-routes';
import { serve } from './http/serve';
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
  adapter: TeamsAdapter;
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
  /** `performance.now()` when the process began serving: uptime is a duration, not a time of day. */
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
  const startedAt = deps.startedAt ?? performance.now();

  server.use((req, res, next) => {
    res.setHeader('x-request-id', req.id());
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  // One body reader for every route: JSON only, one size limit; its refusals are localized app errors.
  server.use(
    jsonBody({
      maxBytes: deps.maxBodyBytes,
      log,
      uploads: { pathPrefix: CATALOGUE_UPLOAD_PATH, maxBytes: Math.max(deps.maxBodyBytes, CATALOGUE_UPLOAD_BYTES) },
    }),
  );

  server.post('/api/messages', (req: Request, res: Response, next) => {
    const problem = activityProblem(req.body);
    if (problem) {
      res.send(400, { error: 'invalid_activity', message: problem });
      return next(false);
    }
    const locale = toLocale(req.header('accept-language'));
    const activity = req.body as Activity;
    if (!isFromTeams(activity)) {
      log.warn({ requestId: req.id(), channelId: activity.channelId ?? null }, 'activity refused: not from Teams');
      res.send(403, { error: 'forbidden_channel', message: t(locale, 'error.forbidden') });
      return next(false);
    }
    deps.adapter
      .runActivity(req.header('authorization') ?? '', withDates(activity), (context) => deps.bot.run(context))
      .then((invoke) => {
        if (!invoke) return void res.send(200);
        if (invoke.status < 500) return void res.send(invoke.status, invoke.body);
        log.warn({ requestId: req.id(), status: invoke.status }, 'activity answered with a server error');
        res.send(invoke.status, { error: 'internal', message: t(locale, 'error.title') });
      })
      .catch((err: unknown) => {
        if (res.headersSent) return;
        if (err instanceof BotTokenRejected) return void refuseToken(req, res, err);
        log.error({ err, requestId: req.id(), activityId: activity.id }, 'activity processing failed');
        res.send(500, { error: 'internal', message: t(locale, 'error.title') });
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
        uptimeSeconds: Math.round((performance.now() - startedAt) / 1000),
        store: deps.storeKind,
      });
    }),
  );

  serve(server, API.me, log, async (req, res) => {
    const principal = await deps.auth.authenticate(req.header('authorization'));
    const user = await resolveUserContext(deps.directory, { ...principal, localeTag: req.header('accept-language') });
    res.send(200, {
      tenantId: user.tenantId,
      userId: user.userId,
      name: user.name,
      locale: user.locale,
      roles: user.roles,
      leads: await unitsLedBy(deps.directory, user.tenantId, user.userId),
      jobProfile: user.person?.jobProfile ?? null,
      team: user.team ? { id: user.team.id, name: user.team.name } : null,
      department: user.department ? { id: user.department.id, name: user.department.name } : null,
      location: user.location ? { id: user.location.id, name: user.location.name } : null,
    });
  });

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

  /** A token that cannot be checked is the caller's problem (401), unless the signing keys could not be read (503). */
  function refuseToken(req: Request, res: Response, err: BotTokenRejected) {
    const locale = toLocale(req.header('accept-language'));
    if (err.reason === 'metadata-unreachable') {
      log.error(
        { requestId: req.id(), detail: err.detail },
        'Bot Framework signing metadata unreachable: activity not checked, answered 503',
      );
      res.header('retry-after', '30');
      res.send(503, { error: 'unavailable', message: t(locale, 'error.checkUnavailable') });
      return;
    }
    log.warn({ requestId: req.id(), detail: err.detail }, 'activity with a Bot Framework token that is not valid: 401');
    res.send(401, { error: 'unauthenticated', message: t(locale, 'error.unauthenticated') });
  }

  return {
    server,
    async start(port: number, host = '127.0.0.1'): Promise<RunningServer> {
      // A second lock behind the configuration's: dev tokens and the playground never face a network.
      if (deps.devRoutes && !isLoopbackHost(host))
        throw new Error(`development routes are only served on a loopback address, not on ${host}`);
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

/** What botbuilder's own request handling does to an activity's times before a turn: strings become dates. */
function withDates(activity: Activity): Activity {
  const raw = activity as Activity & Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = raw[field];
    if (typeof value === 'string') Object.assign(raw, { [rawField]: value, [field]: new Date(value) });
  }
  return activity;
}
