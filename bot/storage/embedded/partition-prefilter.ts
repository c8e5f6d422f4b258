/**
 * Queries on the embedded server that name their partition read that partition only.
 *
 * @vercel/cosmosdb-server evaluates every query over all documents of the container. A
 * person's "latest result" (`WHERE c.userKey = @k … ORDER BY`) took 5 ms with 500 people in
 * the store, 40 ms with 2,000 and 180 ms with 5,000; Azure Cosmos DB reads one partition.
 * The partition key the SDK sends does not help: for ORDER BY it sends the query across
 * partitions. So this reads the query instead: when its WHERE is a conjunction with
 * `<root>.<partition key path> = <value>` in it, every row it can return comes from that
 * partition, and the query runs over that partition's documents only. The answer is the
 * same; the cost no longer grows with the organisation.
 *
 * It reaches into the server's `Items` class (the package is pinned, unmaintained since
 * 2022). If its internals are not as expected, nothing is patched and queries scan the whole
 * container as before.
 */

interface ItemObject {
  read(): Record<string, unknown> | undefined;
}

interface Node {
  type: string;
  [field: string]: unknown;
}

interface ItemsInternals {
  _data: Map<string, ItemObject>;
  _partitionKeyPath: unknown;
  _getPartition(data: Record<string, unknown>): unknown;
  _getQuery(sql: string): { ast: Node };
  _item(keyPath: string, value: unknown, partition: unknown): ItemObject;
  _set: (this: ItemsInternals, data: Record<string, unknown>) => Record<string, unknown>;
  delete: (this: ItemsInternals, idOrRid: string, partition: unknown) => void;
  query: (this: ItemsInternals, params: QueryParams, options: unknown) => unknown;
}

interface QueryParams {
  query?: string;
  parameters?: Array<{ name: string; value: unknown }>;
}

/** Per container: partition key value (as JSON) → the resource ids of its documents. */
const partitions = new WeakMap<ItemsInternals, Map<string, Set<string>>>();
let installed: boolean | null = null;

const keyOf = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? JSON.stringify(value) : undefined;

function partitionsOf(items: ItemsInternals): Map<string, Set<string>> {
  let map = partitions.get(items);
  if (!map) partitions.set(items, (map = new Map<string, Set<string>>()));
  return map;
}

/** The conjuncts of a WHERE condition: `a AND (b AND c)` → a, b, c. */
function conjuncts(node: Node): Node[] {
  if (node.type === 'scalar_binary_expression' && node.operator === 'AND')
    return [...conjuncts(node.left as Node), ...conjuncts(node.right as Node)];
  return [node];
}

/** `root.field` (or `root["field"]`) → field, for the query's root alias only. */
function rootField(node: Node, root: string): string | undefined {
  if (node.type !== 'scalar_member_expression') return undefined;
  const object = node.object as Node;
  const property = node.property as Node;
  if (object.type !== 'identifier' || object.name !== root) return undefined;
  const name = property.type === 'identifier' ? property.name : property.value;
  return typeof name === 'string' ? name : undefined;
}

/** A constant or a parameter's value; undefined for anything else. */
function valueOf(node: Node, params: QueryParams): unknown {
  if (node.type === 'string_constant' || node.type === 'number_constant') return node.value;
  if (node.type === 'parameter_name') return params.parameters?.find((p) => p.name === node.name)?.value;
  return undefined;
}

/** The partition (as JSON) the query's WHERE pins down, if it does. */
export function partitionNamed(sqlAst: Node, partitionKeyPaths: unknown, params: QueryParams): string | undefined {
  if (!Array.isArray(partitionKeyPaths) || partitionKeyPaths.length !== 1) return undefined;
  const segments = String(partitionKeyPaths[0]).slice(1).split('/');
  if (segments.length !== 1) return undefined;
  const body = sqlAst.body as Node | undefined;
  const where = body?.where as Node | undefined;
  const source = (body?.from as Node | undefined)?.source as Node | undefined;
  const alias = (source?.alias as Node | null | undefined)?.name;
  const collection = ((source?.expression as Node | undefined)?.expression as Node | undefined)?.name;
  const root = typeof alias === 'string' ? alias : collection;
  if (!where || typeof root !== 'string') return undefined;
  for (const c of conjuncts(where.condition as Node)) {
    if (c.type !== 'scalar_binary_expression' || c.operator !== '=') continue;
    const [left, right] = [c.left as Node, c.right as Node];
    const key =
      rootField(left, root) === segments[0]
        ? keyOf(valueOf(right, params))
        : rootField(right, root) === segments[0]
          ? keyOf(valueOf(left, params))
          : undefined;
    if (key !== undefined) return key;
  }
  return undefined;
}

/** Patches the server's `Items` once; returns whether queries that name a partition read it only. */
export function installPartitionPrefilter(): boolean {
  if (installed !== null) return installed;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the server's internal class, not part of its typed API
  const Items = (require('@vercel/cosmosdb-server/lib/account/items') as { default?: { prototype: ItemsInternals } })
    .default;
  const proto = Items?.prototype as unknown as Record<string, unknown> | undefined;
  const shaped =
    proto &&
    ['_set', 'delete', 'query', '_getPartition', '_getQuery', '_item'].every((m) => typeof proto[m] === 'function');
  if (!shaped) return (installed = false);
  const items = proto as unknown as ItemsInternals;
  const { _set: set, delete: remove, query } = items;

  items._set = function (data) {
    const stored = set.call(this, data);
    const key = keyOf(this._getPartition(data));
    if (key !== undefined) {
      const byKey = partitionsOf(this);
      let rids = byKey.get(key);
      if (!rids) byKey.set(key, (rids = new Set<string>()));
      rids.add(String(data._rid));
    }
    return stored;
  };

  items.delete = function (idOrRid, partition) {
    const data = this._item('/id', idOrRid, partition).read();
    remove.call(this, idOrRid, partition); // throws when there is no such document
    const key = data ? keyOf(this._getPartition(data)) : undefined;
    if (key !== undefined) partitionsOf(this).get(key)?.delete(String(data!._rid));
  };

  items.query = function (params, options) {
    let key: string | undefined;
    try {
      key = partitionNamed(this._getQuery(String(params?.query ?? '')).ast, this._partitionKeyPath, params ?? {});
    } catch {
      key = undefined; // not parsable: the server's own query answers with its error
    }
    if (key === undefined) return query.call(this, params, options);
    const all = this._data;
    const scoped = new Map<string, ItemObject>();
    for (const rid of partitionsOf(this).get(key) ?? []) {
      const item = all.get(rid);
      if (item) scoped.set(rid, item);
    }
    // The server's query reads `this._data` synchronously: it sees this partition's documents only.
    this._data = scoped;
    try {
      return query.call(this, params, options);
    } finally {
      this._data = all;
    }
  };
  return (installed = true);
}
