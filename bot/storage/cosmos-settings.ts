import type { Container } from '@azure/cosmos';
import type { SettingsRepository, TenantSettings } from '../domain/settings/settings-service';
import { ownFields, readOrNull, replaceIfMatch } from './cosmos';

/** A tenant's settings inside its record (`tenant` in `tenants`, partition /tenantId), replaced with the record's ETag. */
export class CosmosSettingsRepository implements SettingsRepository {
  constructor(private readonly container: Container) {}

  async get(tenantId: string): Promise<{ settings: TenantSettings; etag: string } | null> {
    const doc = await readOrNull<{ settings?: TenantSettings }>(this.container, 'tenant', tenantId);
    return doc ? { settings: doc.settings ?? {}, etag: doc._etag } : null;
  }

  async replace(tenantId: string, settings: TenantSettings, etag: string): Promise<string> {
    const doc = await readOrNull<Record<string, unknown> & { id: string }>(this.container, 'tenant', tenantId);
    // The record is replaced whole, but only if it is still the version the admin saw.
    const rest = ownFields(doc ?? { id: 'tenant', tenantId }, []);
    const saved = await replaceIfMatch(this.container, { ...rest, id: 'tenant', settings }, etag, tenantId);
    return saved._etag;
  }
}
