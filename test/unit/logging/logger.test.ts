import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../../bot/logger';

/** Collects what the logger writes. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('info', stream), text: () => lines.join('') };
}

describe('the logger', () => {
  it('logs an SDK error with its message and status but never the request it carried (Authorization header, body)', () => {
    const { log, text } = capture();
    const err = Object.assign(new Error('Forbidden'), {
      statusCode: 403,
      code: 'BotNotInConversationRoster',
      request: {
        url: 'https://smba.trafficmanager.net/',
        headers: { authorization: 'Bearer eyJ-secret-token' },
        body: '{"text":"an answer"}',
      },
      response: { headers: { 'x-ms-request-id': 'r1' }, bodyAsText: 'details' },
      cause: Object.assign(new Error('socket'), { config: { headers: { Authorization: 'Bearer other-secret' } } }),
    });
    log.warn({ err, tenantId: 't1' }, 'campaign message not delivered');
    const out = text();
    assert.doesNotMatch(out, /secret|an answer|smba/);
    const line = JSON.parse(out);
    assert.equal(line.err.message, 'Forbidden');
    assert.equal(line.err.statusCode, 403);
    assert.equal(line.err.code, 'BotNotInConversationRoster');
    assert.equal(line.err.cause.message, 'socket');
    assert.equal(line.tenantId, 't1');
  });

  it('redacts tokens and message texts passed by path', () => {
    const { log, text } = capture();
    log.info({ activity: { text: 'mijn vraag', value: { a: 1 } }, auth: { token: 'abc-token' } }, 'turn');
    assert.doesNotMatch(text(), /mijn vraag|abc-token/);
  });
});
