/**
 * Two app instances (`bot/index.ts`, as App Service runs them) against one store in its own
 * process (the embedded server, reached as Azure Cosmos DB through COSMOS_ENDPOINT), with a
 * fault proxy in front of the store. A mixed workload runs on both instances (each request on
 * whichever is up): people taking scans; people asking a digicoach (coaches who never answer,
 * so every offer times out after 10 s and each ticket escalates after its last offer); a
 * reminder round a programme admin starts just before the kill; a team leader opening the
 * dashboard every second. Meanwhile the bench:
 *   1. kills instance A with SIGKILL (mid-round) and starts it again;
 *   2. drops every connection to the store for `--outage` seconds (and asks /healthz);
 *   3. answers 429 with x-ms-retry-after-ms to every scans request for 10 s;
 *   4. answers 503 to everything for 10 s (and asks /healthz).
 * Then it checks, against the stored documents and what the Bot Connector received: no
 * confirmed answer lost or stored twice, every person shown a result has exactly one, each
 * tenant's aggregate equals a recount; one ticket per confirmed help request, every offer
 * time-out fired exactly once, no ticket stuck; every campaign item sent exactly once;
 * dashboards never answered with an error; /healthz said degraded while the store was down.
 *
 *   npx tsx test/bench/faults.ts [--users=40] [--askers=12] [--coaches=4] [--outage=30]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { openSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { CosmosClient } from '@azure/cosmos';
import { createCosmosClient } from '../../bot/storage/cosmos';
import { loadOrCreateCertificate } from '../../bot/storage/embedded/certificate';
import { cardText, cardVerbs } from '../helpers/cards';
import { demoSeeds } from '../helpers/demo';
import { FaultProxy } from '../helpers/fault-proxy';
import { answerOptions } from '../helpers/scan-driver';
import { cardOf, GENT, TeamsTestClient, type TeamsUser, WESTERKWARTIER } from '../helpers/teams';
import { startFakeConnector } from './lib/clients';
import { TUESDAY_MORNING } from '../fakes/fake-clock';
import { exitOf, freePort, ROOT, serverEnv, sleep, tail, tempDir, waitFor200 } from './lib/processes';
import { machine, numArg, seeded, Targets } from './lib/report';
import {
  awaitHelpSettled,
  awaitRoundDone,
  checkHelp,
  checkReminders,
  DashboardViewer,
  HelpAsker,
  registerCoaches,
  startReminderRound,
  type Up,
} from './lib/fault-workload';

const USERS = Math.max(2, numArg('users', 40));
const OUTAGE_S = numArg('outage', 30);
const ASKERS = numArg('askers', 12);
const COACHES = Math.max(1, numArg('coaches', 4));
const MAX_OFFERS = 3;
/** Westerkwartier in the demo seeds: its reminder round and a leader's dashboard (help runs in Gent). */
const WK = demoSeeds.findIndex((seed) => seed.tenant.id === WESTERKWARTIER);
const PHASE_S = 10;

type Card = Record<string, unknown>;

/** Every process this bench started, stopped if it fails half-way (none is left running). */
const children: ChildProcess[] = [];

interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  log: string;
}

/** The store alone in a process of its own (test/bench/lib/cosmos-child.ts). */
async function startStore(): Promise<{ endpoint: string; key: string; ca: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/lib/cosmos-child.ts'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const ready = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) resolve(line.slice('READY '.length));
    });
    child.once('exit', (code) => reject(new Error(`store exited with ${code}`)));
  });
  return { ...(JSON.parse(ready) as { endpoint: string; key: string; ca: string }), child };
}

/**
 * Every instance runs on one timeline that began on a Tuesday morning when the bench started,
 * so the coaches are at work and offers happen whatever the hour the bench is run at (a
 * restarted instance picks the timeline up where it is now, a second or so behind its peer).
 */
const benchStartedAt = Date.now();
const timelineNow = () => new Date(new Date(TUESDAY_MORNING).getTime() + (Date.now() - benchStartedAt)).toISOString();

async function startInstance(name: string, env: Record<string, string>, dir: string): Promise<Instance> {
  const port = await freePort();
  const log = path.join(dir, `${name}.log`);
  const out = openSync(log, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], {
    cwd: ROOT,
    env: {
      ...serverEnv({}),
      ...env,
      PORT: String(port),
      DATA_DIR: path.join(dir, name),
      LOG_LEVEL: 'warn',
      DEV_CLOCK_START: timelineNow(),
    },
    stdio: ['ignore', out, out],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(`${url}/healthz`, Date.now(), child, 90_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${tail(log)}`);
  }
  return { name, url, child, log };
}

/** One person taking a scan, each turn on a random instance; retries what was not confirmed. */
class Person {
  readonly confirmed: string[] = [];
  resultShown = false;
  tryAgain = 0;
  failures = 0;
  /** What happened last (shown for a person who did not finish). */
  last = 'not started';
  private card: Card | null = null;

  constructor(
    readonly user: TeamsUser,
    private readonly clientFor: () => TeamsTestClient,
  ) {}

  get key(): string {
    return `${this.user.tenantId}|${this.user.aadObjectId}`;
  }

  /** Starts at `startAt`, thinks `thinkMs()` before each answer, gives up at `until`. */
  async run(startAt: number, until: number, thinkMs: () => number): Promise<void> {
    await sleep(Math.max(0, startAt - Date.now()));
    while (!this.resultShown && Date.now() < until) {
      await sleep(thinkMs());
      try {
        await this.step();
      } catch (err) {
        this.last = `failed: ${String(err).slice(0, 160)}`;
        this.failures++; // the instance is down or the turn failed: try again a moment later
        await sleep(300);
      }
    }
  }

  private async step(): Promise<void> {
    const client = this.clientFor();
    if (!this.card) {
      await client.say('scan');
      const res = await client.tap('scan.begin', { profile: 'financieel' });
      if (res.status !== 200 || !res.card || answerOptions(res.card).length === 0) throw new Error('no question');
      this.card = res.card;
      return;
    }
    const option = answerOptions(this.card)[0];
    const res = await client.tap('scan.answer', option);
    const card = res.card;
    if (res.status !== 200 || !card) throw new Error(`HTTP ${res.status}`);
    const text = cardText(card);
    this.last = `answered question ${String(option.n)}, got: ${text.replace(/\s+/g, ' ').slice(0, 160)}`;
    if (/Probeer het zo opnieuw/.test(text)) {
      this.tryAgain++;
      await sleep(300);
      return;
    }
    if (cardVerbs(card).includes('modules.show')) {
      this.confirmed.push(option.i as string);
      this.resultShown = true;
      return;
    }
    const next = answerOptions(card)[0]?.n as number | undefined;
    if (next === (option.n as number) + 1) {
      this.confirmed.push(option.i as string);
      this.card = card;
      return;
    }
    // Not moved on (e.g. the card of an earlier turn): ask where the scan stands.
    const { replies } = await client.say('scan');
    const current = replies[0] ? cardOf(replies[0]) : null;
    if (current && answerOptions(current).length > 0) this.card = current;
  }
}

async function check(client: CosmosClient, people: Person[], targets: Targets): Promise<void> {
  const scans = client.database('digivaardig').container('scans');
  const { resources } = await scans.items
    .query<{
      userKey: string;
      tenantId: string;
      docType: string;
      status: string;
      answers: Array<{ itemId: string }>;
    }>('SELECT c.userKey, c.tenantId, c.docType, c.status, c.answers FROM c')
    .fetchAll();
  let lost = 0;
  let twice = 0;
  let extra = 0;
  let wrongResults = 0;
  for (const p of people) {
    const docs = resources.filter((d) => d.userKey === p.key);
    const results = docs.filter((d) => d.docType === 'result');
    const session = docs.find((d) => d.docType === 'session');
    const stored = (results[0] ?? session)?.answers.map((a) => a.itemId) ?? [];
    lost += p.confirmed.filter((id) => !stored.includes(id)).length;
    twice += stored.length - new Set(stored).size;
    extra += stored.filter((id) => !p.confirmed.includes(id)).length;
    if (p.resultShown && results.length !== 1) wrongResults++;
  }
  const confirmed = people.reduce((n, p) => n + p.confirmed.length, 0);
  targets.check(
    lost === 0 && twice === 0,
    'no confirmed answer lost or stored twice',
    `${confirmed} confirmed: ${lost} lost, ${twice} twice (${extra} stored but never confirmed: a late turn after "probeer het zo opnieuw", allowed)`,
  );
  targets.check(
    wrongResults === 0,
    'everyone shown a result has exactly one',
    `${people.filter((p) => p.resultShown).length} results shown, ${wrongResults} wrong`,
  );

  const { resources: aggregates } = await client
    .database('digivaardig')
    .container('aggregates')
    .items.query<{
      id: string;
      tenantId: string;
      completions: number;
      inProgress: number;
    }>("SELECT c.id, c.tenantId, c.completions, c.inProgress FROM c WHERE c.scope.kind = 'tenant'")
    .fetchAll();
  const scanAggregates = aggregates.filter((a) => a.id.startsWith('scan|')); // not the help counters of a tenant
  const wrong: string[] = [];
  for (const tenantId of new Set(people.map((p) => p.user.tenantId))) {
    const ofTenant = resources.filter((d) => d.tenantId === tenantId);
    const completions = ofTenant.filter((d) => d.docType === 'result').length;
    const inProgress = ofTenant.filter((d) => d.docType === 'session' && d.status === 'in-progress').length;
    const agg = scanAggregates.find((a) => a.tenantId === tenantId);
    if (agg?.completions !== completions || agg?.inProgress !== inProgress)
      wrong.push(
        `${tenantId.slice(0, 8)}: ${completions} results vs ${agg?.completions} counted, ${inProgress} open vs ${agg?.inProgress} counted`,
      );
  }
  targets.check(
    wrong.length === 0,
    'tenant aggregates equal a recount of the stored scans',
    wrong.join('; ') || 'equal',
  );
}

async function main(): Promise<void> {
  console.log(`Fault bench: two instances, one store, ${USERS} people taking scans (${machine()})`);
  const dir = tempDir('dv-bench-faults-');
  const store = await startStore();
  const pem = await loadOrCreateCertificate(path.join(dir.dir, 'proxy-cert'));
  const proxy = await FaultProxy.start({
    target: store.endpoint,
    agent: new https.Agent({ ca: store.ca, keepAlive: true }),
    pem,
  });
  const caFile = path.join(dir.dir, 'proxy-ca.pem');
  writeFileSync(caFile, pem.cert);
  const env = {
    COSMOS_ENDPOINT: proxy.url,
    COSMOS_KEY: store.key,
    NODE_EXTRA_CA_CERTS: caFile,
    HELP_OFFER_TIMEOUT_SECONDS: '10',
    HELP_MAX_OFFERS: String(MAX_OFFERS),
    HELP_ROUTE_GRACE_SECONDS: '5',
    // Slow enough that the round is still under way when instance a is killed.
    CAMPAIGN_RATE_PER_SECOND: '2',
    // The demo organisation (admins, leaders, coaches) in the shared store, as in development.
    SEED_DEMO: 'true',
  };
  const conn = await startFakeConnector();
  const instances: Instance[] = [await startInstance('a', env, dir.dir), await startInstance('b', env, dir.dir)];
  const tenants = [WESTERKWARTIER, GENT];
  let turn = 0;
  let picks = 0;
  const alive = (x: Instance) => x.child.exitCode === null && x.child.signalCode === null;
  const up: Up = {
    pick: () => {
      const live = instances.filter(alive);
      return live.length ? live[picks++ % live.length] : null;
    },
  };
  const coachIds = await registerCoaches(up, conn, GENT, COACHES);
  console.log(`  ${coachIds.length} digicoaches in Gent registered through the bot (every day, all day)`);
  const askers = Array.from(
    { length: ASKERS },
    (_, i) =>
      new HelpAsker({ tenantId: GENT, aadObjectId: randomUUID(), name: `Vrager ${i + 1}`, locale: 'nl-NL' }, up, conn),
  );
  let viewing = true;
  const viewer = new DashboardViewer(up, WK);
  const views = viewer.run(() => !viewing);
  const health: Array<{ phase: string; status: number; body: string }> = [];
  const askHealth = async (phase: string) => {
    const b = instances[1];
    const res = await fetch(`${b.url}/healthz`, { signal: AbortSignal.timeout(5000) }).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      () => ({ status: 0, body: '' }),
    );
    health.push({ phase, ...res });
  };
  const people = Array.from({ length: USERS }, (_, i) => {
    const user: TeamsUser = {
      tenantId: tenants[i % 2],
      aadObjectId: randomUUID(),
      name: `Persoon ${i}`,
      locale: 'nl-NL',
    };
    return new Person(user, () => {
      const up = instances.filter((x) => x.child.exitCode === null && x.child.signalCode === null);
      const target = up[turn++ % up.length] ?? instances[0];
      return new TeamsTestClient(target.url, conn.connector, conn.url, user);
    });
  });
  const started = Date.now();
  const until = started + (60 + OUTAGE_S + 4 * PHASE_S) * 1000 + 120_000;
  // People start spread over the fault phases and take 0.5–2.5 s per answer, so every phase meets scans under way.
  const random = seeded(7);
  const spreadMs = (2 * PHASE_S + OUTAGE_S + 2 * PHASE_S) * 1000;
  const work = Promise.all([
    ...people.map((p, i) => p.run(started + (i / USERS) * spreadMs, until, () => 500 + random() * 2000)),
    ...askers.map((a, i) => a.run(started + (i / Math.max(1, ASKERS)) * spreadMs, until)),
  ]);
  const at = (label: string) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${label}`);

  await sleep((PHASE_S - 5) * 1000);
  const campaignId = await startReminderRound(instances[0].url, WK);
  at(`reminder round ${campaignId} started on instance a (Westerkwartier, 2 sends/s)`);
  await sleep(5000);
  at('SIGKILL instance a');
  const killedAt = Date.now();
  instances[0].child.kill('SIGKILL');
  await exitOf(instances[0].child);
  instances[0] = await startInstance('a', env, dir.dir);
  at('instance a started again');
  await sleep(PHASE_S * 1000);
  at(`store unreachable (every connection dropped) for ${OUTAGE_S} s`);
  proxy.set('drop');
  await sleep(Math.min(5, OUTAGE_S) * 1000);
  await askHealth('store unreachable');
  await sleep(Math.max(0, OUTAGE_S - 5) * 1000);
  proxy.set('pass');
  at('store back; 429 with x-ms-retry-after-ms 100 to every scans request');
  proxy.throttleNext(1_000_000, 100, 'scans');
  await sleep(PHASE_S * 1000);
  proxy.throttleNext(0, 100, 'scans');
  at('503 to everything');
  proxy.set('unavailable');
  await sleep(3000);
  await askHealth('store answers 503');
  await sleep((PHASE_S - 3) * 1000);
  proxy.set('pass');
  at('store healthy; waiting for everyone to finish');
  await work;
  at('scans and help requests done; waiting for the offers to time out and the round to finish');
  const storeClient = createCosmosClient({
    endpoint: store.endpoint,
    key: store.key,
    agent: new https.Agent({ ca: store.ca }),
  });
  const db = storeClient.database('digivaardig');
  await awaitHelpSettled(db.container('tickets'), GENT, 240_000);
  // The killed instance's leased, unsent items go out when its leases end; one in flight waits 5 minutes.
  await awaitRoundDone(db.container('schedule'), WESTERKWARTIER, Math.max(120_000, killedAt + 340_000 - Date.now()));
  await sleep(3000); // the last offer-closed updates and sends reach the connector
  viewing = false;
  await views;
  await askHealth('store healthy again');
  at('done');

  const targets = new Targets();
  const finished = people.filter((p) => p.resultShown).length;
  console.log(
    `  ${finished}/${USERS} finished; "probeer het zo opnieuw" ${people.reduce((n, p) => n + p.tryAgain, 0)}×, failed turns (instance down) ${people.reduce((n, p) => n + p.failures, 0)}; proxy: ${JSON.stringify(proxy.counts)}`,
  );
  for (const p of people.filter((q) => !q.resultShown))
    console.log(`  not finished: ${p.key.slice(-12)}, ${p.confirmed.length} answers confirmed; last: ${p.last}`);
  targets.check(finished === USERS, 'everyone finishes their scan after the faults', `${finished}/${USERS}`);
  for (const i of instances) {
    const alive = i.child.exitCode === null && i.child.signalCode === null;
    const health = alive
      ? await fetch(`${i.url}/healthz`).then(
          (r) => r.status,
          () => 0,
        )
      : 0;
    targets.check(
      alive && health === 200,
      `instance ${i.name} alive and healthy at the end`,
      alive ? `/healthz ${health}` : `exited ${i.child.exitCode ?? i.child.signalCode}; log ${i.log}\n${tail(i.log)}`,
    );
  }
  await check(storeClient, people, targets);
  await checkHelp(
    { tickets: db.container('tickets'), schedule: db.container('schedule') },
    GENT,
    askers,
    MAX_OFFERS,
    conn,
    targets,
  );
  await checkReminders(db.container('schedule'), WESTERKWARTIER, conn, targets);
  viewer.check(targets);
  const degraded = health.filter((h) => h.phase !== 'store healthy again');
  targets.check(
    degraded.every((h) => h.status === 503 && /degraded/.test(h.body)) && health.at(-1)?.status === 200,
    '/healthz says degraded while the store is down, healthy after',
    health.map((h) => `${h.phase}: ${h.status} ${h.body.slice(0, 60)}`).join('; '),
  );

  for (const i of instances) i.child.kill('SIGTERM');
  await Promise.all(instances.map((i) => exitOf(i.child)));
  await proxy.close();
  await conn.close();
  store.child.stdin!.end();
  await exitOf(store.child);
  targets.finish();
  if (process.exitCode) console.log(`  instance logs kept in ${dir.dir}`);
  else dir.remove();
}

main().catch((err) => {
  console.error(err);
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  process.exit(1);
});
