import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SnapshotStore } from '../../../bot/storage/embedded/snapshot-store';
import { createLogger } from '../../../bot/logger';
import { tempDir } from '../../helpers/app';

describe('the embedded store snapshots', () => {
  const log = createLogger('silent');

  it('write changed containers atomically and read them back without system fields', async () => {
    const tmp = tempDir();
    const store = new SnapshotStore(tmp.dir, log);
    store.put('db', 'scans', '["u1"]', { id: 'a', userKey: 'u1', _etag: 'e', _rid: 'r', _ts: 1 });
    store.put('db', 'scans', '["u1"]', { id: 'b', userKey: 'u1' });
    store.remove('db', 'scans', '["u1"]', 'b');
    await store.flush();
    assert.deepEqual(readdirSync(tmp.dir), ['db.scans.json'], 'no temporary files are left behind');
    const loaded = new SnapshotStore(tmp.dir, log).load();
    assert.deepEqual(loaded, [{ db: 'db', container: 'scans', docs: [{ id: 'a', userKey: 'u1' }] }]);
    tmp.remove();
  });

  it('flush within about a second without being asked', async () => {
    const tmp = tempDir();
    const store = new SnapshotStore(tmp.dir, log);
    store.put('db', 'users', '["k"]', { id: 'x', userKey: 'k' });
    await new Promise((r) => setTimeout(r, 1100));
    const file = JSON.parse(readFileSync(path.join(tmp.dir, 'db.users.json'), 'utf8'));
    assert.equal(file.docs.length, 1);
    tmp.remove();
  });

  it('keep documents with the same id in different partitions apart', async () => {
    const tmp = tempDir();
    const store = new SnapshotStore(tmp.dir, log);
    store.put('db', 'users', '["k1"]', { id: 'conversation', userKey: 'k1' });
    store.put('db', 'users', '["k2"]', { id: 'conversation', userKey: 'k2' });
    await store.flush();
    assert.equal(new SnapshotStore(tmp.dir, log).load()[0].docs.length, 2);
    tmp.remove();
  });
});
