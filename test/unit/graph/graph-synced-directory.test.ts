import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { MsalAppTokens } from '../../../bot/graph/app-tokens';
import { departmentIdOf, GraphDirectory, teamIdOf } from '../../../bot/graph/graph-directory';
import { GraphSyncedDirectory } from '../../../bot/graph/graph-synced-directory';
import { createLogger } from '../../../bot/logger';
import { createCosmosClient, openCosmosStore, type CosmosStore } from '../../../bot/storage/cosmos';
import { CosmosDirectory } from '../../../bot/storage/cosmos-directory';
import { loadOrCreateCertificate } from '../../../bot/storage/embedded/certificate';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../../bot/storage/embedded/embedded-cosmos';
import { type FakeUser, startFakeEntra, startFakeGraphDirectory } from '../../fakes/fake-graph';

const T = '6f0c3a52-9d1e-4b7a-8c2f-5e4d3b2a1c01';
const SECRET = 'directory-client-secret-never-logged';
const tokenOf = (tenantId: string) => `fake-directory-token-${tenantId}-must-not-leak`;

const graphUsers: FakeUser[] = [
  {
    id: 'boss',
    displayName: 'Ingrid Bakker',
    givenName: 'Ingrid',
    jobTitle: 'Teamleider KCC',
    department: 'Publiekszaken',
    officeLocation: 'Servicepunt Leek',
  },
  {
    id: 'anna',
    displayName: 'Anna de Vries',
    givenName: 'Anna',
    mail: 'anna@example.org',
    jobTitle: 'Klantadviseur',
    department: '  publiekszaken ',
    officeLocation: 'Servicepunt Leek',
    managerId: 'boss',
    preferredLanguage: 'en-GB',
  },
  {
    id: 'bert',
    displayName: 'Bert Smit',
    givenName: 'Bert',
    jobTitle: 'Klantadviseur',
    department: 'Dienstverlening Digitaal',
    officeLocation: 'Servicepunt Leek',
    managerId: 'boss',
  },
  {
    id: 'chef',
    displayName: 'Karel Mulder',
    jobTitle: 'Teamleider Buitendienst',
    department: 'Beheer Openbare Ruimte',
  },
  {
    id: 'gijs',
    displayName: 'Gijs Hoekstra',
    jobTitle: 'Groenbeheerder',
    department: 'Beheer Openbare Ruimte',
    officeLocation: 'Gemeentewerf Grootegast',
    managerId: 'chef',
  },
  {
    id: 'wim',
    displayName: 'Wim Postma',
    jobTitle: 'Groenbeheerder',
    department: 'Beheer Openbare Ruimte',
    managerId: 'chef',
  },
];

describe('the Graph-synced directory (stored directory in the embedded Cosmos, refreshed from a fake Graph with app-only tokens)', () => {
  let dir: string;
  let embedded: EmbeddedCosmos;
  let store: CosmosStore;
  let stored: CosmosDirectory;
  let entra: Awaited<ReturnType<typeof startFakeEntra>>;
  let graph: Awaited<ReturnType<typeof startFakeGraphDirectory>>;
  let ca: string;
  let logged: string;
  let now: number;
  const clock = { now: () => new Date(now) };

  /** A fresh synced directory (fresh caches) over the same stored directory, as the app builds it. */
  function synced(opts: { waitMs?: number; timeoutMs?: number } = {}) {
    const tokens = new MsalAppTokens(
      new ConfidentialClientApplication({
        auth: {
          clientId: '11111111-2222-4333-8444-555555555555',
          clientSecret: SECRET,
          authority: `${entra.url}/organizations`,
          knownAuthorities: [entra.host],
        },
        system: { customAgentOptions: { ca } },
      }),
      entra.url,
    );
    return new GraphSyncedDirectory({
      stored,
      graphFor: (tenantId) =>
        GraphDirectory.appOnly({ tenantId, tokens, settings: stored, baseUrl: graph.url, timeoutMs: opts.timeoutMs }),
      clock,
      log: createLogger(
        'debug',
        new Writable({ write: (chunk, _enc, done) => void ((logged += String(chunk)), done()) }),
      ),
      ttlSeconds: 3600,
      waitMs: opts.waitMs,
    });
  }

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'synced-directory-'));
    const silent = createLogger('silent');
    embedded = await startEmbeddedCosmos({ certDir: path.join(dir, 'certs'), dataDir: null, port: 0, log: silent });
    store = await openCosmosStore({
      kind: 'embedded',
      client: createCosmosClient(embedded),
      databaseId: 'synced',
      log: silent,
    });
    stored = new CosmosDirectory(store.containers.tenants);
    const pem = await loadOrCreateCertificate(path.join(dir, 'certs'));
    ca = pem.cert;
    entra = await startFakeEntra(pem, { tokenOf });
    graph = await startFakeGraphDirectory(graphUsers);

    await stored.upsertTenant({
      tenantId: T,
      name: 'Gemeente Westerkwartier',
      shortName: 'WK',
      country: 'NL',
      defaultLocale: 'nl-NL',
      programmeAdmins: [],
      anonymityThreshold: 5,
    });
    await stored.createUnitIfMissing({ tenantId: T, id: 'wk-dep-publiek', kind: 'department', name: 'Publiekszaken' });
    await stored.createUnitIfMissing({ tenantId: T, id: 'wk-loc-leek', kind: 'location', name: 'Servicepunt Leek' });
    await stored.createUnitIfMissing({
      tenantId: T,
      id: 'wk-team-kcc',
      kind: 'team',
      name: 'Klantcontactcentrum',
      leaderId: 'boss',
      departmentId: 'wk-dep-publiek',
    });
    await stored.createPersonIfMissing({ tenantId: T, id: 'boss', name: 'Ingrid Bakker', teamId: 'wk-team-kcc' });
    await stored.createPersonIfMissing({
      tenantId: T,
      id: 'bert',
      name: 'Bert Smit',
      jobTitle: 'Baliemedewerker',
      jobProfile: 'ondersteunend',
      teamId: 'wk-team-kcc',
      departmentId: 'wk-dep-publiek',
      managerId: 'boss',
      preferredLocale: 'nl-NL',
    });
  });
  after(async () => {
    await Promise.all([entra.close(), graph.close()]);
    store.client.dispose();
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    graph.calls.length = 0;
    graph.state.fail = null;
    logged = '';
    now = Date.parse('2025-03-04T09:00:00Z');
  });
  afterEach(() => {
    for (const secret of [tokenOf(T), SECRET]) assert.ok(!logged.includes(secret), 'a token or secret in the logs');
  });

  it('reads a colleague the store does not know from Graph (client credentials), stores them under the stored units Graph’s texts name, and answers the next time from the cache', async () => {
    const d = synced();
    const anna = await d.getPerson(T, 'anna');
    assert.deepEqual(
      { ...anna },
      {
        tenantId: T,
        id: 'anna',
        name: 'Anna de Vries',
        givenName: 'Anna',
        email: 'anna@example.org',
        jobTitle: 'Klantadviseur',
        departmentId: 'wk-dep-publiek',
        locationId: 'wk-loc-leek',
        managerId: 'boss',
        teamId: 'wk-team-kcc',
        preferredLocale: 'en-GB',
      },
      'department matched by name regardless of case and spaces; the team the manager leads',
    );
    assert.deepEqual(
      graph.directoryCalls().map((c) => c.path),
      ['/v1.0/users/anna'],
    );
    assert.equal(graph.calls[0].authorization, `Bearer ${tokenOf(T)}`);
    assert.equal(entra.tokenRequests.at(-1)!.body.get('grant_type'), 'client_credentials');
    assert.equal(entra.tokenRequests.at(-1)!.tenant, T);

    assert.equal((await d.getPerson(T, 'anna'))?.jobTitle, 'Klantadviseur');
    assert.equal(graph.directoryCalls().length, 1, 'the second answer comes from the store without asking Graph');
    assert.equal(
      (await stored.getPerson(T, 'anna'))?.departmentId,
      'wk-dep-publiek',
      'written to the stored directory',
    );
  });

  it('answers a stored colleague from the store at once and refreshes them afterwards: Graph’s fields change, the app’s own stay; again only after the TTL', async () => {
    const d = synced();
    const first = await d.getPerson(T, 'bert');
    assert.equal(first?.jobTitle, 'Baliemedewerker', 'the turn does not wait for Graph');
    await d.idle();
    const bert = await d.getPerson(T, 'bert');
    assert.equal(bert?.jobTitle, 'Klantadviseur');
    assert.equal(bert?.jobProfile, 'ondersteunend', 'the job profile the user chose stays');
    assert.equal(bert?.preferredLocale, 'nl-NL', 'the language the user has stays');
    assert.equal(bert?.departmentId, departmentIdOf('Dienstverlening Digitaal'), 'a department the store did not have');
    assert.deepEqual(await d.getUnit(T, departmentIdOf('Dienstverlening Digitaal')), {
      tenantId: T,
      id: departmentIdOf('Dienstverlening Digitaal'),
      kind: 'department',
      name: 'Dienstverlening Digitaal',
    });
    assert.equal(graph.directoryCalls().length, 1);

    now += 3599_000;
    await d.getPerson(T, 'bert');
    await d.idle();
    assert.equal(graph.directoryCalls().length, 1, 'fresh for an hour');
    now += 2_000;
    await d.getPerson(T, 'bert');
    await d.idle();
    assert.equal(graph.directoryCalls().length, 2, 'read again once the hour is over');
  });

  it('finds a leader’s direct reports in Graph when the store has none, and makes them a team the leader leads', async () => {
    const d = synced();
    const reports = await d.directReports(T, 'chef');
    assert.deepEqual(
      reports.map((p) => [p.id, p.managerId, p.teamId]),
      [
        ['gijs', 'chef', teamIdOf('chef')],
        ['wim', 'chef', teamIdOf('chef')],
      ],
    );
    const teams = await d.teamsLedBy(T, 'chef');
    assert.deepEqual(
      teams.map((t) => [t.id, t.kind, t.leaderId]),
      [[teamIdOf('chef'), 'team', 'chef']],
    );
    assert.deepEqual(
      (await d.teamMembers(T, teamIdOf('chef'))).map((p) => p.id),
      ['gijs', 'wim'],
    );
    assert.equal(graph.directoryCalls().length, 1, 'one Graph call for the reports, then the store');
    assert.deepEqual(await d.teamsLedBy(T, 'gijs'), [], 'someone without reports leads no team');
  });

  it('serves the store when Graph throttles (429), logs it, and leaves Graph alone for that tenant until Retry-After', async () => {
    const d = synced();
    graph.state.fail = { status: 429, retryAfter: '120' };
    assert.equal((await d.getPerson(T, 'boss'))?.name, 'Ingrid Bakker');
    await d.idle();
    assert.equal(graph.directoryCalls().length, 1);
    assert.match(logged, /"level":40.*"retryAfterSeconds":120.*Graph throttled; serving the stored directory/);
    assert.equal(
      await d.getPerson(T, 'nobody-yet'),
      null,
      'someone the store does not know is not found while Graph rests',
    );
    assert.equal(graph.directoryCalls().length, 1, 'no call during Retry-After');

    graph.state.fail = null;
    now += 121_000;
    await d.getPerson(T, 'boss');
    await d.idle();
    assert.equal(graph.directoryCalls().length, 2, 'asked again after Retry-After');
  });

  it('serves the store when Graph fails or does not answer, waiting a bounded time for someone it does not know', async () => {
    const d = synced({ waitMs: 150, timeoutMs: 400 });
    graph.state.fail = 'hang';
    const started = Date.now();
    assert.equal(await d.getPerson(T, 'wim-unknown'), null);
    assert.ok(Date.now() - started < 1000, 'the turn waits at most waitMs');
    await d.idle();
    assert.match(logged, /Graph call failed; serving the stored directory/);

    const d2 = synced();
    graph.state.fail = { status: 503 };
    assert.equal((await d2.getPerson(T, 'boss'))?.teamId, 'wk-team-kcc');
    await d2.idle();
    assert.match(logged, /"status":503/);
  });
  it('names a department’s head from the reporting lines Graph refreshed, and keeps the head a programme admin chose', async () => {
    graph.state.fail = null;
    now += 7_200_000; // past every back-off and freshness of the tests before
    const d = synced();
    await d.directReports(T, 'chef');
    await d.getPerson(T, 'chef');
    await d.getPerson(T, 'boss');
    await d.directReports(T, 'boss');
    await d.idle();
    await stored.setUnitLeader(T, 'wk-dep-publiek', 'bert', true);
    await d.listUnits(T, 'department');
    await d.idle();
    const beheer = (await stored.listUnits(T, 'department')).find((u) => u.name === 'Beheer Openbare Ruimte')!;
    assert.equal(beheer.leaderId, 'chef', 'the one top of the department: the manager of its people');
    assert.equal(beheer.leaderByAdmin, undefined);
    const publiek = await stored.getUnit(T, 'wk-dep-publiek');
    assert.equal(publiek?.leaderId, 'bert', 'the admin’s choice stays, although the lines say boss');
    assert.equal(publiek?.leaderByAdmin, true);
  });
});
