import assert from 'node:assert/strict';
import { withRunningApp } from '../helpers/app';
import { cardVerbs } from '../helpers/cards';
import { demoSeeds, demoUser } from '../helpers/demo';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';
import { type FakeUser, identityTokenOf, sharedIdentityEndpoint, startFakeGraphDirectory } from '../fakes/fake-graph';

/** The managed identity of this deployment (its own client id: msal's managed identity token cache is per process). */
const MI_CLIENT_ID = 'c0ffee00-1111-4222-8333-444455556666';

describe('Microsoft Graph in the running app (managed identity, fake Graph): Graph refreshes the directory, and help still works when Graph is down', () => {
  const seed = demoSeeds[0];
  const tenantId = seed.tenant.id;
  const employee = demoUser('employee');
  const team = seed.teams.find((t) => t.id === employee.teamId)!;
  const department = seed.departments.find((d) => d.id === team.departmentId)!;
  const location = seed.locations.find((l) => l.id === team.locationId) ?? seed.locations[0];
  /** Someone who joined after the demo organisation was seeded: only Graph knows them. */
  const newcomer: FakeUser = {
    id: '5e1f0c2a-7b3d-4e9f-8a6b-1c2d3e4f5a6b',
    displayName: 'Nieuwe Collega',
    givenName: 'Nieuwe',
    jobTitle: 'Medewerker',
    department: department.name.toUpperCase(),
    officeLocation: location.name,
    managerId: team.leaderId,
  };
  const leader = seed.users.find((u) => u.id === team.leaderId)!;

  let graph: Awaited<ReturnType<typeof startFakeGraphDirectory>>;
  const clock = new FakeClock(TUESDAY_MORNING);
  const as = (user: TeamsUser) =>
    new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, user, () => running.app.settle());

  before(async () => {
    await sharedIdentityEndpoint();
    graph = await startFakeGraphDirectory([
      newcomer,
      { id: leader.id, displayName: leader.name, department: department.name },
    ]);
  });
  const running = withRunningApp(() => ({
    clock,
    scheduler: false,
    env: {
      GRAPH_AUTH: 'managed-identity',
      AZURE_CLIENT_ID: MI_CLIENT_ID,
      GRAPH_TENANT_ID: tenantId,
      GRAPH_DIRECTORY: 'true',
      GRAPH_PRESENCE: 'true',
      GRAPH_BASE_URL: graph.url,
    },
  }));
  after(() => graph.close());

  async function askHelp(user: TeamsUser, question: string) {
    const c = as(user);
    await c.say('hulp'); // the form; its fields are sent with the tap below
    const since = running.conn.connector.activities().length;
    await c.tap('help.submit', {
      kind: 'help', // straight to a person; the form's own button (knowledge.ask) asks the knowledge base first
      topic: 'communication',
      question,
      urgency: 'today',
      channel: 'chat',
      where: location.name,
    });
    const offers = running.conn.connector
      .activities()
      .slice(since)
      .filter((a) => a.op === 'send' && cardVerbs(cardOf(a)).includes('help.decline'));
    const { resources } = await running.app.store.containers.tickets.items
      .query(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @t AND c.requester.userId = @u',
          parameters: [
            { name: '@t', value: user.tenantId },
            { name: '@u', value: user.aadObjectId },
          ],
        },
        { partitionKey: user.tenantId },
      )
      .fetchAll();
    return { offers, ticket: resources.find((r) => r.question === question) };
  }

  it('routes a newcomer only Graph knows by the department and location Graph gives, stored under the seeded units', async () => {
    const { offers, ticket } = await askHelp(
      { tenantId, aadObjectId: newcomer.id, name: 'Nieuwe Collega', locale: 'nl-NL' },
      'Waar vind ik mijn rooster?',
    );
    assert.ok(ticket, 'the ticket was stored');
    assert.equal(ticket.requester.departmentId, department.id, 'Graph’s department text became the seeded department');
    assert.equal(ticket.requester.locationId, location.id);
    assert.equal(offers.length, 1, 'one coach is offered the question');
    const tokenCalls = graph.calls.filter((c) => c.authorization);
    assert.ok(
      tokenCalls.length >= 1 && tokenCalls.every((c) => c.authorization === `Bearer ${identityTokenOf(MI_CLIENT_ID)}`),
      'Graph is called with the managed identity’s token',
    );
    assert.ok(graph.directoryCalls().some((c) => c.path === `/v1.0/users/${newcomer.id}`));
    assert.ok(
      graph.calls.some((c) => c.path.endsWith('/getPresencesByUserId')),
      'presence through the same identity',
    );

    const { resource } = await running.app.store.containers.tenants.item(`person:${newcomer.id}`, tenantId).read();
    assert.equal(resource.departmentId, department.id, 'the newcomer is now in the stored directory');
  });

  it('when Graph is down (503), help from a seeded colleague is still routed on the stored directory, and everyone counts as available', async () => {
    graph.state.fail = { status: 503 };
    clock.advance(2 * 3600_000); // past every cache: the directory would ask Graph again
    const before = graph.calls.length;
    const { offers, ticket } = await askHelp(employee, 'Mijn Teams-vergadering start niet');
    assert.ok(ticket);
    assert.equal(offers.length, 1, 'a coach is offered the question');
    assert.ok(graph.calls.length > before, 'Graph was tried');
    const stored = seed.users.find((u) => u.id === employee.aadObjectId)!;
    assert.equal(ticket.requester.teamId, stored.teamId, 'the stored team');
    assert.equal(ticket.requester.departmentId, department.id, 'the stored department');
  });

  it('when Graph throttles (429), a newcomer it cannot describe still gets help', async () => {
    graph.state.fail = { status: 429, retryAfter: '300' };
    clock.advance(2 * 3600_000);
    const { offers, ticket } = await askHelp(
      { tenantId, aadObjectId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', name: 'Onbekende Collega', locale: 'nl-NL' },
      'Hoe log ik in op mijn telefoon?',
    );
    assert.ok(ticket);
    assert.equal(ticket.requester.departmentId, undefined, 'nothing known about them');
    assert.equal(offers.length, 1, 'a coach is still offered the question');
  });
});
