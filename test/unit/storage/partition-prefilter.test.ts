import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Container } from '@azure/cosmos';
import parseQuery from '@zeit/cosmosdb-query';
import { createLogger } from '../../../bot/logger';
import { createCosmosClient } from '../../../bot/storage/cosmos';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../../bot/storage/embedded/embedded-cosmos';
import { installPartitionPrefilter, partitionNamed } from '../../../bot/storage/embedded/partition-prefilter';

type Ast = Parameters<typeof partitionNamed>[0];
const named = (sql: string, parameters: Array<{ name: string; value: unknown }> = []) =>
  partitionNamed(parseQuery(sql).ast as unknown as Ast, ['/userKey'], { query: sql, parameters });

describe('the embedded store: a query that names its partition reads that partition only', () => {
  describe('which partition a query pins down', () => {
    it('finds the partition key among the conjuncts, as a parameter or a constant, on either side', () => {
      const k = [{ name: '@k', value: 't|u1' }];
      assert.equal(named("SELECT * FROM c WHERE c.userKey = @k AND c.docType = 'result'", k), '"t|u1"');
      assert.equal(named("SELECT * FROM c WHERE c.docType = 'result' AND (c.x = 1 AND @k = c.userKey)", k), '"t|u1"');
      assert.equal(named("SELECT * FROM c WHERE c['userKey'] = 't|u2'"), '"t|u2"');
      assert.equal(named('SELECT * FROM root r JOIN a IN r.answers WHERE r.userKey = 7'), '7');
      assert.equal(
        named('SELECT TOP 1 * FROM c WHERE c.userKey = @k ORDER BY c.completedAt DESC', k),
        '"t|u1"',
        'ORDER BY queries, which the SDK sends across partitions',
      );
    });

    it('pins nothing down where rows could come from another partition', () => {
      const k = [{ name: '@k', value: 't|u1' }];
      assert.equal(named("SELECT * FROM c WHERE c.userKey = @k OR c.docType = 'x'", k), undefined, 'OR');
      assert.equal(named('SELECT * FROM c WHERE c.userKey != @k', k), undefined, 'not equal');
      assert.equal(named('SELECT * FROM c WHERE c.other.userKey = @k', k), undefined, 'a nested field');
      assert.equal(named('SELECT * FROM c JOIN a IN c.answers WHERE a.userKey = @k', k), undefined, 'a joined item');
      assert.equal(named('SELECT * FROM root r WHERE c.userKey = @k', k), undefined, 'not the root alias');
      assert.equal(named('SELECT * FROM c WHERE c.userKey = @missing', k), undefined, 'an unknown parameter');
      assert.equal(
        named('SELECT * FROM c WHERE c.userKey = @k', [{ name: '@k', value: true }]),
        undefined,
        'a boolean',
      );
      assert.equal(named('SELECT * FROM c'), undefined, 'no WHERE');
      assert.equal(
        partitionNamed(parseQuery('SELECT * FROM c WHERE c.a.b = 1').ast as unknown as Ast, ['/a/b'], {}),
        undefined,
        'a nested partition key path',
      );
    });
  });

  describe('against the embedded server through the SDK', function () {
    this.timeout(30_000);
    let dir: string;
    let embedded: EmbeddedCosmos;
    let docs: Container;
    const latest = async (userKey: string) =>
      (
        await docs.items
          .query<{ id: string; n: number }>(
            {
              query: "SELECT TOP 1 * FROM c WHERE c.userKey = @k AND c.docType = 'result' ORDER BY c.n DESC",
              parameters: [{ name: '@k', value: userKey }],
            },
            { partitionKey: userKey },
          )
          .fetchAll()
      ).resources.map((d) => `${d.id}:${d.n}`);

    before(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'prefilter-'));
      embedded = await startEmbeddedCosmos({ certDir: dir, dataDir: null, port: 0, log: createLogger('silent') });
      const { database } = await createCosmosClient(embedded).databases.createIfNotExists({ id: 'prefilter' });
      ({ container: docs } = await database.containers.createIfNotExists({
        id: 'docs',
        partitionKey: { paths: ['/userKey'] },
      }));
      for (let u = 0; u < 30; u++)
        for (let n = 1; n <= 3; n++)
          await docs.items.create({ id: `r${n}`, userKey: `t|u${u}`, docType: 'result', n: n + u });
    });
    after(async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is in effect: the server is as the prefilter expects (a new version of it would show here)', () => {
      assert.equal(installPartitionPrefilter(), true);
    });

    it('answers as the whole container would, after creates, replaces, upserts and deletes', async () => {
      assert.deepEqual(await latest('t|u4'), ['r3:7']);
      await docs.item('r3', 't|u4').replace({ id: 'r3', userKey: 't|u4', docType: 'result', n: 1 });
      assert.deepEqual(await latest('t|u4'), ['r2:6'], 'a replaced document is read in its new form');
      await docs.items.upsert({ id: 'r9', userKey: 't|u4', docType: 'result', n: 99 });
      assert.deepEqual(await latest('t|u4'), ['r9:99'], 'an upserted new document is found');
      await docs.item('r9', 't|u4').delete();
      assert.deepEqual(await latest('t|u4'), ['r2:6'], 'a deleted document is gone');
      await docs.items.create({ id: 'r9', userKey: 't|u4', docType: 'result', n: 50 });
      assert.deepEqual(await latest('t|u4'), ['r9:50'], 'created again under the same id');
      assert.deepEqual(await latest('t|nobody'), [], 'a partition without documents');
    });

    it('keeps queries that span partitions as they were', async () => {
      const { resources } = await docs.items
        .query<{ n: number }>("SELECT VALUE COUNT(1) FROM c WHERE c.docType = 'result'")
        .fetchAll();
      assert.deepEqual(resources, [91], '30 people × 3 results, one added');
      const either = await docs.items
        .query<{ userKey: string }>({
          query: 'SELECT c.userKey FROM c WHERE c.userKey = @a OR c.userKey = @b',
          parameters: [
            { name: '@a', value: 't|u1' },
            { name: '@b', value: 't|u2' },
          ],
        })
        .fetchAll();
      assert.equal(either.resources.length, 6, 'an OR of two partitions reads both');
    });
  });
});
