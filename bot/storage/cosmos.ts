import type https from 'node:https';
import { CosmosClient, type Container, type Database, ErrorResponse } from '@azure/cosmos';
import type { Logger } from '../logger';
import { AppError } from '../domain/errors';
import type { Versioned } from '../domain/scan/scan-types';
import { CONTAINERS, type ContainerName, indexingPolicy } from './containers';

export type Containers = Record<ContainerName, Container>;

export interface CosmosStore {
  kind: 'embedded' | 'azure';
  client: CosmosClient;
  database: Database;
  containers: Containers;
  /** Cheap reachability check for /healthz. */
  ping(): Promise<boolean>;
}

export async function openCosmosStore(opts: {
  kind: 'embedded' | 'azure';
  client: CosmosClient;
  databaseId: string;
  log: Logger;
}): Promise<CosmosStore> {
  const { database } = await opts.client.databases.createIfNotExists({ id: opts.databaseId });
  const entries = await Promise.all(
    (Object.keys(CONTAINERS) as ContainerName[]).map(async (name) => {
      const { container } = await database.containers.createIfNotExists({
        id: name,
        partitionKey: { paths: [CONTAINERS[name]] },
        indexingPolicy: indexingPolicy(name),
      });
      return [name, container] as const;
    }),
  );
  const containers = Object.fromEntries(entries) as Containers;
  opts.log.info({ database: opts.databaseId, containers: Object.keys(containers).length }, 'cosmos ready');
  return {
    kind: opts.kind,
    client: opts.client,
    database,
    containers,
    async ping() {
      // Bounded: the SDK retries reads on refused connections for ~10 s, longer than a health probe waits.
      const abortSignal = AbortSignal.timeout(PING_TIMEOUT_MS);
      const timedOut = new Promise<false>((resolve) => setTimeout(() => resolve(false), PING_TIMEOUT_MS).unref());
      const reached = database.read({ abortSignal }).then(
        () => true,
        () => false,
      );
      return Promise.race([reached, timedOut]);
    },
  };
}

export function createCosmosClient(opts: {
  endpoint: string;
  key?: string;
  agent?: https.Agent;
  aadCredential?: unknown;
}): CosmosClient {
  return new CosmosClient({
    endpoint: opts.endpoint,
    ...(opts.key ? { key: opts.key } : { aadCredentials: opts.aadCredential as never }),
    ...(opts.agent ? { agent: opts.agent } : {}),
    connectionPolicy: { enableEndpointDiscovery: false, requestTimeout: 10_000, retryOptions: THROTTLE_RETRY },
  });
}

/**
 * Throttling (429): the SDK waits what `x-ms-retry-after-ms` says and tries again, at most
 * 9 times and until about 3 s of waiting in total (the SDK stops once the sum passes it), so
 * a throttled operation still fits a card action's ~5 s; the bot answers "try again shortly"
 * if it does not (see DigivaardigBot). A 503 or a timeout is not retried here (one region).
 */
export const THROTTLE_RETRY = { maxRetryAttemptCount: 9, maxWaitTimeInSeconds: 3 } as const;
const PING_TIMEOUT_MS = 2_000;

/** Point read that returns null on 404 instead of throwing. */
export async function readOrNull<T>(
  container: Container,
  id: string,
  pk: string,
): Promise<(T & { _etag: string }) | null> {
  try {
    const { resource } = await container.item(id, pk).read<T & { _etag: string }>();
    return resource ?? null;
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw withContext(err, `read ${container.id}/${id}`);
  }
}

/**
 * Replaces a document only if it is unchanged since it was read (ETag). A 412 becomes
 * a typed conflict that the caller handles (retry, or "already handled").
 */
export async function replaceIfMatch<T extends { id: string }>(
  container: Container,
  doc: T,
  etag: string,
  pk: string,
): Promise<T & { _etag: string }> {
  try {
    const { resource } = await container
      .item(doc.id, pk)
      .replace<T>(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
    return resource as T & { _etag: string };
  } catch (err) {
    // 412: changed since it was read; 404: removed since it was read (another instance finished it). Both are a lost race.
    const status = statusOf(err);
    if (status === 412 || status === 404) throw new AppError('conflict', 409, 'error.conflict');
    throw withContext(err, `replace ${container.id}/${doc.id}`);
  }
}

/** Creates a document; a 409 (it already exists) becomes a typed conflict. */
export async function createOnce<T extends { id: string }>(
  container: Container,
  doc: T,
): Promise<T & { _etag: string }> {
  try {
    const { resource } = await container.items.create<T>(doc);
    return resource as T & { _etag: string };
  } catch (err) {
    if (statusOf(err) === 409) throw new AppError('conflict', 409, 'error.conflict');
    throw withContext(err, `create ${container.id}/${doc.id}`);
  }
}

/** The properties Cosmos adds to every document. */
const COSMOS_SYSTEM = ['_rid', '_self', '_etag', '_ts', '_attachments'];
/** The keys this app sets on write besides a record's own fields. */
const ID_AND_TYPE = ['id', 'docType'];
const DEFAULT_SKIP = new Set([...COSMOS_SYSTEM, ...ID_AND_TYPE]);

/**
 * A stored document's own fields: without Cosmos' system properties and without the keys
 * in `drop` (by default the id and docType the repositories set again on write).
 */
export function ownFields<T = Record<string, unknown>>(doc: object, drop: readonly string[] = ID_AND_TYPE): T {
  const skip = drop === ID_AND_TYPE ? DEFAULT_SKIP : new Set([...COSMOS_SYSTEM, ...drop]);
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !skip.has(k))) as T;
}

type StoredDoc = { _etag: string } & object;

/** A stored document as its own fields (see `ownFields`) and its ETag; null for no document. */
export function versioned<T>(doc: StoredDoc, drop?: readonly string[]): Versioned<T>;
export function versioned<T>(doc: StoredDoc | null | undefined, drop?: readonly string[]): Versioned<T> | null;
export function versioned<T>(doc: StoredDoc | null | undefined, drop?: readonly string[]): Versioned<T> | null {
  if (!doc) return null;
  return { value: ownFields<T>(doc, drop), etag: doc._etag };
}

export function statusOf(err: unknown): number | undefined {
  if (err instanceof ErrorResponse) return err.code as number;
  return (err as { code?: number })?.code;
}

function withContext(err: unknown, what: string): Error {
  const e = new Error(`cosmos ${what} failed: ${(err as Error)?.message ?? err}`);
  (e as Error & { cause?: unknown }).cause = err;
  return e;
}
