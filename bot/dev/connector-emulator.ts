import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

/** What the bot sent to the connector: a new message, an update of an earlier one, or a deletion. */
export interface OutboundActivity {
  op: 'send' | 'update' | 'delete';
  conversationId: string;
  id: string;
  replyToId?: string;
  activity: Record<string, unknown>;
  /** When Teams received it. Teams' time, not the app's: this stands in for Teams' servers, so it reads the machine's clock. */
  at: number;
}

const ROUTE = /^\/v3\/conversations(?:\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?)?\/?$/;

/**
 * A local stand-in for the Bot Connector service: it receives what the bot sends to
 * an activity's `serviceUrl` and keeps it per conversation. The integration tests use
 * it as their fake connector; the playground uses it to show the bot's replies.
 */
export class ConnectorEmulator extends EventEmitter {
  private readonly outbound: OutboundActivity[] = [];
  /** Status codes to answer instead, for failure tests: conversationId → status. */
  readonly failures = new Map<string, number>();
  /** Sends to refuse with 429 and a Retry-After, as Teams does when a bot sends too fast: conversationId → what is left. */
  private readonly throttles = new Map<string, { times: number; retryAfterSeconds: number }>();
  /** Every 429 answered, with when (for tests of the wait). */
  readonly throttled: Array<{ conversationId: string; at: number }> = [];

  /** The next `times` sends to the conversation get 429 with `Retry-After: retryAfterSeconds`. */
  throttle(conversationId: string, times: number, retryAfterSeconds: number): void {
    this.throttles.set(conversationId, { times, retryAfterSeconds });
  }

  /** Handles a Bot Connector REST call; returns null when the path is not a connector route. */
  handle(
    method: string,
    path: string,
    body: unknown,
  ): { status: number; body: unknown; headers?: Record<string, string> } | null {
    const match = ROUTE.exec(path.split('?')[0]);
    if (!match) return null;
    const [, rawConv, kind, rawId] = match;
    const conversationId = rawConv ? decodeURIComponent(rawConv) : '';
    const forced = this.failures.get(conversationId);
    if (forced) return { status: forced, body: { error: { code: 'Forced', message: 'forced failure' } } };
    const throttle = kind === 'activities' && method === 'POST' ? this.throttles.get(conversationId) : undefined;
    if (throttle && throttle.times > 0) {
      throttle.times--;
      this.throttled.push({ conversationId, at: Date.now() });
      return {
        status: 429,
        headers: { 'retry-after': String(throttle.retryAfterSeconds) },
        body: { error: { code: 'Throttled', message: 'too many requests' } },
      };
    }
    if (!rawConv && method === 'POST') {
      // createConversation: a 1:1 chat with the member named in the body.
      const members = (body as { members?: Array<{ id: string }> })?.members ?? [];
      return { status: 201, body: { id: `a:dev-${members[0]?.id ?? randomUUID()}`, activityId: randomUUID() } };
    }
    if (kind === 'members' && method === 'GET') {
      return { status: 200, body: { id: rawId ? decodeURIComponent(rawId) : '', name: 'Member' } };
    }
    if (kind !== 'activities') return { status: 404, body: { error: { code: 'NotFound' } } };
    const activityId = rawId ? decodeURIComponent(rawId) : undefined;
    const activity = (body ?? {}) as Record<string, unknown>;
    let record: OutboundActivity;
    if (method === 'PUT' && activityId)
      record = { op: 'update', conversationId, id: activityId, activity, at: Date.now() };
    else if (method === 'DELETE' && activityId)
      record = { op: 'delete', conversationId, id: activityId, activity: {}, at: Date.now() };
    else if (method === 'POST')
      record = { op: 'send', conversationId, id: randomUUID(), replyToId: activityId, activity, at: Date.now() };
    else return { status: 405, body: {} };
    this.outbound.push(record);
    this.emit('activity', record);
    return { status: 200, body: { id: record.id } };
  }

  /** Everything sent to a conversation so far (or to all). */
  activities(conversationId?: string): OutboundActivity[] {
    return this.outbound.filter((a) => !conversationId || a.conversationId === conversationId);
  }

  /** Resolves once `count` activities have arrived for the conversation (counting from `since`). */
  waitFor(
    conversationId: string,
    count: number,
    opts: { since?: number; timeoutMs?: number } = {},
  ): Promise<OutboundActivity[]> {
    const since = opts.since ?? 0;
    const current = () => this.activities(conversationId).slice(since);
    return new Promise((resolve, reject) => {
      if (current().length >= count) return resolve(current());
      const timer = setTimeout(() => {
        this.off('activity', onActivity);
        reject(new Error(`expected ${count} activities in ${conversationId}, got ${current().length}`));
      }, opts.timeoutMs ?? 5000);
      const onActivity = () => {
        if (current().length >= count) {
          clearTimeout(timer);
          this.off('activity', onActivity);
          resolve(current());
        }
      };
      this.on('activity', onActivity);
    });
  }

  /** Runs the emulator as its own HTTP server on 127.0.0.1 (tests). */
  async listen(port = 0): Promise<{ url: string; close(): Promise<void> }> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body: unknown = undefined;
        try {
          body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        } catch {
          res.statusCode = 400;
          res.end();
          return;
        }
        const result = this.handle(req.method ?? 'GET', req.url ?? '/', body) ?? { status: 404, body: {} };
        // restify patches ServerResponse.writeHead (it returns nothing), so no chaining here.
        res.statusCode = result.status;
        res.setHeader('content-type', 'application/json');
        for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
        res.end(JSON.stringify(result.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    const { port: actual } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${actual}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }
}
