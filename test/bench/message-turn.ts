/**
 * Plain message turns over HTTP, Digivaardig against a bare botbuilder echo bot started
 * in the same run (issue "Foundation"). Target: p50 and p95 ≤ 1.5× the echo floor.
 *
 * Each bot runs in its own Node process; this process is Teams and the Bot Connector
 * (a fake connector that receives the replies). A turn is timed from the POST to
 * /api/messages until its HTTP response: CloudAdapter sends the reply to the connector
 * during the turn, so the reply has arrived when the POST completes (checked per turn).
 * Sequential turns alternate between the bots in blocks, in a shuffled order; then a
 * concurrent variant runs rounds of each bot in turn (informative; the target is the
 * sequential one). A free-text turn (the menu card, after the scan feature checked for a
 * scan in progress) is measured alongside as information.
 *
 *   npx tsx test/bench/message-turn.ts [--turns=1000] [--warmup=100] [--concurrency=8] [--concurrent-turns=800]
 */
import { TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { rng } from './scan-simulation';
import { demoPeople, shuffled, startFakeConnector } from './lib/clients';
import { startBotProcess, tempDir } from './lib/processes';
import { line, machine, numArg, stats, Targets } from './lib/report';

const TURNS = numArg('turns', 1000);
const WARMUP = numArg('warmup', 100);
const CONCURRENCY = Math.max(1, numArg('concurrency', 8));
const CONCURRENT_TURNS = numArg('concurrent-turns', 800);
const BLOCK = 20;
const TARGET = 1.5;

async function main(): Promise<void> {
  const conn = await startFakeConnector();
  const data = tempDir('dv-bench-message-');
  const echo = await startBotProcess('echo');
  const ours = await startBotProcess('app', { dataDir: data.dir, scheduler: false }); // no background timer sweep in the request counts
  try {
    const people = demoPeople(CONCURRENCY);
    const clients = (url: string) =>
      people.map((u: TeamsUser) => new TeamsTestClient(url, conn.connector, conn.url, u));
    const series = {
      echo: { clients: clients(echo.url), text: 'hallo' },
      hello: { clients: clients(ours.url), text: 'hallo' },
      freeText: { clients: clients(ours.url), text: 'ik weet het even niet' },
    };
    type Name = keyof typeof series;

    /** One message turn: POST round trip in ms; the reply must be at the connector when the POST completes. */
    const turn = async (name: Name, i: number, checkReply: boolean): Promise<number> => {
      const { clients: list, text } = series[name];
      const client = list[i % list.length];
      const before = conn.counter.replies;
      const started = performance.now();
      const res = await client.post(client.activity({ type: 'message', text }));
      const elapsed = performance.now() - started;
      if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      if (checkReply && conn.counter.replies !== before + 1)
        throw new Error(`${name}: ${conn.counter.replies - before} replies at the connector when the POST completed`);
      return elapsed;
    };

    // Blocks of BLOCK turns per series, the series in a shuffled order each cycle: machine drift hits all
    // three, while a bot is not timed right after waking from idle (per-turn alternation adds ~1.5 ms to both).
    const random = rng(7);
    const sequential = async (count: number) => {
      const out: Record<Name, number[]> = { echo: [], hello: [], freeText: [] };
      const storeRequests: Record<Name, number> = { echo: 0, hello: 0, freeText: 0 };
      for (let done = 0; done < count; done += BLOCK) {
        for (const name of shuffled(Object.keys(series) as Name[], random)) {
          const before = name === 'echo' ? 0 : await ours.call<number>('requests');
          for (let k = 0; k < Math.min(BLOCK, count - done); k++) out[name].push(await turn(name, done + k, true));
          if (name !== 'echo') storeRequests[name] += (await ours.call<number>('requests')) - before;
        }
      }
      return { ...out, storeRequests };
    };

    const concurrent = async (name: Name, count: number) => {
      const latencies: number[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, worker) => {
          for (let i = worker; i < count; i += CONCURRENCY) latencies.push(await turn(name, worker, false));
        }),
      );
      return { latencies, seconds: (performance.now() - started) / 1000 };
    };

    console.log(
      `message turns — Digivaardig vs a bare botbuilder echo bot, each in its own process (${people.length} demo users, 'hallo' → welcome card; ${machine()})`,
    );
    await sequential(WARMUP);
    const seq = await sequential(TURNS);
    const e = stats(seq.echo);
    const h = stats(seq.hello);
    const f = stats(seq.freeText);
    console.log(
      `sequential, ${TURNS} turns per series after ${WARMUP} warm-up turns, in alternating blocks of ${BLOCK}:`,
    );
    console.log(line('echo floor (echo text)', e));
    console.log(line("ours: 'hallo' (welcome card)", h));
    console.log(line('ours: free text (menu card)', f));
    console.log(
      `  embedded Cosmos requests per turn: 'hallo' ${(seq.storeRequests.hello / h.n).toFixed(2)}, free text ${(seq.storeRequests.freeText / f.n).toFixed(2)}`,
    );
    console.log(
      `  ratio ours/echo: 'hallo' p50 ${(h.p50 / e.p50).toFixed(2)}×, p95 ${(h.p95 / e.p95).toFixed(2)}×; free text p50 ${(f.p50 / e.p50).toFixed(2)}×, p95 ${(f.p95 / e.p95).toFixed(2)}×`,
    );

    // Concurrent: echo, ours, echo, ours — two rounds each, so drift in the machine's load hits both.
    const rounds: Record<'echo' | 'hello', { latencies: number[]; seconds: number }> = {
      echo: { latencies: [], seconds: 0 },
      hello: { latencies: [], seconds: 0 },
    };
    const before = conn.counter.replies;
    for (let r = 0; r < 2; r++) {
      for (const name of ['echo', 'hello'] as const) {
        const round = await concurrent(name, Math.ceil(CONCURRENT_TURNS / 2));
        rounds[name].latencies.push(...round.latencies);
        rounds[name].seconds += round.seconds;
      }
    }
    const sent = rounds.echo.latencies.length + rounds.hello.latencies.length;
    if (conn.counter.replies - before !== sent)
      throw new Error(`concurrent: ${conn.counter.replies - before} replies for ${sent} turns`);
    const ce = stats(rounds.echo.latencies);
    const ch = stats(rounds.hello.latencies);
    const tput = (name: 'echo' | 'hello') => rounds[name].latencies.length / rounds[name].seconds;
    console.log(`concurrent, ${CONCURRENCY} in flight, ${ce.n} turns per bot (informative):`);
    console.log(`${line('echo floor', ce)}   ${tput('echo').toFixed(0)} turns/s`);
    console.log(`${line("ours: 'hallo'", ch)}   ${tput('hello').toFixed(0)} turns/s`);
    console.log(
      `  ratio ours/echo: p50 ${(ch.p50 / ce.p50).toFixed(2)}×, p95 ${(ch.p95 / ce.p95).toFixed(2)}×, throughput ${(tput('hello') / tput('echo')).toFixed(2)}×`,
    );

    const targets = new Targets();
    targets.check(
      h.p50 <= TARGET * e.p50,
      `message turn p50 ≤ ${TARGET}× echo floor`,
      `${h.p50.toFixed(2)} ms vs ${e.p50.toFixed(2)} ms = ${(h.p50 / e.p50).toFixed(2)}×`,
    );
    targets.check(
      h.p95 <= TARGET * e.p95,
      `message turn p95 ≤ ${TARGET}× echo floor`,
      `${h.p95.toFixed(2)} ms vs ${e.p95.toFixed(2)} ms = ${(h.p95 / e.p95).toFixed(2)}×`,
    );
    targets.finish();
  } finally {
    await Promise.all([echo.stop(), ours.stop()]);
    await conn.close();
    data.remove();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});
