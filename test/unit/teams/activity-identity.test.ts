import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { identityOf } from '../../../bot/teams/activity-identity';

const activity = (channelId: string | undefined): Partial<Activity> => ({
  channelId,
  from: { id: '29:x', aadObjectId: 'user-1', name: 'Anna' },
  conversation: { id: 'a:1', tenantId: 'tenant-a', isGroup: false, conversationType: 'personal', name: '' },
  channelData: { tenant: { id: 'tenant-a' } },
});

describe('who sent an activity', () => {
  it('is read from Teams: the tenant from channelData, the user from aadObjectId', () => {
    assert.deepEqual(identityOf(activity('msteams')), { tenantId: 'tenant-a', userId: 'user-1', name: 'Anna' });
  });

  it('is nobody from any other channel, whatever tenant and user it claims', () => {
    for (const channelId of ['directline', 'webchat', 'emulator', 'MSTEAMS', undefined])
      assert.deepEqual(identityOf(activity(channelId)), { tenantId: null, userId: null }, String(channelId));
  });
});
