import assert from 'node:assert/strict';
import { CachedDirectory } from '../../../bot/domain/cached-directory';
import type { Directory } from '../../../bot/domain/ports';
import { FakeClock } from '../../fakes/fake-clock';

/** A directory that counts its reads. */
function counting() {
  const reads: string[] = [];
  const inner = {
    getTenant: async (t: string) => (reads.push(`tenant ${t}`), { tenantId: t }),
    getPerson: async (t: string, u: string) => (reads.push(`person ${u}`), { tenantId: t, id: u }),
  } as unknown as Directory;
  return { inner, reads };
}

describe('the cached directory', () => {
  it('reads a record once within its time to live, again after it', async () => {
    const clock = new FakeClock('2026-11-24T09:00:00Z');
    const { inner, reads } = counting();
    const dir = new CachedDirectory(inner, clock, 60_000);
    await dir.getTenant('a');
    await dir.getTenant('a');
    clock.advance(61_000);
    await dir.getTenant('a');
    assert.deepEqual(reads, ['tenant a', 'tenant a']);
  });

  it('forgets only the tenant whose settings changed, keeping people and other tenants cached', async () => {
    const { inner, reads } = counting();
    const dir = new CachedDirectory(inner, new FakeClock('2026-11-24T09:00:00Z'));
    await Promise.all([dir.getTenant('a'), dir.getTenant('b'), dir.getPerson('a', 'p1')]);
    dir.forgetTenant('a');
    await Promise.all([dir.getTenant('a'), dir.getTenant('b'), dir.getPerson('a', 'p1')]);
    assert.deepEqual(reads.sort(), ['person p1', 'tenant a', 'tenant a', 'tenant b']);
  });
});
