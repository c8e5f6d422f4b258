import assert from 'node:assert/strict';
import path from 'node:path';
import { readScanSeeds } from '../../../bot/domain/scan/load-content';
import { ContentIndex } from '../../../bot/domain/scan/content';
import { auditListing } from '../../../bot/domain/audit';
import { coachPartOf, eraseFromTicket } from '../../../bot/domain/privacy/erasure';
import {
  retentionCutoff,
  trimLeadership,
  trimResult,
  trimSession,
  trimTicket,
} from '../../../bot/domain/privacy/retention';
import { parseSettingsChange } from '../../../bot/http/settings-change';
import type { Ticket } from '../../../bot/domain/help/help-types';
import type { ScanResult, ScanSession } from '../../../bot/domain/scan/scan-types';
import { scanIntroCard } from '../../../bot/cards/scan/intro-card';
import { myDataCard } from '../../../bot/cards/privacy/my-data-card';
import { assertValidCard } from '../../helpers/cards';

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  ticketId: 't1',
  tenantId: 'ten',
  kind: 'help',
  requester: {
    userId: 'req',
    name: 'Ria Vraag',
    email: 'ria@example.org',
    teamId: 'team',
    departmentId: 'dep',
    locationId: 'loc',
    locale: 'nl-NL',
  },
  topic: 'communication',
  question: 'Hoe deel ik een map?',
  urgency: 'today',
  channel: 'chat',
  where: 'Kamer 2',
  state: 'rated',
  offer: null,
  offerCount: 2,
  passedBy: ['c1'],
  coachId: 'c2',
  coachName: 'Coco Coach',
  coachActivityId: 'act',
  requesterActivityId: 'ract',
  outcome: 'solved',
  minutesSpent: 7,
  rating: 5,
  comment: 'Top',
  events: [
    { type: 'created', at: '2026-01-01T10:00:00Z', by: 'req' },
    { type: 'offered', at: '2026-01-01T10:00:01Z', coachId: 'c1', reasons: ['same team'] },
    { type: 'declined', at: '2026-01-01T10:01:00Z', coachId: 'c1', by: 'c1', reason: 'In overleg' },
    { type: 'offered', at: '2026-01-01T10:01:01Z', coachId: 'c2', reasons: ['same department'] },
    { type: 'accepted', at: '2026-01-01T10:02:00Z', coachId: 'c2', by: 'c2' },
    { type: 'resolved', at: '2026-01-01T10:09:00Z', coachId: 'c2', by: 'c2', outcome: 'solved', minutes: 7 },
    { type: 'rated', at: '2026-01-01T11:00:00Z', by: 'req', rating: 5 },
  ],
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T11:00:00Z',
  ...over,
});

describe('privacy: erasure of a person from a ticket', () => {
  it('removes the requester, their question, place and comment, and keeps the timings', () => {
    const t = eraseFromTicket(ticket(), 'req')!;
    assert.deepEqual(t.requester, { userId: 'erased', name: '—', locale: 'nl-NL' });
    assert.equal(t.question, '—');
    assert.equal(t.where, '—');
    assert.equal(t.comment, undefined);
    assert.equal(t.requesterActivityId, null);
    assert.deepEqual(
      t.events.map((e) => [e.type, e.at]),
      ticket().events.map((e) => [e.type, e.at]),
    );
    assert.equal(t.coachId, 'c2', 'the coach stays');
    assert.doesNotMatch(JSON.stringify(t), /req"|Ria|ria@/);
  });

  it('removes a coach who declined: their id and their reason, nobody else', () => {
    const t = eraseFromTicket(ticket(), 'c1')!;
    assert.deepEqual(t.passedBy, ['erased']);
    assert.equal(t.events[2].by, 'erased');
    assert.equal(t.events[2].reason, undefined);
    assert.equal(t.events[1].reasons, undefined);
    assert.equal(t.question, 'Hoe deel ik een map?', 'the requester is not erased');
    assert.doesNotMatch(JSON.stringify(t), /"c1"/);
  });

  it('changes nothing for someone not in the ticket', () => {
    assert.equal(eraseFromTicket(ticket(), 'someone-else'), null);
  });

  it('exports to a coach only their own steps, never the requester or the question', () => {
    const part = coachPartOf(ticket(), 'c2');
    assert.equal(part.handledByYou, true);
    assert.deepEqual(
      part.yourSteps.map((s) => s.type),
      ['offered', 'accepted', 'resolved'],
    );
    assert.doesNotMatch(JSON.stringify(part), /Ria|map\?|Top|In overleg/);
    const passed = coachPartOf(ticket(), 'c1');
    assert.equal(passed.handledByYou, false);
    assert.equal(passed.outcome, null);
    assert.deepEqual(passed.yourSteps, [
      { type: 'offered', at: '2026-01-01T10:00:01Z' },
      { type: 'declined', at: '2026-01-01T10:01:00Z', reason: 'In overleg' },
    ]);
  });
});

describe('privacy: retention rules', () => {
  it('counts calendar months back, the 31st falling back to the month’s last day', () => {
    assert.equal(retentionCutoff(new Date('2026-11-24T09:00:00Z'), 6).toISOString(), '2026-05-24T09:00:00.000Z');
    assert.equal(retentionCutoff(new Date('2026-03-31T00:00:00Z'), 1).toISOString(), '2026-02-28T00:00:00.000Z');
    assert.equal(retentionCutoff(new Date('2027-01-15T12:00:00Z'), 120).toISOString(), '2017-01-15T12:00:00.000Z');
  });

  it('keeps a result’s levels and advice and drops its answers; once', () => {
    const r = {
      resultId: 'r',
      levels: { a: 'basis' },
      adviceModuleIds: ['m'],
      answers: [{ itemId: 'i', value: 3, at: 'x' }],
    } as unknown as ScanResult;
    const trimmed = trimResult(r, 'now')!;
    assert.ok('replace' in trimmed);
    assert.deepEqual(trimmed.replace.answers, []);
    assert.deepEqual(trimmed.replace.levels, r.levels);
    assert.deepEqual(trimmed.replace.adviceModuleIds, ['m']);
    assert.equal(trimResult(trimmed.replace, 'later'), null);
  });

  it('removes an unfinished scan, and the completed session’s copy of the answers', () => {
    assert.deepEqual(trimSession({ status: 'in-progress', answers: [] } as unknown as ScanSession), { remove: true });
    const done = trimSession({ status: 'completed', answers: [{}] } as unknown as ScanSession)!;
    assert.ok('replace' in done && done.replace.answers.length === 0);
    assert.equal(trimSession({ status: 'completed', answers: [] } as unknown as ScanSession), null);
  });

  it('keeps a completed leadership scan as its profile; an unfinished one goes', () => {
    const score = () => [{ dimension: 'vision', mean: 3, percent: 50, band: 'mid' as const, answered: 4 }];
    const kept = trimLeadership(
      { tenantId: 't', userId: 'u', answers: { a: 3 }, startedAt: 's', updatedAt: 'u', completedAt: 'c' },
      score,
      'now',
    )!;
    assert.ok('replace' in kept);
    assert.deepEqual(kept.replace.answers, {});
    assert.deepEqual(kept.replace.scores, score());
    assert.equal(trimLeadership(kept.replace, score, 'later'), null);
    assert.deepEqual(
      trimLeadership(
        { tenantId: 't', userId: 'u', answers: { a: 3 }, startedAt: 's', updatedAt: 'u', completedAt: null },
        score,
        'now',
      ),
      { remove: true },
    );
  });

  it('blanks the question, place and comment of closed tickets only', () => {
    const t = trimTicket(ticket())!;
    assert.ok('replace' in t);
    assert.equal(t.replace.question, '—');
    assert.equal(t.replace.comment, undefined);
    assert.equal(t.replace.requester.userId, 'req', 'who asked stays (retention is not erasure)');
    assert.equal(t.replace.minutesSpent, 7);
    assert.equal(trimTicket(ticket({ state: 'accepted' })), null);
    assert.equal(trimTicket(t.replace), null);
  });
});

describe('settings: what a change may contain', () => {
  it('accepts whole months 1–120, null (keep) and a boolean for reminders', () => {
    assert.deepEqual(parseSettingsChange({ retentionMonths: 1 }), { retentionMonths: 1 });
    assert.deepEqual(parseSettingsChange({ retentionMonths: 120, remindersEnabled: false }), {
      retentionMonths: 120,
      remindersEnabled: false,
    });
    assert.deepEqual(parseSettingsChange({ retentionMonths: null }), { retentionMonths: null });
  });

  it('refuses anything else as a whole', () => {
    for (const body of [
      {},
      { retentionMonths: 0 },
      { retentionMonths: 121 },
      { retentionMonths: 6.5 },
      { retentionMonths: '6' },
      { retentionMonths: -1 },
      { remindersEnabled: 1 },
      { remindersEnabled: null },
      { retentionMonths: 6, other: true },
    ]) {
      assert.throws(
        () => parseSettingsChange(body),
        (err: Error & { status?: number }) => err.status === 400,
        JSON.stringify(body),
      );
    }
  });
});

describe('audit: the admin’s listing', () => {
  it('names admins and coaches, never who exported or erased their own data', async () => {
    const names: Record<string, string> = { admin: 'Ada Admin', coach: 'Coco Coach', emp: 'Eva Employee' };
    const listing = await auditListing(
      [
        { tenantId: 't', actorId: 'admin', action: 'coach.added', targetUserId: 'coach', at: '1' },
        { tenantId: 't', actorId: 'self', action: 'data.exported', at: '2' },
        {
          tenantId: 't',
          actorId: 'system',
          action: 'retention.applied',
          changes: [{ field: 'result', to: 3 }],
          at: '3',
        },
      ],
      async (id) => names[id] ?? null,
    );
    assert.deepEqual(listing.names, { admin: 'Ada Admin', coach: 'Coco Coach' });
    assert.equal(listing.entries.length, 3);
  });
});

describe('cards: the privacy statement link', () => {
  const index = new ContentIndex(readScanSeeds(path.join(__dirname, '..', '..', '..', 'seeds', 'scan')));
  for (const locale of ['nl', 'en'] as const) {
    it(`the scan intro opens the full statement (${locale}) and stays a valid 1.5 card`, () => {
      const url = `https://digivaardig.example.org/privacy${locale === 'en' ? '?lang=en' : ''}`;
      const card = scanIntroCard(
        {
          profiles: index.content.profiles,
          preselected: null,
          previousDate: null,
          anonymityThreshold: 5,
          privacyUrl: url,
        },
        locale,
      );
      assertValidCard(card, 'intro with statement');
      const open = (card.actions ?? []).find((a) => a.type === 'Action.OpenUrl')!;
      assert.equal(open.url, url);
      assert.equal(open.title, locale === 'nl' ? 'Lees de privacyverklaring' : 'Read the privacy statement');
      const mine = myDataCard(
        {
          kind: 'overview',
          jobProfile: null,
          team: null,
          department: null,
          location: null,
          scanResults: 0,
          latestScan: null,
          scanInProgress: false,
          modulesMarked: 0,
          helpRequests: 0,
          leadershipScan: 'completed',
          coach: true,
          coachTickets: 2,
          remindersOff: false,
          chatReference: true,
          anonymityThreshold: 5,
          profileName: null,
          privacyUrl: url,
        },
        locale,
      );
      assertValidCard(mine, 'my data with statement');
    });
  }
});
