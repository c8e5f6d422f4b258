import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

const portOf = (server: http.Server) => (server.address() as AddressInfo).port;
const listen = (server: http.Server) => new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const closer = (server: http.Server) => () =>
  new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });

function reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A fake Entra token endpoint (HTTPS, as msal requires) on 127.0.0.1: OpenID metadata and
 * client-credentials tokens per tenant; `brokenTenant` answers invalid_client quoting the secret.
 */
export async function startFakeEntra(
  pem: { cert: string; key: string },
  opts: { tokenOf: (tenantId: string) => string; brokenTenant?: string; secret?: string },
) {
  const tokenRequests: Array<{ tenant: string; body: URLSearchParams }> = [];
  const server = https.createServer({ cert: pem.cert, key: pem.key }, (req, res) => {
    const base = `https://127.0.0.1:${portOf(server)}`;
    const url = new URL(req.url ?? '/', base);
    const tenant = url.pathname.split('/')[1];
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (url.pathname.endsWith('/.well-known/openid-configuration')) {
        return reply(res, 200, {
          issuer: `${base}/${tenant}/v2.0`,
          authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
          end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
        });
      }
      if (url.pathname === `/${tenant}/oauth2/v2.0/token` && req.method === 'POST') {
        const body = new URLSearchParams(raw);
        tokenRequests.push({ tenant, body });
        if (tenant === opts.brokenTenant)
          return reply(res, 401, {
            error: 'invalid_client',
            error_description: `AADSTS7000215: Invalid client secret provided (${opts.secret ?? ''}).`,
          });
        return reply(res, 200, {
          token_type: 'Bearer',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: opts.tokenOf(tenant),
        });
      }
      reply(res, 404, { error: 'not_found' });
    });
  });
  await listen(server);
  return {
    url: `https://127.0.0.1:${portOf(server)}`,
    host: `127.0.0.1:${portOf(server)}`,
    tokenRequests,
    close: closer(server),
  };
}

/** The token the fake App Service identity endpoint hands out for a managed identity's client id. */
export const identityTokenOf = (clientId: string) => `fake-mi-token-${clientId}-must-not-leak`;
export const IDENTITY_HEADER = 'fake-identity-header-value';

interface IdentityEndpoint {
  url: string;
  requests: Array<{ query: URLSearchParams; identityHeader: string | undefined }>;
  state: { fail: null | number };
}
let identityEndpoint: Promise<IdentityEndpoint> | null = null;

/**
 * A fake Azure App Service managed identity endpoint (what IDENTITY_ENDPOINT and
 * IDENTITY_HEADER point at in App Service), set in this process's environment.
 *
 * One per test process, never moved: msal-node (under @azure/identity's
 * ManagedIdentityCredential) picks its managed identity source once per process and
 * keeps tokens in a process-wide cache, so tests use a client id of their own.
 */
export function sharedIdentityEndpoint(): Promise<IdentityEndpoint> {
  identityEndpoint ??= (async () => {
    const requests: IdentityEndpoint['requests'] = [];
    const state: IdentityEndpoint['state'] = { fail: null };
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const identityHeader = req.headers['x-identity-header'] as string | undefined;
      requests.push({ query: url.searchParams, identityHeader });
      if (identityHeader !== IDENTITY_HEADER) return reply(res, 401, { error: 'unauthorized' });
      if (state.fail) return reply(res, state.fail, { statusCode: state.fail, message: 'identity not available' });
      const clientId = url.searchParams.get('client_id') ?? 'system';
      reply(res, 200, {
        access_token: identityTokenOf(clientId),
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: url.searchParams.get('resource'),
        token_type: 'Bearer',
        client_id: clientId,
      });
    });
    await listen(server);
    server.unref();
    const url = `http://127.0.0.1:${portOf(server)}/msi/token`;
    process.env.IDENTITY_ENDPOINT = url;
    process.env.IDENTITY_HEADER = IDENTITY_HEADER;
    return { url, requests, state };
  })();
  return identityEndpoint;
}

export interface FakeUser {
  id: string;
  displayName?: string;
  givenName?: string;
  mail?: string;
  jobTitle?: string;
  department?: string;
  officeLocation?: string;
  preferredLanguage?: string;
  managerId?: string;
}

/**
 * A fake Microsoft Graph on 127.0.0.1 for the directory: /users/{id} (with $expand=manager),
 * /users/{id}/directReports, and getPresencesByUserId (everyone Available); or a chosen
 * failure (a status with an optional Retry-After, or no answer at all).
 */
export async function startFakeGraphDirectory(users: FakeUser[]) {
  const byId = new Map(users.map((u) => [u.id, u]));
  const calls: Array<{ method: string; path: string; authorization: string | undefined }> = [];
  const state: { fail: null | { status: number; retryAfter?: string } | 'hang' } = { fail: null };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    calls.push({ method: req.method ?? 'GET', path: url.pathname, authorization: req.headers.authorization });
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (state.fail === 'hang') return; // never answers
      if (state.fail) {
        return reply(
          res,
          state.fail.status,
          { error: { code: state.fail.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: 'no' } },
          state.fail.retryAfter ? { 'retry-after': state.fail.retryAfter } : {},
        );
      }
      const plain = (u: FakeUser) => ({
        id: u.id,
        displayName: u.displayName ?? null,
        givenName: u.givenName ?? null,
        mail: u.mail ?? null,
        jobTitle: u.jobTitle ?? null,
        department: u.department ?? null,
        officeLocation: u.officeLocation ?? null,
        preferredLanguage: u.preferredLanguage ?? null,
      });
      let m: RegExpExecArray | null;
      if (req.method === 'POST' && url.pathname === '/v1.0/communications/getPresencesByUserId') {
        const ids = (JSON.parse(raw) as { ids: string[] }).ids;
        return reply(res, 200, { value: ids.map((id) => ({ id, availability: 'Available', activity: 'Available' })) });
      }
      if ((m = /^\/v1\.0\/users\/([^/]+)\/directReports(\/microsoft\.graph\.user)?$/.exec(url.pathname))) {
        return reply(res, 200, { value: users.filter((u) => u.managerId === decodeURIComponent(m![1])).map(plain) });
      }
      if ((m = /^\/v1\.0\/users\/([^/]+)$/.exec(url.pathname))) {
        const user = byId.get(decodeURIComponent(m[1]));
        if (!user) return reply(res, 404, { error: { code: 'Request_ResourceNotFound', message: 'not found' } });
        const manager =
          user.managerId && url.searchParams.get('$expand')?.startsWith('manager')
            ? byId.get(user.managerId)
            : undefined;
        return reply(res, 200, {
          ...plain(user),
          ...(manager ? { manager: { id: manager.id, displayName: manager.displayName ?? null } } : {}),
        });
      }
      reply(res, 404, { error: { code: 'NotFound', message: `no route ${url.pathname}` } });
    });
  });
  await listen(server);
  return {
    url: `http://127.0.0.1:${portOf(server)}`,
    calls,
    state,
    users: byId,
    /** Graph calls other than presence. */
    directoryCalls: () => calls.filter((c) => !c.path.includes('getPresencesByUserId')),
    close: closer(server),
  };
}
