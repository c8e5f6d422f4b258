/**
 * A reminder campaign for 10,000 recipients worked by two instances at once (issue
 * "Reminder campaigns"): nobody lost, nobody reminded twice, and the tenant's send rate
 * used to at least 90 % of its cap while the Bot Connector throttles.
 *
 * The embedded Cosmos server runs in a process of its own, memory only (lib/cosmos-child.ts),
 * so the instances reach it over the network as they would reach Azure Cosmos DB. This
 * process writes a generated tenant into it: people in teams of about twelve with a leader
 * each, every person with a stored conversation reference. Two "instances" share the store, each with its own
 * Bot Framework adapter, outbound queue, proactive messenger and campaign worker (as two
 * servers would); a programme admin starts the campaign with "send now" on the first one,
 * then both work the queue until it is empty. A fake Bot Connector answers 429 to a share
 * of the sends (half of those with Retry-After: 1, half without, so the queue backs off
 * with jitter) and counts every message it accepted per conversation.
 *
 * Reported: lost (recipients without a delivered message), duplicates (messages beyond
 * one per recipient), the achieved delivered sends per second against the configured cap,
 * the busiest second at the connector (every attempt, 429s included), and the times of
 * preparing and sending. The default cap is Teams' 30 per second (10,000 take about six
 * minutes); `--rate=100` runs faster and is judged by the same ratio.
 *
 *   npx tsx test/bench/campaign.ts [--recipients=10000] [--rate=30] [--throttle-share=0.05] [--seed=11]
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import readline from 'node:readline';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { buildCampaigns } from '../../bot/wiring/campaigns';
import { buildDashboards } from '../../bot/wiring/dashboards';
import { buildRepositories } from '../../bot/wiring/repositories';
import { CachedDirectory } from '../../bot/domain/cached-directory';
import type { Recipient } from '../../bot/domain/campaigns/campaign-ports';
import type { Person, Tenant } from '../../bot/domain/org';
import type { Clock } from '../../bot/domain/ports';
import { createLogger } from '../../bot/logger';
import { CosmosDirectory } from '../../bot/storage/cosmos-directory';
import { CosmosUserState } from '../../bot/storage/cosmos-user-state';
import { OutboundQueue, TEAMS_LIMITS } from '../../bot/teams/outbound/outbound-queue';
import { ProactiveMessenger } from '../../bot/teams/outbound/proactive-messenger';
import { createCosmosClient, openCosmosStore } from '../../bot/storage/cosmos';
import { busiestSecond } from '../helpers/rate';
import { machine, numArg, seeded, Targets } from './lib/report';

const RECIPIENTS = Math.max(20, numArg('recipients', 10_000));
const RATE = Math.max(1, numArg('rate', 30));
const THROTTLE_SHARE = numArg('throttle-share', 0.05);
const SEED = numArg('seed', 11);
const TENANT = 'b3e5c6d7-0000-4000-8000-00000000be01';
const ADMIN = 'bench-admin';

/** A Bot Connector that throttles a share of the sends and counts what it accepted. */
async function fakeConnector(random: () => number) {
  const accepted = new Map<string, number>();
  const attempts: number[] = [];
  let throttled = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      if (!m || req.method !== 'POST') {
        res.statusCode = 404;
        res.end('{}');
        return;
      }
      attempts.push(Date.now());
      if (random() < THROTTLE_SHARE) {
        throttled++;
        res.statusCode = 429;
        if (random() < 0.5) res.setHeader('retry-after', '1');
        res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'throttled' } }));
        return;
      }
      const conversation = decodeURIComponent(m[1]);
      accepted.set(conversation, (accepted.get(conversation) ?? 0) + 1);
      res.statusCode = 200;
      res.end(JSON.stringify({ id: `m-${attempts.length}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    accepted,
    attempts,
    throttled: () => throttled,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

async function inChunks<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/** The store in a child process: its endpoint, and a stop that ends it. */
async function storeProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lib', 'cosmos-child.ts')], {
    cwd: path.resolve(__dirname, '..', '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ endpoint: string; key: string; ca: string }>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => line.startsWith('READY ') && resolve(JSON.parse(line.slice(6))));
    child.once('exit', (code) => reject(new Error(`the store process ended (${code})`)));
  });
  const stop = () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.stdin.end()));
  return { ...ready, stop };
}

async function main(): Promise<void> {
  const verdicts = new Targets();
  const random = seeded(SEED);
  const log = createLogger(process.env.BENCH_LOG_LEVEL ?? 'error');
  const clock: Clock = { now: () => new Date() };
  const cosmos = await storeProcess();
  const client = createCosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    agent: new https.Agent({ ca: cosmos.ca, keepAlive: true, maxSockets: 64 }),
  });
  const store = await openCosmosStore({ kind: 'embedded', client, databaseId: 'bench', log });
  const app = { store };
  const connector = await fakeConnector(random);
  console.log(
    `campaign benchmark: ${RECIPIENTS} recipients, cap ${RATE}/s per tenant, ${(THROTTLE_SHARE * 100).toFixed(1)} % answered 429, two instances (${machine()})`,
  );

  try {
    // The organisation: teams of about twelve, each led by one of its members.
    const teams = Math.max(1, Math.round(RECIPIENTS / 13));
    const people = RECIPIENTS - teams;
    const orgRepo = new CosmosDirectory(app.store.containers.tenants);
    const tenant: Tenant = {
      tenantId: TENANT,
      name: 'Benchmarkgemeente',
      shortName: 'Bench',
      country: 'NL',
      defaultLocale: 'nl-NL',
      programmeAdmins: [ADMIN],
      anonymityThreshold: 5,
    };
    const setupStart = Date.now();
    await orgRepo.upsertTenant(tenant);
    const persons: Person[] = Array.from({ length: people }, (_, i) => ({
      tenantId: TENANT,
      id: `u${String(i).padStart(6, '0')}`,
      name: `Medewerker ${i}`,
      teamId: `team-${i % teams}`,
    }));
    await inChunks(
      Array.from({ length: teams }, (_, i) => i),
      50,
      (i) =>
        orgRepo.createUnitIfMissing({
          tenantId: TENANT,
          id: `team-${i}`,
          kind: 'team',
          name: `Team ${i}`,
          leaderId: persons[i].id,
        }),
    );
    await inChunks(persons, 50, (p) => orgRepo.createPersonIfMissing(p));
    const userState = new CosmosUserState(app.store.containers.users);
    await inChunks(persons, 50, (p) =>
      userState.saveConversationRef({
        tenantId: TENANT,
        userId: p.id,
        locale: 'nl-NL',
        updatedAt: new Date().toISOString(),
        reference: {
          channelId: 'msteams',
          serviceUrl: connector.url,
          conversation: { id: `a:bench-${p.id}`, conversationType: 'personal', tenantId: TENANT },
          bot: { id: '28:bench', name: 'Digivaardig' },
          user: { id: `29:${p.id}`, aadObjectId: p.id },
        },
      }),
    );
    console.log(
      `  set-up: ${people} people in ${teams} teams with conversation references in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`,
    );

    // Two instances on the same store, each with its own adapter, queue and worker.
    const calls: number[] = [];
    const instances = ['instance-a', 'instance-b'].map((owner) => {
      const messenger = new ProactiveMessenger({
        adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
        botAppId: '',
        userState,
        queue: new OutboundQueue(
          RATE > TEAMS_LIMITS.perTenant[0].limit ? { perTenant: [{ limit: RATE, windowMs: 1000 }] } : {},
        ),
        clock,
        log,
      });
      const directory = new CachedDirectory(orgRepo, clock, 10 * 60_000);
      const repos = buildRepositories(app.store, clock, log);
      return buildCampaigns({
        store: app.store,
        repos,
        directory,
        dashboards: buildDashboards({ store: repos.dashboards, directory, clock, defaultThreshold: 5, log }),
        delivery: {
          deliver: (t, u, card, beforeRetry) => (calls.push(Date.now()), messenger.deliver(t, u, card, beforeRetry)),
        },
        clock,
        log,
        ratePerSecond: RATE,
        autoStart: true,
        defaultThreshold: 5,
        // A short lease: an item whose instance hit an error is taken again within the run.
        worker: { owner, retryDelayMs: 1000, leaseMs: 30_000 },
      });
    });

    const started = Date.now();
    const summary = await instances[0].admin.startNow({ tenantId: TENANT, userId: ADMIN });
    await instances[0].idle();
    const prepared = Date.now();
    const campaign = (await instances[0].service.finalize(TENANT, summary.campaignId))!;
    console.log(
      `  prepared: ${campaign.recipients?.reminders} reminders and ${campaign.recipients?.leaders} leader messages queued in ${((prepared - started) / 1000).toFixed(1)} s`,
    );

    const handled = [0, 0];
    const sendStart = Date.now();
    const progress = setInterval(() => {
      const delivered = [...connector.accepted.values()].reduce((s, n) => s + n, 0);
      console.log(`  … ${delivered} delivered, ${((delivered / (Date.now() - sendStart)) * 1000).toFixed(1)}/s`);
    }, 30_000);
    progress.unref();
    const deadline = Date.now() + Math.max(120_000, (3 * RECIPIENTS * 1000) / RATE);
    while (Date.now() < deadline) {
      const done = await Promise.all(instances.map((c) => c.worker.drain()));
      done.forEach((n, i) => (handled[i] += n));
      const counts = await instances[0].service.finalize(TENANT, summary.campaignId);
      if (counts?.status === 'done') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    clearInterval(progress);
    const sendEnd = Date.now();

    const { resources: items } = await app.store.containers.schedule.items
      .query<Recipient>({
        query: "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'campaign-recipient'",
        parameters: [{ name: '@t', value: TENANT }],
      })
      .fetchAll();
    const final = (await instances[0].service.finalize(TENANT, summary.campaignId))!;
    const delivered = [...connector.accepted.values()].reduce((s, n) => s + n, 0);
    // A leader gets two messages in one chat (their reminder and their team's figures): count per item kind.
    const expectedPerConversation = new Map<string, number>();
    for (const r of items)
      expectedPerConversation.set(`a:bench-${r.userId}`, (expectedPerConversation.get(`a:bench-${r.userId}`) ?? 0) + 1);
    let lost = 0;
    let extra = 0;
    for (const [conversation, expected] of expectedPerConversation) {
      const got = connector.accepted.get(conversation) ?? 0;
      lost += Math.max(0, expected - got);
      extra += Math.max(0, got - expected);
    }
    const notSent = items.filter((r) => r.status !== 'sent').length;
    const acceptedTimes = connector.attempts;
    const sendSeconds = (sendEnd - sendStart) / 1000;
    const achieved = delivered / sendSeconds;

    console.log(
      `  items: ${items.length} (sent ${final.counts?.sent}, skipped ${final.counts?.skipped}, failed ${final.counts?.failed}, queued ${final.counts?.queued}); instance a finished ${handled[0]}, b ${handled[1]}`,
    );
    console.log(
      `  connector: ${acceptedTimes.length} attempts, ${connector.throttled()} answered 429, ${delivered} delivered`,
    );
    console.log(
      `  time: preparing ${((prepared - started) / 1000).toFixed(1)} s, sending ${sendSeconds.toFixed(1)} s, total ${((sendEnd - started) / 1000).toFixed(1)} s`,
    );
    verdicts.check(lost === 0 && notSent === 0, 'lost = 0', `${lost} messages missing, ${notSent} items not sent`);
    verdicts.check(
      extra === 0,
      'duplicates = 0',
      `${extra} messages beyond one per item (leaders get two items in one chat: their reminder and their team's figures)`,
    );
    verdicts.check(
      achieved >= 0.9 * RATE,
      `achieved ≥ 90 % of the cap (${RATE}/s)`,
      `${achieved.toFixed(1)}/s = ${((achieved / RATE) * 100).toFixed(1)} %`,
    );
    // What the workers hand to the outbound queue is what the shared pacer controls. The connector's own count also
    // shows the bunching of this one process (embedded store, two instances and the connector share one event loop).
    verdicts.check(
      busiestSecond(calls) <= Math.ceil(RATE * 1.1),
      'busiest second of sends leaving the two instances ≤ cap + 10 %',
      `${busiestSecond(calls)} (at the in-process connector: ${busiestSecond(acceptedTimes)} attempts incl. retries)`,
    );
    verdicts.check(
      handled[0] > 0 && handled[1] > 0,
      'both instances worked the queue',
      `${handled[0]} and ${handled[1]}`,
    );
    await Promise.all(instances.map((c) => c.stop()));
  } finally {
    await connector.close();
    client.dispose();
    await cosmos.stop();
  }
  verdicts.finish();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
