import assert from 'node:assert/strict';
import { startConnector, startTestApp, tempDir } from '../helpers/app';
import { demoUser } from '../helpers/demo';
import { TeamsTestClient } from '../helpers/teams';

describe('when the server restarts on the same data directory', () => {
  const data = tempDir();
  after(() => data.remove());

  it('keeps what it stored and seeds the demo organisation only once', async () => {
    const conn = await startConnector();
    const employee = demoUser('employee', 1);
    const first = await startTestApp({ dataDir: data.dir });
    const countPeople = async (app: typeof first) =>
      (await app.store.containers.tenants.items.query('SELECT VALUE COUNT(1) FROM c').fetchAll()).resources[0];
    const seeded = await countPeople(first);
    assert.ok(seeded > 80, `demo organisation seeded (${seeded} records)`);
    await new TeamsTestClient(first.url, conn.connector, conn.url, employee).install();
    // A programme admin removes a seeded coach (what DELETE /api/v1/admin/coaches/:id does to the store).
    const removedCoach = demoUser('coach');
    await first.store.containers.tickets.item(`coach:${removedCoach.aadObjectId}`, removedCoach.tenantId).delete();
    await first.stop();

    const second = await startTestApp({ dataDir: data.dir });
    try {
      assert.equal(await countPeople(second), seeded, 'a second start adds nothing');
      const { resource } = await second.store.containers.users
        .item('conversation', `${employee.tenantId}|${employee.aadObjectId}`)
        .read();
      assert.equal(resource?.userId, employee.aadObjectId, 'the conversation reference survived');
      const coach = await second.store.containers.tickets
        .item(`coach:${removedCoach.aadObjectId}`, removedCoach.tenantId)
        .read();
      assert.equal(coach.statusCode, 404, 'a coach removed by an admin is not seeded again');
      const { resources: coaches } = await second.store.containers.tickets.items
        .query(
          { query: "SELECT VALUE COUNT(1) FROM c WHERE c.docType = 'coach'" },
          { partitionKey: removedCoach.tenantId },
        )
        .fetchAll();
      assert.ok(coaches[0] > 3, `the other seeded coaches are still there (${coaches[0]})`);
    } finally {
      await second.stop();
      await conn.close();
    }
  });
});
