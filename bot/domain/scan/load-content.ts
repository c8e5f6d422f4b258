import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ScanContent } from './content';

/** Reads the scan content from seeds/scan; its version is a hash of the files, so any change is a new version. */
export function readScanSeeds(dir: string): ScanContent {
  const read = (name: string) => readFileSync(path.join(dir, `${name}.json`), 'utf8');
  const files = ['domains', 'levels', 'profiles', 'items', 'modules'].map((n) => [n, read(n)] as const);
  const version = createHash('sha256')
    .update(files.map(([, text]) => text).join('\n'))
    .digest('hex')
    .slice(0, 12);
  const parsed = Object.fromEntries(files.map(([n, text]) => [n, JSON.parse(text)]));
  // modules.json is the starting template of the learning offer, marked as such in the file; tenants replace it with their own.
  const template = parsed.modules as { template: true; modules: ScanContent['modules'] };
  return { version, ...(parsed as Omit<ScanContent, 'version'>), modules: template.modules };
}
