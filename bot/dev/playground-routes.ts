import { existsSync } from 'node:fs';
import path from 'node:path';
import restify from 'restify';
import { z } from 'zod';
import type { Logger } from '../logger';
import type { Directory } from '../domain/ports';
import { AppError } from '../domain/errors';
import { toLocale } from '../domain/org';
import { route } from '../http/errors';
import { ConnectorEmulator } from './connector-emulator';
import { DemoUsers, NEWCOMER_NAME } from './demo-users';
import { DirectLineBridge } from './directline-bridge';
import { streamTranscript } from './sse';

export interface PlaygroundDeps {
  directory: Directory;
  log: Logger;
  /** Tenants whose people the picker offers (the demo organisation). */
  tenantIds: string[];
  /** The built page and bundle (tab/dist/playground). */
  playgroundDir: string;
  /** The fake Bot Connector the bot's replies go to; one per process. */
  emulator?: ConnectorEmulator;
}

const Id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const ActivityId = z.string().min(1).max(128);
const Data = z.record(z.string(), z.unknown());

const OpenBody = z.object({
  tenantId: Id,
  userId: Id,
  name: z.string().trim().min(1).max(80).optional(),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/)
    .optional(),
  restart: z.boolean().optional(),
});

const ActivityBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    text: z.string().trim().min(1).max(4000),
    clientActivityId: z.string().max(128).optional(),
  }),
  z.object({ type: z.literal('submit'), replyToId: ActivityId, value: Data }),
  z.object({
    type: z.literal('execute'),
    replyToId: ActivityId,
    verb: z.string().min(1).max(100),
    data: Data.default({}),
  }),
]);

/**
 * The development playground: the page at `/`, the demo people it can act as, the
 * Direct Line bridge it talks through, and the fake Bot Connector the bot answers to.
 * Registered only without bot credentials (see registerDevRoutes).
 */
export function registerPlayground(server: restify.Server, deps: PlaygroundDeps): void {
  const log = deps.log.child({ component: 'playground' });
  const emulator = deps.emulator ?? new ConnectorEmulator();
  const bridge = new DirectLineBridge({ emulator, baseUrl: () => loopbackUrl(server), log });
  const demoUsers = new DemoUsers(deps.directory, deps.tenantIds);
  const indexFile = path.join(deps.playgroundDir, 'index.html');
  const files = restify.plugins.serveStaticFiles(deps.playgroundDir, { maxAge: 0 });
  const security = (res: restify.Response) => {
    // Everything the page needs comes from this server; the policy makes a stray CDN link fail loudly.
    res.setHeader(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
    );
  };

  server.get('/', (req, res, next) => {
    security(res);
    if (!existsSync(indexFile)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        'De speeltuin is nog niet gebouwd: voer `npm run build` uit.\nThe playground is not built yet: run `npm run build`.\n',
      );
      return next(false);
    }
    return void files(req, res, next);
  });
  server.get('/playground/*', (req, res, next) => {
    security(res);
    return void files(req, res, next);
  });

  server.get(
    '/dev/users',
    route(log, async (req, res) => {
      // The page asks in its own language (?lang=nl); a browser's Accept-Language is the fallback.
      const lang = new URL(req.url ?? '/', 'http://local').searchParams.get('lang') ?? req.header('accept-language');
      res.send(200, await demoUsers.list(toLocale(lang)));
    }),
  );

  server.post(
    '/dev/directline/conversations',
    route(log, async (req, res) => {
      const body = parse(OpenBody, req.body);
      const [person, tenant] = await Promise.all([
        deps.directory.getPerson(body.tenantId, body.userId),
        deps.directory.getTenant(body.tenantId),
      ]);
      // Teams sends the name and locale the user has in Entra and in their client; the directory plays Entra here.
      // Without either, a real-sounding name: the welcome greets by first name, and "Welkom bij Digivaardig, Nieuwe" reads oddly.
      const who = {
        tenantId: body.tenantId,
        userId: body.userId,
        name: person?.name ?? body.name ?? NEWCOMER_NAME,
        locale: body.locale ?? person?.preferredLocale ?? tenant?.defaultLocale ?? 'nl-NL',
      };
      const opened = bridge.open(who, { restart: body.restart });
      res.send(opened.created ? 201 : 200, { ...opened, user: who });
    }),
  );

  server.get('/dev/directline/conversations/:id/stream', (req, res, next) => {
    let transcript;
    try {
      transcript = bridge.transcript(String((req.params as { id?: string }).id));
    } catch {
      res.send(404, { error: 'not_found', message: 'Onbekend gesprek / unknown conversation' });
      return next(false);
    }
    streamTranscript(req, res, transcript);
    return next(false);
  });

  server.post(
    '/dev/directline/conversations/:id/activities',
    route(log, async (req, res) => {
      const id = String((req.params as { id?: string }).id);
      const body = parse(ActivityBody, req.body);
      const delivery =
        body.type === 'message'
          ? await bridge.say(id, body.text, body.clientActivityId)
          : body.type === 'submit'
            ? await bridge.submit(id, body.replyToId, body.value)
            : await bridge.execute(id, body.replyToId, body.verb, body.data);
      res.send(200, delivery);
    }),
  );

  // The fake Bot Connector: the bridge's activities carry `serviceUrl` = this server + /dev/connector.
  const connector = (req: restify.Request, res: restify.Response, next: restify.Next) => {
    const result = emulator.handle(req.method ?? 'GET', req.path().slice('/dev/connector'.length), req.body) ?? {
      status: 404,
      body: { error: { code: 'NotFound' } },
    };
    res.send(result.status, result.body);
    return next(false);
  };
  server.post('/dev/connector/*', connector);
  server.put('/dev/connector/*', connector);
  server.del('/dev/connector/*', connector);
  server.get('/dev/connector/*', connector);
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new AppError('invalid_request', 400, 'error.invalidRequest');
  return result.data;
}

/** This server's own base URL over loopback (it may listen on all interfaces or on port 0). */
function loopbackUrl(server: restify.Server): string {
  const addr = server.address();
  const host =
    addr.address === '0.0.0.0' || addr.address === '::'
      ? '127.0.0.1'
      : addr.family === 'IPv6'
        ? `[${addr.address}]`
        : addr.address;
  return `http://${host}:${addr.port}`;
}
