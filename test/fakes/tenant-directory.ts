import type { Tenant } from '../../bot/domain/org';
import type { Directory } from '../../bot/domain/ports';

/** A directory with one tenant and nobody in it (the help flow asks it for the coordinator; the bot for the user). */
export function tenantOnlyDirectory(tenant: Partial<Tenant> & { tenantId: string }): Directory {
  const full: Tenant = {
    name: 'Gemeente Test',
    shortName: 'Test',
    country: 'NL',
    defaultLocale: 'nl-NL',
    programmeAdmins: [],
    anonymityThreshold: 5,
    ...tenant,
  };
  return {
    getTenant: async (id: string) => (id === full.tenantId ? full : null),
    getPerson: async () => null,
    getUnit: async () => null,
    directReports: async () => [],
    teamMembers: async () => [],
    teamsLedBy: async () => [],
    listPeople: async () => [],
    listUnits: async () => [],
  };
}
