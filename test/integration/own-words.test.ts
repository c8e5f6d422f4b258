import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Item } from '../../bot/domain/scan/content';
import type { TermsView } from '../../bot/domain/terms/terms-service';
import type { AdminAuditEntry } from '../../bot/domain/audit';
import { withRunningApp } from '../helpers/app';
import { assertValidCard, cardText } from '../helpers/cards';
import { demoSeeds } from '../helpers/demo';
import { answerOptions } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { TabClient } from '../unit/http/support/tab-client';

const [gent, wk] = demoSeeds;
const items = new Map(
  (JSON.parse(readFileSync(path.join(__dirname, '../../seeds/scan/items.json'), 'utf8')) as Item[]).map((i) => [
    i.id,
    i,
  ]),
);

function asUser(seed: (typeof demoSeeds)[number], userId: string, locale = 'nl-NL'): TeamsUser {
  const p = seed.users.find((u) => u.id === userId)!;
  return { tenantId: seed.tenant.id, aadObjectId: p.id, name: p.name, locale };
}

/** Employees who are not admins, so the admin's own chat is not what we look at. */
const employees = (seed: (typeof demoSeeds)[number]) =>
  seed.users.filter((u) => !seed.tenant.programmeAdmins.includes(u.id) && !u.coach);

/**
 * A clean "Basis" in information (self-ratings "met wat hulp", the easy checks right and
 * the harder ones wrong) and an expert everywhere else: information is the one thing to
 * work on, so the advice holds its level-3 modules, "Werken met {zaaksysteem}" among them.
 */
function basisInInformation(options: Array<Record<string, unknown>>): Record<string, unknown> {
  const item = items.get(String(options[0].i))!;
  const value = (v: string) => options.find((o) => o.v === v)!;
  const informationBasis = item.domain === 'information';
  if (item.type === 'self') return value(informationBasis ? '2' : '4');
  const right = String(item.answer);
  const knows = !informationBasis || item.difficulty <= 2;
  if (knows) return value(right);
  return options.find((o) => o.v !== right && o.v !== 'unknown')!;
}

/** Answers every question with `choose`, keeping the text of each question card. */
async function scanThrough(c: TeamsTestClient, profile: string) {
  await c.say('scan');
  let card = (await c.tap('scan.begin', { profile })).card!;
  const questions: string[] = [];
  while (answerOptions(card).length > 0) {
    assertValidCard(card, 'question');
    questions.push(cardText(card));
    card = (await c.tap('scan.answer', basisInInformation(answerOptions(card)))).card!;
    if (questions.length > 130) throw new Error('the scan does not end');
  }
  return { questions, result: card };
}

describe("the municipality's own words, from the tab to the employee's cards", function () {
  this.timeout(120_000);
  const running = withRunningApp({ scheduler: false });
  let api: TabClient;
  const adminId = gent.tenant.programmeAdmins[0];
  const client = (user: TeamsUser) =>
    new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, user, () => running.app.settle());
  const put = (token: string, body: unknown, ifMatch?: string) =>
    fetch(`${running.app.url}/api/v1/admin/terms`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'accept-language': 'nl-NL',
        ...(ifMatch ? { 'if-match': ifMatch } : {}),
      },
      body: JSON.stringify(body),
    });

  before(() => {
    api = new TabClient(running.app.url);
  });

  it('are for programme admins only', async () => {
    const employee = employees(gent)[0];
    const token = await api.devToken(gent.tenant.id, employee.id);
    assert.equal((await api.get('/api/v1/admin/terms', token)).status, 403);
    assert.equal((await put(token, { terms: { zaaksysteem: { nl: 'JOIN' } } }, '"x"')).status, 403);
    assert.equal((await api.get('/api/v1/admin/terms')).status, 401);
  });

  it('refuse markup and unknown terms, need the version, and change nothing then', async () => {
    const token = await api.devToken(gent.tenant.id, adminId);
    const before = await api.get<TermsView>('/api/v1/admin/terms', token);
    assert.equal(before.status, 200);
    for (const body of [
      { terms: { zaaksysteem: { nl: '[JOIN](https://phish.example)' } } },
      { terms: { zaaksysteem: { nl: '<script>x</script>' } } },
      { terms: { onbekend: { nl: 'JOIN' } } },
      { terms: { zaaksysteem: { nl: 'x'.repeat(41) } } },
    ]) {
      const res = await put(token, body, before.body.version);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(((await res.json()) as { message: string }).message, /Er is niets veranderd/);
    }
    assert.equal((await put(token, { terms: { zaaksysteem: { nl: 'JOIN' } } })).status, 428);
    const after = await api.get<TermsView>('/api/v1/admin/terms', token);
    assert.equal(after.body.version, before.body.version);
    assert.ok(after.body.terms.every((t) => t.own === null));
  });

  it('an admin sets "JOIN" for the case system; the next employee sees JOIN in the scan and the advice, the other municipality does not', async () => {
    const token = await api.devToken(gent.tenant.id, adminId);
    const loaded = await api.get<TermsView>('/api/v1/admin/terms', token);
    const row = loaded.body.terms.find((t) => t.id === 'zaaksysteem')!;
    assert.equal(row.default.nl, 'het zaaksysteem');
    assert.equal(row.own, null);
    assert.ok(
      row.examples.some((e) => e.nl.includes('{zaaksysteem}')),
      'the preview gets texts that use the term',
    );

    const saved = await put(token, { terms: { zaaksysteem: { nl: 'JOIN' } } }, loaded.body.version);
    assert.equal(saved.status, 200);
    const view = (await saved.json()) as TermsView;
    assert.deepEqual(view.terms.find((t) => t.id === 'zaaksysteem')!.own, { nl: 'JOIN' });
    assert.notEqual(view.version, loaded.body.version);
    const stale = await put(token, { terms: { zaaksysteem: { nl: 'Corsa' } } }, loaded.body.version);
    assert.equal(stale.status, 412, 'a change on an old version is refused');

    const audit = await api.get<{ entries: AdminAuditEntry[] }>('/api/v1/admin/audit', token);
    const entry = audit.body.entries.find((e) => e.action === 'terms.changed');
    assert.ok(entry, 'the change is in the log');
    assert.deepEqual(entry.changes, [{ field: 'term.zaaksysteem.nl', from: null, to: 'JOIN' }]);
    assert.equal(entry.actorId, adminId);

    const employee = client(asUser(gent, employees(gent)[1].id));
    const { questions, result } = await scanThrough(employee, 'beleidsmedewerker');
    const named = questions.filter((q) => /JOIN/.test(q));
    assert.ok(named.length > 0, `a question names JOIN:\n${questions.join('\n---\n')}`);
    assert.ok(
      questions.every((q) => !/zaaksysteem|\{[a-z-]+\}/.test(q)),
      'no generic name, no placeholder',
    );
    assertValidCard(result, 'result');
    assert.match(cardText(result), /Werken met JOIN/, 'the advice names JOIN');
    const modules = cardOf((await employee.say('modules')).replies[0]);
    assert.match(cardText(modules), /Werken met JOIN/);

    const english = client(asUser(gent, employees(gent)[2].id, 'en-GB'));
    await english.say('scan');
    const first = (await english.tap('scan.begin', { profile: 'beleidsmedewerker' })).card!;
    assert.doesNotMatch(cardText(first), /\{[a-z-]+\}/);
    if (/case/.test(cardText(first)) || /JOIN/.test(cardText(first)))
      assert.match(cardText(first), /JOIN/, 'English takes the Dutch name when no English one is set');

    const elsewhere = client(asUser(wk, employees(wk)[0].id));
    const other = await scanThrough(elsewhere, 'beleidsmedewerker');
    assert.ok(other.questions.every((q) => !/JOIN/.test(q)));
    assert.ok(
      other.questions.some((q) => /het zaaksysteem/.test(q)),
      'another municipality keeps the default',
    );
    assert.match(cardText(other.result), /Werken met het zaaksysteem/);
  });
});
