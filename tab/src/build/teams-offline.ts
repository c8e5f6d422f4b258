import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';

const CDN = 'new URL("https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json")';
const LOCAL = 'new URL("/tab/valid-domains.json", self.location.href)';

/**
 * teams-js fetches its list of valid host origins from a Microsoft CDN as soon as it is
 * loaded. The tab loads nothing from outside its own server: this points that fetch at
 * a copy of the list the library itself bundles, served next to the tab. If a new
 * teams-js version changes the constant, the build fails instead of quietly phoning out.
 */
export function teamsOffline(outDir: string): Plugin {
  return {
    name: 'teams-offline',
    setup(build) {
      let replaced = false;
      build.onLoad({ filter: /@microsoft[\\/]teams-js[\\/].*[\\/]internal[\\/]constants\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes(CDN))
          throw new Error(
            `teams-offline: the CDN constant moved in ${args.path}; update tab/src/build/teams-offline.ts`,
          );
        replaced = true;
        return { contents: source.replace(CDN, LOCAL), loader: 'js' };
      });
      build.onEnd(async (result) => {
        if (result.errors.length) return;
        if (!replaced)
          throw new Error('teams-offline: teams-js constants were not bundled; is the plugin still needed?');
        const list = await readFile(
          require.resolve('@microsoft/teams-js/dist/esm/packages/teams-js/src/artifactsForCDN/validDomains.json.js'),
          'utf8',
        );
        const origins = /var \w=(\[[^\]]*\])/.exec(list)?.[1];
        if (!origins) throw new Error('teams-offline: cannot read the bundled valid origins');
        await writeFile(
          path.join(outDir, 'valid-domains.json'),
          JSON.stringify({ validOrigins: JSON.parse(origins) as string[] }),
        );
      });
    },
  };
}
