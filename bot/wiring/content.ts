import path from 'node:path';
import type { Config } from '../config';
import type { Log } from '../domain/log';
import type { CoachService } from '../domain/help/coach-service';
import { readScanSeeds } from '../domain/scan/load-content';
import { readOrgSeeds, seedOrganisation } from '../seeding/demo-organisation';
import type { Repositories } from './repositories';

/** Step 2b: the demo organisation (when `SEED_DEMO`) and the scan content from `seeds/`, stored as a version and loaded. */
export async function loadContent(config: Config, repos: Repositories, root: string, log: Log): Promise<void> {
  if (config.seedDemo) {
    const result = await seedOrganisation(repos.organisation, readOrgSeeds(path.join(root, 'seeds', 'org')));
    log.info(result, 'demo organisation seeded');
  }
  const seeded = await repos.content.seed(readScanSeeds(path.join(root, 'seeds', 'scan')));
  const scanContent = await repos.content.load();
  log.info(
    { version: scanContent.version, newVersion: seeded.stored, items: scanContent.content.items.length },
    'scan content loaded',
  );
}

/** The demo organisation's digicoaches, registered from the directory's coach markers. */
export async function seedDemoCoaches(coaches: CoachService, root: string): Promise<void> {
  for (const seed of readOrgSeeds(path.join(root, 'seeds', 'org')))
    await coaches.seedCoachesFromDirectory(seed.tenant.id);
}
