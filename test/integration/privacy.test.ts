import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { App } from '../../bot/app';
import { startConnector, startTestApp } from '../helpers/app';
import { assertValidCard, cardText } from '../helpers/cards';
import { finishScan } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';

describe('mijn gegevens: what is kept, an export, and erasure', () => {
  let app: App;
  let conn: Awaited<ReturnType<typeof startConnector>>;
  const user: TeamsUser = { tenantId: randomUUID(), aadObjectId: randomUUID(), name: 'Noor Privé', locale: 'nl-NL' };
  let c: TeamsTestClient;
  before(async () => {
    conn = await startConnector();
    app = await startTestApp();
    c = new TeamsTestClient(app.url, conn.connector, conn.url, user);
    await c.say('scan');
    await finishScan(c, (await c.tap('scan.begin', { profile: 'klantcontact' })).card!);
  });
  after(async () => {
    await app.stop();
    await conn.close();
  });

  it('tells the user what is kept and who sees what', async () => {
    const card = cardOf((await c.say('mijn gegevens')).replies[0]);
    assertValidCard(card, 'my data');
    assert.match(cardText(card), /Zelfscan: 1 uitslag/);
    assert.match(cardText(card), /minstens 5 mensen/);
  });

  it('exports the user’s own answers and results', async () => {
    const res = await c.tap('privacy.export');
    assertValidCard(res.card!, 'export');
    const json = JSON.parse(cardText(res.card!).split('\n').slice(2).join('\n'));
    assert.equal(json.user.userId, user.aadObjectId);
    assert.equal(json.scanResults.length, 1);
    assert.ok(json.scanResults[0].answers.length > 10);
  });

  it('asks once more before erasing, then erases scans and app state', async () => {
    const confirm = await c.tap('privacy.delete');
    assert.match(cardText(confirm.card!), /Dit kun je niet terugdraaien/);
    const refused = await c.tap('privacy.confirmDelete', { confirm: 'no' });
    assert.match(cardText(refused.card!), /Dat lukte niet/);
    const done = await c.tap('privacy.confirmDelete', { confirm: 'yes' });
    assert.match(cardText(done.card!), /verwijderd/);
    const { resources } = await app.store.containers.scans.items.query('SELECT * FROM c', { partitionKey: `${user.tenantId}|${user.aadObjectId}` }).fetchAll();
    assert.equal(resources.length, 0);
    assert.match(cardText(cardOf((await c.say('resultaat')).replies[0])), /Nog geen uitslag/);
    const ref = await app.store.containers.users.item('conversation', `${user.tenantId}|${user.aadObjectId}`).read();
    assert.equal(ref.resource?.userId, user.aadObjectId, 'the next turn saves the conversation reference again');
  });
});
