import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { Logger } from '../../logger';
import { loadOrCreateCertificate } from './certificate';
import { installPartitionPrefilter } from './partition-prefilter';
import { type Doc, SnapshotStore } from './snapshot-store';

/** The well-known emulator key; the embedded server accepts any key, the SDK needs one. */
export const EMBEDDED_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  agent: https.Agent;
  snapshots: SnapshotStore | null;
  stop(): Promise<void>;
}

/** HTTP requests received by the embedded servers of this process; benchmarks use it to count Cosmos operations per turn. */
let requestsReceived = 0;
export const embeddedRequestCount = (): number => requestsReceived;

const DOCS_PATH = /^\/dbs\/([^/]+)\/colls\/([^/]+)\/docs(?:\/([^/?]+))?/;

/**
 * Starts @vercel/cosmosdb-server in-process over HTTPS with a locally generated
 * certificate. With a data directory, every successful document write is mirrored
 * into a SnapshotStore that makes it durable before the client gets its answer (the
 * server itself is memory-only).
 */
export async function startEmbeddedCosmos(opts: {
  certDir: string;
  dataDir: string | null;
  port: number;
  log: Logger;
}): Promise<EmbeddedCosmos> {
  const pem = await loadOrCreateCertificate(opts.certDir);
  const prefiltered = installPartitionPrefilter();
  const server = createHttpsServer({ cert: pem.cert, key: pem.key, keepAlive: true });
  const snapshots = opts.dataDir ? new SnapshotStore(opts.dataDir, opts.log) : null;
  if (snapshots) mirrorWrites(server, snapshots, opts.log);
  server.on('request', () => {
    requestsReceived++;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const agent = new https.Agent({ ca: pem.cert, keepAlive: true, maxSockets: 64 });
  opts.log.info({ port, persisted: Boolean(snapshots), prefiltered }, 'embedded cosmos server started');
  return {
    endpoint: `https://127.0.0.1:${port}/`,
    key: EMBEDDED_KEY,
    agent,
    snapshots,
    async stop() {
      await snapshots?.flush();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Marks the writes that put documents from disk back into the server at start: they are on disk already. */
export const RESTORE_HEADER = 'x-digivaardig-restore';

/**
 * Wraps the server's request listener: when a document write succeeds, the document the
 * server returned (or the deletion) is recorded in the snapshot store, and the response
 * is sent only once that record is on disk. A client that got its answer therefore never
 * loses the write; if the disk refuses it, the client gets a 503 instead.
 */
function mirrorWrites(server: https.Server, store: SnapshotStore, log: Logger): void {
  const [original] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = DOCS_PATH.exec(req.url ?? '');
    const isWrite =
      match &&
      req.method !== 'GET' &&
      !req.headers['x-ms-documentdb-isquery'] &&
      !req.headers[RESTORE_HEADER] &&
      req.headers['content-type'] !== 'application/query+json';
    if (match && isWrite) {
      const [, db, coll, docId] = match.map((s) => (s ? decodeURIComponent(s) : s));
      const pk = String(req.headers['x-ms-documentdb-partitionkey'] ?? '[]');
      const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
      (res as { end: unknown }).end = (chunk?: unknown, ...rest: unknown[]) => {
        const durable = res.statusCode >= 200 && res.statusCode < 300 ? record(req, docId, chunk) : null;
        if (!durable) return end(chunk, ...rest);
        durable.then(
          () => end(chunk, ...rest),
          (err: unknown) => {
            log.error({ err, url: req.url }, 'write could not be made durable');
            res.statusCode = 503;
            end(JSON.stringify({ code: 'ServiceUnavailable', message: 'the write could not be stored on disk' }));
          },
        );
        return res;
      };
      const record = (r: IncomingMessage, id: string | undefined, chunk: unknown): Promise<void> | null => {
        if (r.method === 'DELETE' && id) return store.remove(db, coll, pk, id);
        if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk)) return null;
        try {
          const doc = JSON.parse(chunk.toString()) as Partial<Doc> | null;
          return doc && typeof doc.id === 'string' ? store.put(db, coll, pk, doc as Doc) : null;
        } catch {
          return null; // not a document body (e.g. batch); nothing to mirror
        }
      };
    }
    original(req, res);
  });
}
