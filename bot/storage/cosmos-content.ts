import type { Container } from '@azure/cosmos';
import { ContentIndex, type ScanContent } from '../domain/scan/content';
import type { ContentSource } from '../domain/scan/scan-service';
import { readOrNull } from './cosmos';

const PK = 'global';
const versionDocId = (v: string) => `scan-content:${v}`;
const POINTER = 'scan-content:current';

/**
 * Scan content in the `content` container: one document per version and a pointer to
 * the current one. Content changes without code by writing a new version and moving the
 * pointer; sessions begun on an older version keep using it.
 */
export class CosmosContentSource implements ContentSource {
  private readonly cache = new Map<string, ContentIndex>();
  private currentIndex: ContentIndex | null = null;

  constructor(private readonly container: Container) {}

  /** Stores the seed version if new and makes it current unless an editor moved the pointer away from the seeds. */
  async seed(content: ScanContent): Promise<{ stored: boolean; current: string }> {
    let stored = false;
    if (!(await readOrNull(this.container, versionDocId(content.version), PK))) {
      await this.container.items.upsert({ ...content, id: versionDocId(content.version), tenantId: PK });
      stored = true;
    }
    const pointer = await readOrNull<{ version: string; source: string }>(this.container, POINTER, PK);
    if (!pointer || pointer.source === 'seed') {
      await this.container.items.upsert({ id: POINTER, tenantId: PK, version: content.version, source: 'seed' });
    }
    return { stored, current: pointer && pointer.source !== 'seed' ? pointer.version : content.version };
  }

  /** Loads the current version into memory (at start-up). */
  async load(): Promise<ContentIndex> {
    const pointer = await readOrNull<{ version: string }>(this.container, POINTER, PK);
    if (!pointer) throw new Error('no scan content: seed it first (SEED_DEMO=true) or write scan-content:current');
    const index = await this.version(pointer.version);
    if (!index) throw new Error(`scan content ${pointer.version} is missing`);
    this.currentIndex = index;
    return index;
  }

  current(): ContentIndex {
    if (!this.currentIndex) throw new Error('scan content not loaded');
    return this.currentIndex;
  }

  async version(version: string): Promise<ContentIndex | null> {
    const cached = this.cache.get(version);
    if (cached) return cached;
    const doc = await readOrNull<ScanContent & { id: string; tenantId: string }>(
      this.container,
      versionDocId(version),
      PK,
    );
    if (!doc) return null;
    const { domains, levels, profiles, items, modules } = doc;
    const index = new ContentIndex({ version, domains, levels, profiles, items, modules });
    this.cache.set(version, index);
    return index;
  }
}
