/**
 * POSTs activities to the bot's /api/messages through one keep-alive agent with a fixed
 * number of sockets, so "N in flight" means N open requests. Only 127.0.0.1.
 */
import http from 'node:http';

export interface Posted {
  status: number;
  body: unknown;
  ms: number;
}

export class BotPoster {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(
    botUrl: string,
    sockets: number,
    private readonly timeoutMs: number,
  ) {
    this.url = new URL('/api/messages', botUrl);
    if (this.url.hostname !== '127.0.0.1')
      throw new Error(`benchmarks only talk to 127.0.0.1, not ${this.url.hostname}`);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  post(activity: Record<string, unknown>): Promise<Posted> {
    const payload = Buffer.from(JSON.stringify(activity));
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.url.hostname,
          port: this.url.port,
          path: this.url.pathname,
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': payload.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : null;
            } catch {
              // keep the raw text
            }
            resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started });
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `work` for every item with at most `limit` at a time; results in item order. */
export async function bounded<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i], i);
      }
    }),
  );
  return out;
}
