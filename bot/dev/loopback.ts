import http from 'node:http';

/**
 * POSTs JSON to this same server over loopback HTTP, so a playground activity takes
 * exactly the path a Teams activity takes (body limit, guard, adapter). No keep-alive:
 * an idle pooled socket would keep a stopping server (and mocha) alive.
 */
export function postJson(url: string, body: unknown, timeoutMs = 30_000): Promise<{ status: number; body: unknown }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            parsed = text;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`loopback request timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
