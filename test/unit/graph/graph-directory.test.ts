import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Tenant } from '../../../bot/domain/org';
import { BearerHandler } from '../../../bot/graph/bearer-handler';
import { departmentIdOf, GraphDirectory, locationIdOf, teamIdOf } from '../../../bot/graph/graph-directory';
import { GRAPH_SCOPES, type OboClient, OboTokenProvider } from '../../../bot/graph/obo-token-provider';

const T = '6f0c3a52-9d1e-4b7a-8c2f-5e4d3b2a1c01';
const users: Record<string, Record<string, unknown>> = {
  boss: {
    id: 'boss',
    displayName: 'Ingrid Bakker',
    givenName: 'Ingrid',
    jobTitle: 'Teamleider KCC',
    department: 'Publiekszaken',
    officeLocation: 'Servicepunt Leek',
    preferredLanguage: 'nl-NL',
  },
  anna: {
    id: 'anna',
    displayName: 'Anna de Vries',
    givenName: 'Anna',
    jobTitle: 'Klantadviseur',
    department: 'Publiekszaken',
    officeLocation: 'Servicepunt Leek',
    mail: 'anna@example.org',
    preferredLanguage: 'en-GB',
  },
  bert: {
    id: 'bert',
    displayName: 'Bert Smit',
    givenName: 'Bert',
    jobTitle: 'Klantadviseur',
    department: 'Publiekszaken',
    officeLocation: 'Gemeentehuis Zuidhorn',
  },
};
const managers: Record<string, string> = { anna: 'boss', bert: 'boss' };

/** A fake Microsoft Graph on 127.0.0.1: the few user endpoints the directory calls, with paging. */
async function startFakeGraph() {
  const seen: Array<{ path: string; authorization: string | undefined }> = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push({ path: url.pathname + url.search, authorization: req.headers.authorization });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const withManager = (id: string) => ({
      ...users[id],
      ...(managers[id] && url.searchParams.get('$expand')?.startsWith('manager')
        ? { manager: { id: managers[id] } }
        : {}),
    });
    let m: RegExpExecArray | null;
    if (url.pathname === '/v1.0/users') {
      const page = url.searchParams.get('page');
      if (page === '2') return send(200, { value: [withManager('bert')] });
      const next = new URL(
        url.href.replace('http://127.0.0.1', `http://127.0.0.1:${(server.address() as AddressInfo).port}`),
      );
      next.searchParams.set('page', '2');
      return send(200, { value: [withManager('boss'), withManager('anna')], '@odata.nextLink': next.href });
    }
    if ((m = /^\/v1\.0\/users\/([^/]+)\/directReports(\/microsoft\.graph\.user)?$/.exec(url.pathname))) {
      const reports = Object.keys(managers).filter((id) => managers[id] === m![1]);
      return send(200, {
        value: (url.searchParams.get('$top') === '1' ? reports.slice(0, 1) : reports).map((id) => users[id]),
      });
    }
    if ((m = /^\/v1\.0\/users\/([^/]+)$/.exec(url.pathname))) {
      return users[m[1]]
        ? send(200, withManager(m[1]))
        : send(404, { error: { code: 'Request_ResourceNotFound', message: 'not found' } });
    }
    send(404, { error: { code: 'NotFound', message: `no route ${url.pathname}` } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

class FakeMsal implements OboClient {
  readonly calls: Array<{ oboAssertion: string; scopes: string[] }> = [];
  async acquireTokenOnBehalfOf(request: { oboAssertion: string; scopes: string[] }) {
    this.calls.push(request);
    return { accessToken: `graph-token-for-${request.oboAssertion}` };
  }
}

describe('the Graph directory (on-behalf-of, against a fake Graph)', () => {
  let graph: Awaited<ReturnType<typeof startFakeGraph>>;
  const msal = new FakeMsal();
  const settings = {
    getTenant: async (id: string): Promise<Tenant | null> =>
      id === T
        ? {
            tenantId: T,
            name: 'Gemeente',
            shortName: 'G',
            country: 'NL',
            defaultLocale: 'nl-NL',
            programmeAdmins: ['anna'],
            anonymityThreshold: 5,
          }
        : null,
  };
  const directory = () =>
    GraphDirectory.forUser({
      tenantId: T,
      userAssertion: 'sso-token-of-boss',
      tokens: new OboTokenProvider(msal),
      settings,
      baseUrl: graph.url,
    });

  before(async () => {
    graph = await startFakeGraph();
  });
  after(() => graph.close());

  it('reads a profile with department, office location, job title and manager, calling Graph with the exchanged token', async () => {
    const anna = await directory().getPerson(T, 'anna');
    assert.deepEqual(anna, {
      tenantId: T,
      id: 'anna',
      name: 'Anna de Vries',
      givenName: 'Anna',
      email: 'anna@example.org',
      jobTitle: 'Klantadviseur',
      teamId: teamIdOf('boss'),
      departmentId: departmentIdOf('Publiekszaken'),
      locationId: locationIdOf('Servicepunt Leek'),
      managerId: 'boss',
      preferredLocale: 'en-GB',
    });
    assert.equal(graph.seen.at(-1)!.authorization, 'Bearer graph-token-for-sso-token-of-boss');
    assert.deepEqual(msal.calls.at(-1), { oboAssertion: 'sso-token-of-boss', scopes: GRAPH_SCOPES });
  });

  it('knows a leader by their direct reports, and their team’s members', async () => {
    const d = directory();
    const teams = await d.teamsLedBy(T, 'boss');
    assert.deepEqual(
      teams.map((t) => [t.id, t.kind, t.leaderId, t.name]),
      [[teamIdOf('boss'), 'team', 'boss', 'Ingrid Bakker']],
    );
    assert.deepEqual(await d.teamsLedBy(T, 'anna'), []);
    assert.deepEqual(
      (await d.teamMembers(T, teamIdOf('boss'))).map((p) => p.id),
      ['anna', 'bert'],
    );
    assert.deepEqual(
      (await d.directReports(T, 'boss')).map((p) => p.managerId),
      ['boss', 'boss'],
    );
  });

  it('turns department and location texts into units and back', async () => {
    const d = directory();
    assert.deepEqual(await d.getUnit(T, departmentIdOf('Publiekszaken')), {
      tenantId: T,
      id: departmentIdOf('Publiekszaken'),
      kind: 'department',
      name: 'Publiekszaken',
    });
    assert.equal((await d.getUnit(T, teamIdOf('boss')))?.departmentId, departmentIdOf('Publiekszaken'));
    assert.match(departmentIdOf('Ruimte & Omgeving'), /^dep:[A-Za-z0-9_-]+$/, 'ids the tab API accepts');
    assert.deepEqual(
      (await d.listUnits(T, 'location')).map((u) => u.name),
      ['Gemeentehuis Zuidhorn', 'Servicepunt Leek'],
    );
  });

  it('lists everyone across pages, with their managers', async () => {
    const people = await directory().listPeople(T);
    assert.deepEqual(
      people.map((p) => [p.id, p.managerId ?? null]),
      [
        ['anna', 'boss'],
        ['bert', 'boss'],
        ['boss', null],
      ],
    );
  });

  it('answers null for someone Graph does not know, and nothing for another tenant', async () => {
    const d = directory();
    assert.equal(await d.getPerson(T, 'nobody'), null);
    assert.equal(await d.getPerson('00000000-0000-4000-8000-000000000000', 'anna'), null);
    assert.deepEqual(await d.listPeople('00000000-0000-4000-8000-000000000000'), []);
  });

  it('takes the tenant settings from the app, not from Graph', async () => {
    assert.deepEqual((await directory().getTenant(T))?.programmeAdmins, ['anna']);
  });

  it('never puts a token in an error when the exchange fails', async () => {
    const failing = new OboTokenProvider({
      acquireTokenOnBehalfOf: async () => {
        throw Object.assign(new Error('AADSTS50013: assertion sso-token-secret is invalid'), {
          errorCode: 'invalid_grant',
        });
      },
    });
    await assert.rejects(
      failing.graphToken('sso-token-secret'),
      (err: Error & { code?: string }) =>
        err.code === 'graph_token_invalid_grant' && !err.message.includes('sso-token-secret'),
    );
    await assert.rejects(
      new OboTokenProvider({ acquireTokenOnBehalfOf: async () => null }).graphToken('x'),
      /graph_token_missing/,
    );
  });
});

describe('the Graph bearer handler', () => {
  it('puts the token only on requests to its own Graph origin', async () => {
    const seen: Array<string | undefined> = [];
    const handler = new BearerHandler('https://graph.microsoft.com', async () => 'secret-token');
    handler.setNext({
      execute: async (ctx) => void seen.push((ctx.options?.headers as Record<string, string>).authorization),
    });
    await handler.execute({ request: 'https://graph.microsoft.com/v1.0/me', options: { headers: {} } });
    await handler.execute({
      request: 'https://elsewhere.example/next?page=2',
      options: { headers: { Authorization: 'Bearer leaked' } },
    });
    assert.deepEqual(seen, ['Bearer secret-token', undefined]);
  });
});
