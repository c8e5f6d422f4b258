import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { MsalAppTokens } from '../../../bot/graph/app-tokens';
import {
  GRAPH_APP_SCOPES,
  GraphPresence,
  MAX_IDS_PER_CALL,
  retryAfterMs,
  toAvailability,
} from '../../../bot/graph/graph-presence';
import { createLogger } from '../../../bot/logger';
import { loadOrCreateCertificate } from '../../../bot/storage/embedded/certificate';
import { startFakeEntra } from '../../fakes/fake-graph';

const T = '6f0c3a52-9d1e-4b7a-8c2f-5e4d3b2a1c01';
const BROKEN_TENANT = '0b7e2d41-3c5a-4f69-9e18-7a6b5c4d3e02';
const CLIENT_SECRET = 'client-secret-never-logged';
const tokenOf = (tenantId: string) => `fake-app-token-${tenantId}-must-not-leak`;

/** The availability the fake Graph reports: named users as given, numbered users cycling through Graph's values. */
const GRAPH_VALUES = [
  'Available',
  'AvailableIdle',
  'Busy',
  'BusyIdle',
  'DoNotDisturb',
  'Away',
  'BeRightBack',
  'Offline',
  'PresenceUnknown',
  'SomethingNew',
];
const graphAvailabilityOf = (id: string) => GRAPH_VALUES[Number(id.replace(/\D/g, '')) % GRAPH_VALUES.length];

/** A fake Microsoft Graph on 127.0.0.1: getPresencesByUserId, or a chosen failure. */
async function startFakeGraph() {
  const calls: Array<{ ids: string[]; authorization: string | undefined }> = [];
  const state: { fail: null | { status: number; retryAfter?: string } } = { fail: null };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/v1.0/communications/getPresencesByUserId')
        return send(404, { error: { code: 'NotFound', message: req.url } });
      const ids = (JSON.parse(raw) as { ids: string[] }).ids;
      calls.push({ ids, authorization: req.headers.authorization });
      if (ids.length > 650) return send(400, { error: { code: 'BadRequest', message: 'too many ids' } });
      if (state.fail)
        return send(
          state.fail.status,
          { error: { code: state.fail.status === 429 ? 'TooManyRequests' : 'InternalServerError', message: 'no' } },
          state.fail.retryAfter ? { 'retry-after': state.fail.retryAfter } : {},
        );
      // Graph leaves out ids it does not know.
      send(200, {
        value: ids
          .filter((id) => id !== 'ghost')
          .map((id) => ({ id, availability: graphAvailabilityOf(id), activity: 'Whatever' })),
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('Graph presence (app-only, against a fake Graph and token endpoint)', () => {
  let certDir: string;
  let entra: Awaited<ReturnType<typeof startFakeEntra>>;
  let graph: Awaited<ReturnType<typeof startFakeGraph>>;
  let logged: string;
  let now: number;
  const clock = { now: () => new Date(now) };

  /** One msal application per presence, as per process in the app, pointed at the fake Entra. */
  const presence = (pemCa: string) =>
    new GraphPresence({
      tokens: new MsalAppTokens(
        new ConfidentialClientApplication({
          auth: {
            clientId: '11111111-2222-4333-8444-555555555555',
            clientSecret: CLIENT_SECRET,
            authority: `${entra.url}/organizations`,
            knownAuthorities: [entra.host],
          },
          system: { customAgentOptions: { ca: pemCa } },
        }),
        entra.url,
      ),
      log: createLogger(
        'info',
        new Writable({ write: (chunk, _enc, done) => void ((logged += String(chunk)), done()) }),
      ),
      graphBaseUrl: graph.url,
      clock,
    });
  let ca: string;

  before(async () => {
    certDir = mkdtempSync(path.join(os.tmpdir(), 'presence-cert-'));
    const pem = await loadOrCreateCertificate(certDir);
    ca = pem.cert;
    entra = await startFakeEntra(pem, { tokenOf, brokenTenant: BROKEN_TENANT, secret: CLIENT_SECRET });
    graph = await startFakeGraph();
  });
  after(async () => {
    await Promise.all([entra.close(), graph.close()]);
    rmSync(certDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    graph.calls.length = 0;
    entra.tokenRequests.length = 0;
    graph.state.fail = null;
    logged = '';
    now = Date.parse('2025-03-03T09:00:00Z');
  });
  afterEach(() => {
    for (const secret of [tokenOf(T), tokenOf(BROKEN_TENANT), CLIENT_SECRET])
      assert.ok(!logged.includes(secret), 'a token or secret in the logs');
  });

  it('maps Graph availability onto the port', () => {
    const expected: Record<string, string> = {
      Available: 'available',
      AvailableIdle: 'available',
      Busy: 'busy',
      BusyIdle: 'busy',
      DoNotDisturb: 'busy',
      Away: 'away',
      BeRightBack: 'away',
      Offline: 'offline',
      PresenceUnknown: 'unknown',
      SomethingNew: 'unknown',
    };
    for (const [graphValue, port] of Object.entries(expected))
      assert.equal(toAvailability(graphValue), port, graphValue);
    assert.equal(toAvailability(undefined), 'unknown');
    assert.equal(toAvailability(null), 'unknown');
  });

  it('asks Graph for 1,400 coaches in chunks of at most 650 with one app-only token for the tenant, and maps every answer', async () => {
    const ids = Array.from({ length: 1400 }, (_, i) => `u${i}`);
    const result = await presence(ca).availability(T, ids);
    assert.deepEqual(
      graph.calls.map((c) => c.ids.length).sort((a, b) => b - a),
      [650, 650, 100],
    );
    assert.equal(MAX_IDS_PER_CALL, 650);
    assert.deepEqual(new Set(graph.calls.flatMap((c) => c.ids)).size, 1400);
    assert.ok(graph.calls.every((c) => c.authorization === `Bearer ${tokenOf(T)}`));
    assert.equal(entra.tokenRequests.length, 1, 'msal reuses the token within the tenant');
    assert.equal(entra.tokenRequests[0].tenant, T);
    assert.equal(entra.tokenRequests[0].body.get('grant_type'), 'client_credentials');
    assert.match(
      entra.tokenRequests[0].body.get('scope') ?? '',
      new RegExp(GRAPH_APP_SCOPES[0].replace(/[./]/g, '\\$&')),
    );
    assert.equal(result.size, 1400);
    assert.equal(result.get('u0'), 'available');
    assert.equal(result.get('u1'), 'available');
    assert.equal(result.get('u2'), 'busy');
    assert.equal(result.get('u4'), 'busy');
    assert.equal(result.get('u5'), 'away');
    assert.equal(result.get('u6'), 'away');
    assert.equal(result.get('u7'), 'offline');
    assert.equal(result.get('u8'), 'unknown');
    assert.equal(result.get('u1399'), 'unknown');
  });

  it('caches per tenant and user for a minute, shares one call between concurrent requests, and reports users Graph left out as unknown', async () => {
    const p = presence(ca);
    const [a, b] = await Promise.all([p.availability(T, ['u2', 'u5', 'ghost']), p.availability(T, ['u2', 'u5'])]);
    assert.equal(graph.calls.length, 1);
    assert.deepEqual([...a].sort(), [
      ['ghost', 'unknown'],
      ['u2', 'busy'],
      ['u5', 'away'],
    ]);
    assert.deepEqual([...b].sort(), [
      ['u2', 'busy'],
      ['u5', 'away'],
    ]);

    now += 30_000;
    const again = await p.availability(T, ['u2', 'u5', 'ghost', 'u7']);
    assert.deepEqual(
      graph.calls.map((c) => c.ids),
      [['u2', 'u5', 'ghost'], ['u7']],
      'only the user not yet cached',
    );
    assert.equal(again.get('u7'), 'offline');

    now += 31_000;
    await p.availability(T, ['u2']);
    assert.deepEqual(graph.calls.at(-1)!.ids, ['u2'], 'asked again once the minute is over');
  });

  it('answers unknown when Graph fails (500), logs a warning, and asks again next time', async () => {
    const p = presence(ca);
    graph.state.fail = { status: 500 };
    const result = await p.availability(T, ['u0', 'u2']);
    assert.deepEqual([...result].sort(), [
      ['u0', 'unknown'],
      ['u2', 'unknown'],
    ]);
    assert.match(logged, /"level":40.*Graph call failed/);
    assert.match(logged, /"status":500/);

    graph.state.fail = null;
    assert.equal((await p.availability(T, ['u0'])).get('u0'), 'available');
    assert.equal(graph.calls.length, 2);
  });

  it('honours 429 Retry-After: unknown for now, no Graph call for that tenant until then', async () => {
    const p = presence(ca);
    graph.state.fail = { status: 429, retryAfter: '120' };
    assert.equal((await p.availability(T, ['u0'])).get('u0'), 'unknown');
    assert.equal(graph.calls.length, 1);
    assert.match(logged, /"retryAfterSeconds":120/);

    graph.state.fail = null;
    now += 119_000;
    assert.equal((await p.availability(T, ['u0', 'u2'])).get('u2'), 'unknown');
    assert.equal(graph.calls.length, 1, 'no call while throttled');

    now += 2_000;
    assert.equal((await p.availability(T, ['u2'])).get('u2'), 'busy');
    assert.equal(graph.calls.length, 2);
  });

  it('answers unknown when the token cannot be had, without putting the token, the secret or msal’s message in the log', async () => {
    const result = await presence(ca).availability(BROKEN_TENANT, ['u0']);
    assert.equal(result.get('u0'), 'unknown');
    assert.equal(graph.calls.length, 0);
    assert.match(logged, /app token failed/);
    assert.match(logged, /"errorCode":"invalid_client"/);
    assert.ok(!logged.includes('AADSTS7000215'));
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const at = Date.parse('2025-03-03T09:00:00Z');
    assert.equal(retryAfterMs('30', at), 30_000);
    assert.equal(retryAfterMs('Mon, 03 Mar 2025 09:01:00 GMT', at), 60_000);
    assert.equal(retryAfterMs('soon', at), null);
    assert.equal(retryAfterMs(null, at), null);
  });
});
