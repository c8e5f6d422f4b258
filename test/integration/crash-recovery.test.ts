import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createLogger } from '../../bot/logger';
import { SnapshotStore } from '../../bot/storage/embedded/snapshot-store';
import { exitOf, freePort, spawnServer, tail, waitFor200 } from '../bench/lib/processes';
import { startConnector, tempDir } from '../helpers/app';
import { cardText } from '../helpers/cards';
import { answerOptions } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';

type Card = Record<string, unknown>;

/** `npm start` (bot/index.ts as its own Node process) on the embedded store in `dataDir`. */
async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess; log: string }> {
  const port = await freePort();
  const log = path.join(dataDir, `server-${port}.log`);
  const child = spawnServer({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent' }, log);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(`${url}/healthz`, Date.now(), child, 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${tail(log)}`);
  }
  return { url, child, log };
}

describe('when the server is killed (SIGKILL) in the middle of a scan', () => {
  const data = tempDir('dv-crash-');
  const children: ChildProcess[] = [];
  after(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map(exitOf));
    data.remove();
  });

  it('resumes right after the last confirmed answer, with no answer lost and none counted twice', async () => {
    const conn = await startConnector();
    const user: TeamsUser = { tenantId: randomUUID(), aadObjectId: randomUUID(), name: 'Kees Kill', locale: 'nl-NL' };
    try {
      const first = await startServer(data.dir);
      children.push(first.child);
      let c = new TeamsTestClient(first.url, conn.connector, conn.url, user);
      await c.say('scan');
      let card: Card = (await c.tap('scan.begin', { profile: 'financieel' })).card!;
      const confirmed: Array<{ itemId: string; value: string }> = [];
      let lastTapped: Record<string, unknown> = {};
      for (let n = 1; n <= 11; n++) {
        lastTapped = answerOptions(card)[n % 2];
        const res = await c.tap('scan.answer', lastTapped);
        card = res.card!;
        assert.match(cardText(card), new RegExp(`Vraag ${n + 1} van`), `answer ${n} confirmed: the card moved on`);
        confirmed.push({ itemId: lastTapped.i as string, value: String(lastTapped.v) });
      }
      // The user sees question 12; the server dies at once, without a chance to save anything.
      first.child.kill('SIGKILL');
      assert.equal((await exitOf(first.child)).signal, 'SIGKILL');

      const second = await startServer(data.dir);
      children.push(second.child);
      c = new TeamsTestClient(second.url, conn.connector, conn.url, user);
      const resumed = cardOf((await c.say('scan')).replies[0]);
      assert.match(cardText(resumed), /Vraag 12 van/, 'the scan continues at question 12');
      assert.deepEqual(answerOptions(resumed), answerOptions(card), 'the same question as before the crash');

      // Tapping question 11's card again (still in the chat) changes nothing.
      const again = await c.tap('scan.answer', lastTapped);
      assert.doesNotMatch(cardText(again.card ?? {}), /Vraag 13 van/);
      const next = await c.tap('scan.answer', answerOptions(resumed)[0]);
      assert.match(cardText(next.card!), /Vraag 13 van/);
      confirmed.push({ itemId: answerOptions(resumed)[0].i as string, value: String(answerOptions(resumed)[0].v) });

      second.child.kill('SIGKILL');
      await exitOf(second.child);
      // What is on disk, read as the next start would: every confirmed answer once, in order.
      const scans = new SnapshotStore(path.join(data.dir, 'cosmos'), createLogger('silent'))
        .load()
        .find((s) => s.container === 'scans')!;
      const session = scans.docs.find((d) => d.docType === 'session' && d.userId === user.aadObjectId)!;
      // Stored values are typed (2, true); the card's are the strings the buttons carry.
      const stored = (session.answers as Array<{ itemId: string; value: unknown }>).map(({ itemId, value }) => ({
        itemId,
        value: String(value),
      }));
      assert.deepEqual(stored, confirmed);
    } finally {
      await conn.close();
    }
  });
});
