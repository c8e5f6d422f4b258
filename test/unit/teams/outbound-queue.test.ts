import assert from 'node:assert/strict';
import { ConversationGoneError, OutboundQueue } from '../../../bot/teams/outbound/outbound-queue';

/** A queue on a fake clock: sleeping moves time, so tests check the schedule without waiting. */
function fakeTimeQueue(extra: Partial<ConstructorParameters<typeof OutboundQueue>[0]> = {}) {
  let now = 0;
  const queue = new OutboundQueue({
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    random: () => 0.5,
    ...extra,
  });
  return { queue, time: () => now };
}

describe('the outbound queue to Teams', () => {
  it('sends at most 7 per second into one conversation', async () => {
    const { queue, time } = fakeTimeQueue();
    const sentAt: number[] = [];
    await Promise.all(
      Array.from({ length: 15 }, () =>
        queue.enqueue({ tenantId: 't', conversationKey: 'c', send: async () => sentAt.push(time()) }),
      ),
    );
    for (const t of sentAt) assert.ok(sentAt.filter((x) => x > t - 1000 && x <= t).length <= 7, `window ending ${t}`);
    assert.ok(time() >= 2000, 'the 15th send waited for the third second');
  });

  it('sends at most 30 per second in one tenant, across conversations', async () => {
    const { queue, time } = fakeTimeQueue();
    const sentAt: number[] = [];
    await Promise.all(
      Array.from({ length: 70 }, (_, i) =>
        queue.enqueue({ tenantId: 't', conversationKey: `c${i}`, send: async () => sentAt.push(time()) }),
      ),
    );
    for (const t of sentAt) assert.ok(sentAt.filter((x) => x > t - 1000 && x <= t).length <= 30);
    assert.equal(sentAt.length, 70);
  });

  it('does not let one tenant slow down another', async () => {
    const { queue } = fakeTimeQueue();
    const order: string[] = [];
    const busy = Array.from({ length: 40 }, (_, i) =>
      queue.enqueue({ tenantId: 'busy', conversationKey: `c${i}`, send: async () => order.push(`busy${i}`) }),
    );
    await queue.enqueue({ tenantId: 'quiet', conversationKey: 'x', send: async () => order.push('quiet') });
    await Promise.all(busy);
    assert.ok(
      order.indexOf('quiet') <= 30,
      `quiet went out before the busy tenant's throttled sends (at ${order.indexOf('quiet')})`,
    );
  });

  it("honours a 429's Retry-After and then succeeds", async () => {
    const { queue, time } = fakeTimeQueue();
    let calls = 0;
    const result = await queue.enqueue({
      tenantId: 't',
      conversationKey: 'c',
      send: async () => {
        calls++;
        if (calls === 1)
          throw Object.assign(new Error('throttled'), {
            statusCode: 429,
            response: { headers: { 'retry-after': '3' } },
          });
        return time();
      },
    });
    assert.equal(calls, 2);
    assert.ok(result >= 3000);
  });

  it('retries a 503 with growing backoff, then gives up', async () => {
    const { queue } = fakeTimeQueue({ maxAttempts: 3 });
    let calls = 0;
    await assert.rejects(
      queue.enqueue({
        tenantId: 't',
        conversationKey: 'c',
        send: async () => {
          calls++;
          throw Object.assign(new Error('busy'), { statusCode: 503 });
        },
      }),
    );
    assert.equal(calls, 3);
  });

  it('reports a conversation the app was removed from (403/404) and does not retry', async () => {
    const gone: string[] = [];
    const { queue } = fakeTimeQueue({ onGone: (_t, c) => gone.push(c) });
    let calls = 0;
    await assert.rejects(
      queue.enqueue({
        tenantId: 't',
        conversationKey: 'c1',
        send: async () => {
          calls++;
          throw Object.assign(new Error('gone'), { statusCode: 403 });
        },
      }),
      ConversationGoneError,
    );
    assert.equal(calls, 1);
    assert.deepEqual(gone, ['c1']);
  });
});
