import assert from 'node:assert/strict';
import { activityProblem } from '../../../bot/http/activity-guard';

/** An activity as Teams sends it to the bot in a personal chat. */
function teamsActivity(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: '1727000000000',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    timestamp: '2026-01-05T09:00:00.000Z',
    locale: 'nl-NL',
    text: 'hallo',
    from: { id: '29:user', aadObjectId: '00000000-0000-0000-0000-000000000001', name: 'Anna de Vries' },
    recipient: { id: '28:bot', name: 'Digivaardig' },
    conversation: { id: 'a:1chat', conversationType: 'personal', tenantId: '00000000-0000-0000-0000-0000000000aa' },
    channelData: { tenant: { id: '00000000-0000-0000-0000-0000000000aa' } },
    ...extra,
  };
}

/** Sets one (possibly nested) field, e.g. `from.name`, on a fresh activity. */
function withField(path: string, value: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const activity = structuredClone(teamsActivity(extra));
  const keys = path.split('.');
  let target = activity;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return activity;
}

describe('the activity guard of /api/messages', () => {
  it('lets an ordinary Teams message through', () => {
    assert.equal(activityProblem(teamsActivity()), null);
  });

  it('lets through a card action, a member update and an install as Teams sends them', () => {
    assert.equal(
      activityProblem(
        teamsActivity({
          type: 'invoke',
          name: 'adaptiveCard/action',
          text: undefined,
          value: {
            action: { type: 'Action.Execute', verb: 'scan.start', data: { verb: 'scan.start' } },
            trigger: 'manual',
          },
        }),
      ),
      null,
    );
    assert.equal(
      activityProblem(
        teamsActivity({
          type: 'conversationUpdate',
          text: undefined,
          membersAdded: [{ id: '28:bot' }],
          conversation: { id: '19:x@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 't' },
        }),
      ),
      null,
    );
    assert.equal(activityProblem(teamsActivity({ type: 'installationUpdate', action: 'add', text: undefined })), null);
    assert.equal(
      activityProblem(
        teamsActivity({ type: 'message', text: undefined, value: { verb: 'scan.answer', itemId: 'q1' } }),
      ),
      null,
    );
  });

  it('counts null as absent', () => {
    for (const field of [
      'text',
      'locale',
      'id',
      'replyToId',
      'channelData',
      'recipient',
      'from.name',
      'conversation.conversationType',
      'channelData.tenant',
    ]) {
      assert.equal(activityProblem(withField(field, null)), null, field);
    }
  });

  // Each of these crashed a turn, or the reply the connector refused to serialize.
  const wrong: Array<[string, unknown, Record<string, unknown>?]> = [
    ['text', { a: 1 }],
    ['text', 5],
    ['text', ['hallo']],
    ['locale', 5],
    ['locale', { tag: 'nl' }],
    ['id', 5],
    ['replyToId', 5],
    ['channelId', 5],
    ['name', 5, { type: 'invoke', value: {} }],
    ['action', 5, { type: 'installationUpdate' }],
    ['timestamp', {}],
    ['from.name', { a: 1 }],
    ['from.name', 7],
    ['from.aadObjectId', 5],
    ['from.role', []],
    ['recipient', 'x'],
    ['recipient.name', 7],
    ['recipient.id', 7],
    ['conversation.conversationType', { a: 1 }],
    ['conversation.tenantId', 5],
    ['conversation.name', 5],
    ['conversation.isGroup', 'yes'],
    ['channelData', 'x'],
    ['channelData', [1]],
    ['channelData.tenant', 'x'],
    ['channelData.tenant.id', { a: 1 }],
    ['channelData.tenant.id', 5],
    ['channelData.eventType', {}],
    ['membersAdded', 'abc', { type: 'conversationUpdate' }],
    ['membersAdded', { id: 'x' }, { type: 'conversationUpdate' }],
    ['membersAdded', [null], { type: 'conversationUpdate' }],
    ['membersAdded', [{ id: 5 }], { type: 'conversationUpdate' }],
    ['membersRemoved', 'x', { type: 'conversationUpdate' }],
    ['attachments', { a: 1 }],
    ['entities', 'x'],
    ['reactionsAdded', 'x', { type: 'messageReaction' }],
    ['value', 'x', { type: 'invoke', name: 'adaptiveCard/action' }],
    ['value', [1], { type: 'invoke', name: 'task/fetch' }],
    ['value', {}, { type: 'invoke', name: 'adaptiveCard/action' }],
    ['value', undefined, { type: 'invoke', name: 'adaptiveCard/action' }],
    ['value', { action: 'scan.start' }, { type: 'invoke', name: 'adaptiveCard/action' }],
  ];
  for (const [field, value, extra] of wrong) {
    it(`refuses ${field} = ${JSON.stringify(value) ?? 'undefined'}${extra?.type ? ` on ${extra.type as string}` : ''}, naming the field`, () => {
      const problem = activityProblem(withField(field, value, extra));
      assert.ok(problem, 'expected a problem');
      assert.match(problem, new RegExp(`activity\\.${field.split('.')[0]}`));
    });
  }

  // These are answered by the bot itself (menu or a localized notice), so they pass.
  const answered: Array<[string, unknown]> = [
    ['value', [1]],
    ['value', 'scan.start'],
    ['value', { verb: { a: 1 } }],
  ];
  for (const [field, value] of answered) {
    it(`leaves a message with ${field} = ${JSON.stringify(value)} to the bot`, () => {
      assert.equal(activityProblem(withField(field, value)), null);
    });
  }

  it('leaves array data of a card action to the bot (it reads it as no data)', () => {
    const activity = teamsActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'scan.answer', data: [1, 2] } },
    });
    assert.equal(activityProblem(activity), null);
  });
});
