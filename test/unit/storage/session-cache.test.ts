import assert from 'node:assert/strict';
import sinon from 'sinon';
import { AppError } from '../../../bot/domain/errors';
import type { ScanRepository, ScanSession } from '../../../bot/domain/scan/scan-types';
import { SessionCachingScanRepository } from '../../../bot/storage/session-cache';
import { FakeClock, TUESDAY_MORNING } from '../../fakes/fake-clock';

const session = { sessionId: 's', tenantId: 't', userId: 'u', answers: [] } as unknown as ScanSession;

function fakeInner() {
  return {
    getSession: sinon.stub().resolves({ value: session, etag: 'e1' }),
    putSession: sinon.stub(),
    replaceSession: sinon.stub(),
  } as unknown as ScanRepository & Record<'getSession' | 'replaceSession', sinon.SinonStub>;
}

describe('the in-memory copy of scan sessions', () => {
  afterEach(() => sinon.restore());

  it('answers repeated reads without the database, and keeps the ETag of the last write', async () => {
    const inner = fakeInner();
    inner.replaceSession.resolves({ value: session, etag: 'e2' });
    const repo = new SessionCachingScanRepository(inner, new FakeClock(TUESDAY_MORNING));
    await repo.getSession('t', 'u');
    await repo.replaceSession(session, 'e1');
    assert.equal((await repo.getSession('t', 'u'))?.etag, 'e2');
    assert.equal(inner.getSession.callCount, 1);
  });

  it('drops its copy when a write is refused (another instance wrote first), so the next read is fresh', async () => {
    const inner = fakeInner();
    inner.replaceSession.rejects(new AppError('conflict', 409, 'error.conflict'));
    const repo = new SessionCachingScanRepository(inner, new FakeClock(TUESDAY_MORNING));
    await repo.getSession('t', 'u');
    await assert.rejects(repo.replaceSession(session, 'e1'));
    await repo.getSession('t', 'u');
    assert.equal(inner.getSession.callCount, 2);
  });

  it('expires copies after a minute', async () => {
    const inner = fakeInner();
    const clock = new FakeClock(TUESDAY_MORNING);
    const repo = new SessionCachingScanRepository(inner, clock);
    await repo.getSession('t', 'u');
    clock.advance(61_000);
    await repo.getSession('t', 'u');
    assert.equal(inner.getSession.callCount, 2);
  });
});
