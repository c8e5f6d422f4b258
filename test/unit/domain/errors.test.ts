import assert from 'node:assert/strict';
import { AppError, isTemporarilyUnavailable, unavailable } from '../../../bot/domain/errors';

describe('telling a store that is down for a moment from a real failure', () => {
  it('counts throttling, unavailability, timeouts and refused connections as "try again shortly"', () => {
    for (const err of [
      Object.assign(new Error('Request rate is large'), { code: 429 }),
      Object.assign(new Error('unavailable'), { code: 503 }),
      Object.assign(new Error('timeout'), { code: 'TimeoutError' }),
      Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
      unavailable(),
    ])
      assert.equal(isTemporarilyUnavailable(err), true, String(err.message));
  });

  it('looks through the context a repository wraps around the store error', () => {
    const cause = Object.assign(new Error('unavailable'), { code: 503 });
    const wrapped = Object.assign(new Error('cosmos replace scans/session failed'), { cause });
    assert.equal(isTemporarilyUnavailable(wrapped), true);
  });

  it('leaves conflicts, bad requests and programming errors alone', () => {
    for (const err of [
      new AppError('conflict', 409, 'error.conflict'),
      Object.assign(new Error('precondition'), { code: 412 }),
      Object.assign(new Error('bad request'), { code: 400 }),
      new TypeError('x is undefined'),
      'a string',
      null,
    ])
      assert.equal(isTemporarilyUnavailable(err), false, String(err));
  });
});
