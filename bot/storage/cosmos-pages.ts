import type { Container, SqlQuerySpec } from '@azure/cosmos';

/**
 * A query read page by page: each page is one request and the SDK carries the
 * continuation token to the next. Works on Azure and on the embedded store (which has
 * no OFFSET/LIMIT); memory stays one page, however many documents match.
 */
export async function* pages<T>(
  container: Container,
  query: SqlQuerySpec,
  opts: { partitionKey?: string; pageSize?: number } = {},
): AsyncGenerator<T[]> {
  const iterator = container.items.query<T>(query, {
    maxItemCount: opts.pageSize ?? 100,
    ...(opts.partitionKey !== undefined ? { partitionKey: opts.partitionKey } : {}),
  });
  while (iterator.hasMoreResults()) {
    const { resources } = await iterator.fetchNext();
    if (resources?.length) yield resources;
  }
}
