import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * Puts the on-behalf-of token on requests to the one Graph origin this client was made
 * for, and on nothing else (a next link pointing elsewhere gets no token). Also lets
 * tests run a fake Graph over plain HTTP on 127.0.0.1, which the library's own handler
 * would not authenticate.
 */
export class BearerHandler implements Middleware {
  private next: Middleware | null = null;

  constructor(
    private readonly origin: string,
    private readonly token: () => Promise<string>,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const headers = new Headers(context.options?.headers);
    headers.delete('authorization');
    if (new URL(url).origin === this.origin) headers.set('authorization', `Bearer ${await this.token()}`);
    const plain: Record<string, string> = {};
    headers.forEach((value, key) => (plain[key] = value));
    context.options = { ...context.options, headers: plain };
    if (!this.next) throw new Error('BearerHandler needs a next middleware');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
