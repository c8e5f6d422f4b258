import assert from 'node:assert/strict';
import path from 'node:path';
import { AppError } from '../../../../bot/domain/errors';
import type { UserContext } from '../../../../bot/domain/org';
import { ContentIndex } from '../../../../bot/domain/scan/content';
import { readScanSeeds } from '../../../../bot/domain/scan/load-content';
import { type ScanService, type QuestionView, type ScanView } from '../../../../bot/domain/scan/scan-service';
import { FakeClock, TUESDAY_MORNING } from '../../../fakes/fake-clock';
import { MemoryScanRepository, RecordingScanAggregates } from '../../../fakes/memory-scans';
import { scanServiceOn, someAnswer } from '../../../fakes/scan-service';

const index = new ContentIndex(readScanSeeds(path.join(__dirname, '..', '..', '..', '..', 'seeds', 'scan')));
const PROFILE = index.content.profiles[0].id;

const user: UserContext = {
  tenantId: 'tenant-scan',
  userId: 'sam',
  name: 'Sam',
  locale: 'nl',
  person: null,
  team: null,
  department: null,
  location: null,
  roles: ['employee'],
};

function question(view: ScanView): QuestionView {
  assert.equal(view.kind, 'question', `expected a question, got ${view.kind}`);
  return view;
}

/**
 * The self-scan's use cases on an in-memory repository: every answer stored when given (one
 * write), back, pause and resume where the user was, and a result at the end. The card data
 * each step takes (`s`, `i`, `n`, `cv`, `v`) is written in one place (`act`).
 */
describe('ScanService: answer, back, resume, finish', () => {
  let scans: MemoryScanRepository;
  let aggregates: RecordingScanAggregates;
  let service: ScanService;

  let clock: FakeClock;

  beforeEach(() => {
    clock = new FakeClock(TUESDAY_MORNING);
    scans = new MemoryScanRepository();
    aggregates = new RecordingScanAggregates();
    service = scanServiceOn(index, { scans, aggregates, clock });
  });

  const act = {
    begin: async () => question(await service.begin(user, { profileId: PROFILE })),
    answer: (q: QuestionView, value = someAnswer(q)) =>
      service.answer(user, {
        sessionId: q.session.sessionId,
        itemId: q.item.id,
        position: q.position,
        contentVersion: q.session.contentVersion,
        value,
      }),
    back: (q: QuestionView) => service.back(user, { sessionId: q.session.sessionId, position: q.position }),
    pause: (q: QuestionView) => service.pause(user, { sessionId: q.session.sessionId }),
  };

  it('stores each answer when it is given (one write) and shows the next question', async () => {
    const first = await act.begin();
    assert.equal(first.position, 1);
    const writes = scans.writes;
    const second = question(await act.answer(first));
    assert.equal(scans.writes - writes, 1, 'one write per answer');
    assert.equal(second.position, 2);
    assert.notEqual(second.item.id, first.item.id);
    assert.equal((await scans.getSession(user.tenantId, user.userId))!.value.answers.length, 1);
  });

  it('counts a double tap on the same answer once and shows where the user is', async () => {
    const first = await act.begin();
    await act.answer(first);
    const again = question(await act.answer(first));
    assert.equal(again.position, 2);
    assert.equal(again.alreadyAnswered, false, 'a retry of the answer just given looks like the first time');
    assert.equal((await scans.getSession(user.tenantId, user.userId))!.value.answers.length, 1);
  });

  it('"Vorige" takes back the last answer and asks that question again', async () => {
    const first = await act.begin();
    const second = question(await act.answer(first));
    const back = question(await act.back(second));
    assert.equal(back.item.id, first.item.id);
    assert.equal(back.position, 1);
    assert.equal((await scans.getSession(user.tenantId, user.userId))!.value.answers.length, 0);
  });

  it('after a pause, `scan` continues at the pending question', async () => {
    const first = await act.begin();
    const second = question(await act.answer(first));
    assert.equal((await act.pause(second)).kind, 'paused');
    const resumed = question(await service.start(user));
    assert.equal(resumed.item.id, second.item.id);
    assert.equal(resumed.position, 2);
  });

  it('refuses an answer with another session id, an unknown item or a value the item does not take, and changes nothing', async () => {
    const first = await act.begin();
    const before = await scans.getSession(user.tenantId, user.userId);
    const forged = [
      {
        sessionId: 'someone-else',
        itemId: first.item.id,
        position: 1,
        contentVersion: first.session.contentVersion,
        value: someAnswer(first),
      },
      {
        sessionId: first.session.sessionId,
        itemId: 'no-such-item',
        position: 1,
        contentVersion: first.session.contentVersion,
        value: '3',
      },
      {
        sessionId: first.session.sessionId,
        itemId: first.item.id,
        position: 1,
        contentVersion: first.session.contentVersion,
        value: 'many',
      },
      {
        sessionId: first.session.sessionId,
        itemId: first.item.id,
        position: 1,
        contentVersion: 'old-version',
        value: someAnswer(first),
      },
    ];
    for (const data of forged)
      await assert.rejects(service.answer(user, data), (err: unknown) => err instanceof AppError, JSON.stringify(data));
    assert.deepEqual(await scans.getSession(user.tenantId, user.userId), before);
  });

  it('ends with a result per domain, stored once and counted once; `scan` then shows it until a retake is due', async () => {
    let view: ScanView = await act.begin();
    let answered = 0;
    while (view.kind === 'question') {
      view = await act.answer(view);
      assert.ok(++answered <= 130, 'the scan ends');
    }
    assert.equal(view.kind, 'result');
    if (view.kind !== 'result') return;
    assert.equal(view.justCompleted, true);
    assert.equal(view.result.itemsAsked, answered);
    assert.deepEqual(
      Object.keys(view.result.levels).sort(),
      [...index.profileDomains(PROFILE)].sort(),
      'a level for every domain of the profile',
    );
    await service.idle();
    assert.deepEqual(
      aggregates.events.filter((e) => e === 'scan-completed'),
      ['scan-completed'],
    );
    assert.equal((await scans.results(user.tenantId, user.userId)).length, 1);
    assert.equal((await service.start(user)).kind, 'retakeLater');
  });

  it('shows the owner their checks with the right answers after the result, and not while a new scan is open', async () => {
    let view: ScanView = await act.begin();
    while (view.kind === 'question') view = await act.answer(view);
    assert.equal(view.kind, 'result');
    if (view.kind !== 'result') return;
    const { resultId } = view.result;
    const review = await service.review(user, { resultId, page: 1 });
    assert.equal(review.kind, 'review');
    if (review.kind === 'review') assert.ok(review.review.items.every((i) => i.item.type !== 'self'));
    await assert.rejects(service.review({ ...user, userId: 'someone-else' }, { resultId, page: 1 }), /bad_input/);
    clock.advance(91 * 86_400_000);
    await act.begin();
    assert.equal((await service.review(user, { resultId, page: 1 })).kind, 'reviewDuringScan');
  });
});
