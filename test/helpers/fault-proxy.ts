import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultMode = 'pass' | 'unavailable' | 'hang' | 'drop';

/**
 * An HTTPS proxy in front of the embedded Cosmos server that can make the store misbehave:
 * answer 429 with `x-ms-retry-after-ms` to the next n requests for one container, answer
 * 503 to everything, hold every request without an answer (a store that went silent), or
 * drop every connection (a store that is gone).
 * Held requests are dropped when the proxy passes again, so none reaches the store late.
 */
export class FaultProxy {
  mode: FaultMode = 'pass';
  readonly counts = { forwarded: 0, throttled: 0, unavailable: 0, held: 0, dropped: 0 };
  private throttle: { left: number; retryAfterMs: number; container: string } | null = null;
  private holdWhere: ((method: string, url: string) => boolean) | null = null;
  private readonly heldResponses = new Set<ServerResponse>();

  private constructor(
    private readonly server: https.Server,
    readonly url: string,
  ) {}

  static async start(opts: {
    target: string;
    agent: https.Agent;
    pem: { cert: string; key: string };
  }): Promise<FaultProxy> {
    const target = new URL(opts.target);
    const server = https.createServer({ cert: opts.pem.cert, key: opts.pem.key });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new FaultProxy(server, `https://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => proxy.handle(req, res, target, opts.agent));
    return proxy;
  }

  /** The next `n` requests to documents of `container` get 429 with `x-ms-retry-after-ms`. */
  throttleNext(n: number, retryAfterMs: number, container: string): void {
    this.throttle = { left: n, retryAfterMs, container };
  }

  /**
   * Holds, without an answer, only the requests that match (e.g. one kind of read), as a
   * store that is stuck for one step of the work; `null` lets them go (held ones are dropped).
   */
  holdMatching(match: ((method: string, url: string) => boolean) | null): void {
    this.holdWhere = match;
    if (!match) this.dropHeld();
  }

  private dropHeld(): void {
    for (const res of this.heldResponses) res.destroy();
    this.heldResponses.clear();
  }

  set(mode: FaultMode): void {
    this.mode = mode;
    if (mode !== 'hang' && !this.holdWhere) this.dropHeld();
  }

  async close(): Promise<void> {
    this.holdMatching(null);
    this.set('pass');
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse, target: URL, agent: https.Agent): void {
    const throttle = this.throttle;
    if (throttle && throttle.left > 0 && (req.url ?? '').includes(`/colls/${throttle.container}/docs`)) {
      throttle.left--;
      this.counts.throttled++;
      req.resume();
      return reply(
        res,
        429,
        { code: 'TooManyRequests', message: 'Request rate is large' },
        {
          'x-ms-retry-after-ms': String(throttle.retryAfterMs),
          'x-ms-substatus': '3200',
        },
      );
    }
    if (this.mode === 'unavailable') {
      this.counts.unavailable++;
      req.resume();
      return reply(res, 503, { code: 'ServiceUnavailable', message: 'The service is unavailable' });
    }
    if (this.mode === 'drop') {
      this.counts.dropped++;
      req.socket.destroy();
      return;
    }
    if (this.mode === 'hang' || this.holdWhere?.(req.method ?? 'GET', decodeURIComponent(req.url ?? ''))) {
      this.counts.held++;
      this.heldResponses.add(res);
      return;
    }
    this.counts.forwarded++;
    const upstream = https.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}

function reply(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
