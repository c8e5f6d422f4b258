import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { withRunningApp } from '../helpers/app';
import { assertValidCard, cardText, cardVerbs } from '../helpers/cards';
import { finishScan } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';

describe('mijn gegevens: what is kept, an export, and erasure', () => {
  const user: TeamsUser = { tenantId: randomUUID(), aadObjectId: randomUUID(), name: 'Noor Privé', locale: 'nl-NL' };
  let c: TeamsTestClient;
  const running = withRunningApp();
  before(async () => {
    c = new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, user);
    await c.say('scan');
    await finishScan(c, (await c.tap('scan.begin', { profile: 'klantcontact' })).card!);
  });

  it('tells the user what is kept and who sees what', async () => {
    const card = cardOf((await c.say('mijn gegevens')).replies[0]);
    assertValidCard(card, 'my data');
    assert.match(cardText(card), /Zelfscan: 1 uitslag, van /);
    assert.doesNotMatch(cardText(card), /uitslag\(en\)/);
    assert.match(cardText(card), /Herinneringen over de zelfscan: aan/);
    assert.match(cardText(card), /minstens 5 mensen/);
  });

  it('says what the export holds and opens “Mijn gegevens” in the tab to download it, instead of pasting JSON in the chat', async () => {
    const res = await c.tap('privacy.export');
    assertValidCard(res.card!, 'export');
    const words = cardText(res.card!);
    assert.match(words, /één bestand/);
    assert.doesNotMatch(words, /JSON/, 'no file-format jargon for employees');
    assert.match(words, /Zelfscan: 1 uitslag, van/);
    assert.match(words, /de vraag en het antwoord dat je koos/);
    assert.doesNotMatch(words, /"userId"|\{/, 'no JSON on the card');
    const open = (res.card!.actions as Array<{ type: string; url?: string }>).find((a) => a.type === 'Action.OpenUrl');
    assert.equal(open?.url, `${running.app.url}/tab/#my-data`);
    assert.ok(Buffer.byteLength(JSON.stringify(res.card)) < 4 * 1024, 'a small card, whatever the size of the data');
  });

  it('asks once more before erasing, with a way back ("Nee, toch niet") that keeps everything', async () => {
    const confirm = await c.tap('privacy.delete');
    const buttons = (confirm.card!.actions as Array<{ title: string; style?: string }>).map((a) => a.title);
    assert.deepEqual(buttons, ['Ja, verwijder alles', 'Nee, toch niet']);
    const kept = await c.tap('privacy.show');
    assert.match(cardText(kept.card!), /Zelfscan: 1 uitslag, van /, 'back at the overview, nothing erased');
  });

  it('asks once more before erasing, then erases scans and app state', async () => {
    const confirm = await c.tap('privacy.delete');
    assert.match(cardText(confirm.card!), /Dit kun je niet terugdraaien/);
    assert.ok(cardVerbs(confirm.card!).includes('privacy.show'), 'a way back');
    const refused = await c.tap('privacy.confirmDelete', { confirm: 'no' });
    assert.match(cardText(refused.card!), /Dat lukte niet/);
    assert.doesNotMatch(
      cardText(refused.card!),
      /Dat lukte niet[\s\S]*Dat lukte niet/,
      'the body does not repeat the title',
    );
    const done = await c.tap('privacy.confirmDelete', { confirm: 'yes' });
    assert.match(cardText(done.card!), /verwijderd/);
    assert.match(cardText(done.card!), /We hebben \d+ onderdel(en|)/);
    assert.doesNotMatch(cardText(done.card!), /We hebben 1 onderdelen/);
    const { resources } = await running.app.store.containers.scans.items
      .query('SELECT * FROM c', { partitionKey: `${user.tenantId}|${user.aadObjectId}` })
      .fetchAll();
    assert.equal(resources.length, 0);
    assert.match(cardText(cardOf((await c.say('resultaat')).replies[0])), /Nog geen uitslag/);
    const ref = await running.app.store.containers.users
      .item('conversation', `${user.tenantId}|${user.aadObjectId}`)
      .read();
    assert.equal(ref.resource?.userId, user.aadObjectId, 'the next turn saves the conversation reference again');
  });
});
