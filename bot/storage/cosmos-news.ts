import type { Container } from '@azure/cosmos';
import { isConflict } from '../domain/errors';
import type { Versioned } from '../domain/scan/scan-types';
import type { CoachNews, NewsCounts, NewsItem, NewsRepository } from '../domain/news/news-types';
import { createOnce, ownFields, readOrNull, replaceIfMatch, statusOf, versioned } from './cosmos';

const NEWS = 'coach-news';
const ITEM = 'coach-news-item';
const newsDocId = (newsId: string) => `${NEWS}:${newsId}`;
const itemDocId = (newsId: string, userId: string) => `${ITEM}:${newsId}:${userId}`;

type Stored<T> = T & { id: string; docType: string; _etag: string };

/**
 * Coach news and its queue items in the `schedule` container (partition /tenantId), beside
 * the campaign items: the news text once per news, one small item per coach with a fixed id.
 */
export class CosmosNewsRepository implements NewsRepository {
  constructor(private readonly schedule: Container) {}

  async createNews(news: CoachNews): Promise<CoachNews | null> {
    try {
      await createOnce(this.schedule, { ...news, id: newsDocId(news.newsId), docType: NEWS });
      return news;
    } catch (err) {
      if (isConflict(err)) return null;
      throw err;
    }
  }

  async getNews(tenantId: string, newsId: string): Promise<CoachNews | null> {
    const doc = await readOrNull<Stored<CoachNews>>(this.schedule, newsDocId(newsId), tenantId);
    return doc ? ownFields<CoachNews>(doc) : null;
  }

  async latestNews(tenantId: string, limit: number): Promise<CoachNews[]> {
    // The tenant in the query too: the embedded store ignores the partition key option for queries.
    const { resources } = await this.schedule.items
      .query<Stored<CoachNews>>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @t AND c.docType = @type',
          parameters: [
            { name: '@t', value: tenantId },
            { name: '@type', value: NEWS },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources
      .map((d) => ownFields<CoachNews>(d))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit);
  }

  async addItem(item: NewsItem): Promise<boolean> {
    try {
      await createOnce(this.schedule, { ...item, id: itemDocId(item.newsId, item.userId), docType: ITEM });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  async due(now: Date, limit: number): Promise<Array<Versioned<NewsItem>>> {
    const { resources } = await this.schedule.items
      .query<Stored<NewsItem>>({
        query:
          "SELECT TOP @n * FROM c WHERE c.docType = @type AND (c.status = 'queued' OR c.status = 'sending') AND c.availableAt <= @now ORDER BY c.availableAt",
        parameters: [
          { name: '@type', value: ITEM },
          { name: '@now', value: now.toISOString() },
          { name: '@n', value: limit },
        ],
      })
      .fetchAll();
    return resources.map((r) => versioned<NewsItem>(r));
  }

  async getItem(tenantId: string, newsId: string, userId: string): Promise<Versioned<NewsItem> | null> {
    const doc = await readOrNull<Stored<NewsItem>>(this.schedule, itemDocId(newsId, userId), tenantId);
    return doc ? versioned<NewsItem>(doc) : null;
  }

  async replaceItem(item: NewsItem, etag: string): Promise<Versioned<NewsItem>> {
    const doc = await replaceIfMatch(
      this.schedule,
      { ...item, id: itemDocId(item.newsId, item.userId), docType: ITEM },
      etag,
      item.tenantId,
    );
    return versioned<NewsItem>(doc);
  }

  async counts(tenantId: string, newsIds: string[]): Promise<Record<string, NewsCounts>> {
    if (!newsIds.length) return {};
    const { resources } = await this.schedule.items
      .query<{ newsId: string; status: NewsItem['status'] }>(
        {
          query:
            'SELECT c.newsId, c.status FROM c WHERE c.tenantId = @t AND c.docType = @type AND ARRAY_CONTAINS(@ids, c.newsId)',
          parameters: [
            { name: '@t', value: tenantId },
            { name: '@type', value: ITEM },
            { name: '@ids', value: newsIds },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    const out: Record<string, NewsCounts> = {};
    for (const r of resources) {
      const c = (out[r.newsId] ??= { queued: 0, sending: 0, sent: 0, skipped: 0, failed: 0 });
      c[r.status]++;
    }
    return out;
  }

  /** Erasure: a coach's news items go (the news itself names no coach); returns how many. */
  async forgetUser(tenantId: string, userId: string): Promise<number> {
    const { resources } = await this.schedule.items
      .query<{ id: string }>(
        {
          query: 'SELECT c.id FROM c WHERE c.tenantId = @t AND c.docType = @type AND c.userId = @u',
          parameters: [
            { name: '@t', value: tenantId },
            { name: '@type', value: ITEM },
            { name: '@u', value: userId },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    for (const { id } of resources)
      await this.schedule
        .item(id, tenantId)
        .delete()
        .catch((err) => {
          if (statusOf(err) !== 404) throw err;
        });
    return resources.length;
  }
}
