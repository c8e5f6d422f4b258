/** A small client for the tab's API in tests: dev tokens from /dev/token, JSON in and out. */
export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export class TabClient {
  constructor(readonly baseUrl: string) {}

  async devToken(tenantId: string, userId: string): Promise<string> {
    const res = await fetch(`${this.baseUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId, userId }),
    });
    if (!res.ok) throw new Error(`dev token: ${res.status}`);
    return ((await res.json()) as { token: string }).token;
  }

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; rawBody?: string; lang?: string; authorization?: string } = {},
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { 'accept-language': opts.lang ?? 'nl-NL' };
    if (opts.authorization !== undefined) headers.authorization = opts.authorization;
    else if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined || opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = opts.rawBody ?? JSON.stringify(opts.body);
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  get<T = Record<string, unknown>>(path: string, token?: string, lang?: string) {
    return this.call<T>('GET', path, { token, lang });
  }

  post<T = Record<string, unknown>>(path: string, token: string | undefined, body?: unknown) {
    return this.call<T>('POST', path, { token, body });
  }
}
