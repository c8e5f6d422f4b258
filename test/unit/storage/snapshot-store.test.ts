import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SnapshotStore } from '../../../bot/storage/embedded/snapshot-store';
import { createLogger } from '../../../bot/logger';
import { tempDir } from '../../helpers/app';

describe('the embedded store on disk', () => {
  const log = createLogger('silent');
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.remove());

  it('folds the journal into snapshots on flush, atomically, and reads them back without system fields', async () => {
    const store = new SnapshotStore(tmp.dir, log);
    await store.put('db', 'scans', '["u1"]', { id: 'a', userKey: 'u1', _etag: 'e', _rid: 'r', _ts: 1 });
    await store.put('db', 'scans', '["u1"]', { id: 'b', userKey: 'u1' });
    await store.remove('db', 'scans', '["u1"]', 'b');
    await store.flush();
    assert.deepEqual(readdirSync(tmp.dir), ['db.scans.json'], 'no journal or temporary file is left behind');
    const loaded = new SnapshotStore(tmp.dir, log).load();
    assert.deepEqual(loaded, [{ db: 'db', container: 'scans', docs: [{ id: 'a', userKey: 'u1' }] }]);
  });

  it('has every acknowledged write on disk without a flush, as after SIGKILL', async () => {
    const store = new SnapshotStore(tmp.dir, log);
    await store.put('db', 'users', '["k"]', { id: 'x', userKey: 'k', n: 1 });
    await Promise.all([
      store.put('db', 'users', '["k"]', { id: 'x', userKey: 'k', n: 2 }),
      store.put('db', 'users', '["k"]', { id: 'y', userKey: 'k' }),
      store.remove('db', 'users', '["k"]', 'y'),
    ]);
    // No flush, no shutdown: a second store reads what the first acknowledged.
    const loaded = new SnapshotStore(tmp.dir, log).load();
    assert.deepEqual(loaded, [{ db: 'db', container: 'users', docs: [{ id: 'x', userKey: 'k', n: 2 }] }]);
  });

  it('ignores a last line cut off by a crash, which was never acknowledged', async () => {
    const store = new SnapshotStore(tmp.dir, log);
    await store.put('db', 'users', '["k"]', { id: 'x', userKey: 'k' });
    const journal = readdirSync(tmp.dir).find((f) => f.startsWith('journal-'))!;
    appendFileSync(path.join(tmp.dir, journal), '{"op":"put","db":"db","c":"users","pk":"[\\"k\\"]","doc":{"id":"z"');
    assert.deepEqual(new SnapshotStore(tmp.dir, log).load()[0].docs, [{ id: 'x', userKey: 'k' }]);
  });

  it('refuses a journal damaged in the middle instead of dropping what follows', async () => {
    const store = new SnapshotStore(tmp.dir, log);
    await store.put('db', 'users', '["k"]', { id: 'x', userKey: 'k' });
    const journal = readdirSync(tmp.dir).find((f) => f.startsWith('journal-'))!;
    appendFileSync(
      path.join(tmp.dir, journal),
      'garbage\n{"op":"rm","db":"db","c":"users","pk":"[\\"k\\"]","id":"x"}\n',
    );
    assert.throws(() => new SnapshotStore(tmp.dir, log).load(), /damaged at line 2/);
  });

  it('compacts when the journal grows, and keeps writes made during the compaction', async () => {
    const store = new SnapshotStore(tmp.dir, log, 2_000);
    const writes: Array<Promise<void>> = [];
    for (let i = 0; i < 100; i++)
      writes.push(store.put('db', 'scans', `["u${i}"]`, { id: 'session', userKey: `u${i}`, i }));
    await Promise.all(writes);
    for (let i = 0; i < 100; i += 2) await store.remove('db', 'scans', `["u${i}"]`, 'session');
    const reopened = new SnapshotStore(tmp.dir, log);
    const docs = reopened.load()[0].docs;
    assert.equal(docs.length, 50);
    assert.ok(
      docs.every((d) => (d.i as number) % 2 === 1),
      'only the documents not removed',
    );
    assert.ok(readdirSync(tmp.dir).includes('db.scans.json'), 'a snapshot was written along the way');
  });

  it('reads a journal that a crash left behind after its snapshot was written, without harm', async () => {
    const store = new SnapshotStore(tmp.dir, log);
    await store.put('db', 'users', '["k"]', { id: 'x', userKey: 'k', n: 1 });
    await store.put('db', 'users', '["k"]', { id: 'x', userKey: 'k', n: 2 });
    const journal = readdirSync(tmp.dir).find((f) => f.startsWith('journal-'))!;
    const copy = readFileSync(path.join(tmp.dir, journal));
    await store.flush();
    // The crash came between the snapshot's rename and the journal's deletion: the journal is still there.
    writeFileSync(path.join(tmp.dir, journal), copy);
    assert.deepEqual(new SnapshotStore(tmp.dir, log).load()[0].docs, [{ id: 'x', userKey: 'k', n: 2 }]);
  });

  it('reads snapshots written before partition keys were stored, and applies deletions to them', async () => {
    writeFileSync(
      path.join(tmp.dir, 'db.users.json'),
      JSON.stringify({ version: 1, savedAt: 'x', docs: [{ id: 'conversation', userKey: 't|u' }] }),
    );
    const store = new SnapshotStore(tmp.dir, log);
    store.load();
    await store.remove('db', 'users', '["t|u"]', 'conversation');
    assert.deepEqual(new SnapshotStore(tmp.dir, log).load()[0].docs, []);
  });

  it('keeps documents with the same id in different partitions apart', async () => {
    const store = new SnapshotStore(tmp.dir, log);
    await store.put('db', 'users', '["k1"]', { id: 'conversation', userKey: 'k1' });
    await store.put('db', 'users', '["k2"]', { id: 'conversation', userKey: 'k2' });
    await store.flush();
    assert.equal(new SnapshotStore(tmp.dir, log).load()[0].docs.length, 2);
  });
});
