import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { teamsOffline } from './src/build/teams-offline';

const ROOT = path.resolve(__dirname, '..');

/** One browser bundle: an entry, the static files next to it, and where both go. */
interface Bundle {
  name: string;
  entry: string;
  staticFiles: string[];
  outDir: string;
  plugins?: (outDir: string) => Plugin[];
  /** Static files served under another name: [source, name in outDir]. */
  copies?: Array<[string, string]>;
}

/**
 * Builds the browser bundles the server serves (nothing is loaded from a CDN):
 * the dev playground and the leader tab.
 */
const BUNDLES: Bundle[] = [
  {
    name: 'playground',
    entry: 'tab/playground/main.tsx',
    staticFiles: ['tab/playground/index.html'],
    outDir: 'tab/dist/playground',
  },
  {
    name: 'tab',
    entry: 'tab/src/main.tsx',
    staticFiles: ['tab/public/index.html'],
    copies: [['tab/public/index.html', 'config.html']],
    outDir: 'tab/dist/tab',
    plugins: (out) => [teamsOffline(out)],
  },
];

const shim = (file: string) => path.join(ROOT, 'tab', 'playground', 'shims', file);
const SHIMS: Record<string, string> = {
  // A Node built-in markdown-it still requires; the browser's URL parser does its job.
  punycode: shim('punycode.ts'),
  // Connections Web Chat can make but our pages never do (they bring their own DirectLine object).
  'botframework-directlinejs': shim('unused-connections.ts'),
  'botframework-directlinespeech-sdk': shim('unused-connections.ts'),
};

/**
 * Next to each bundle: the hash of every file it was built from (our sources and static files,
 * this script, and package-lock.json for everything under node_modules). `--if-changed` (used by
 * `npm start`) skips a bundle whose inputs hash the same, so a restart does not rebuild.
 */
const STAMP = '.build-inputs.json';

interface Stamp {
  hash: string;
  inputs: string[];
}

async function hashOf(files: string[]): Promise<string> {
  const h = createHash('sha256');
  for (const file of [...files].sort()) {
    h.update(file);
    h.update(await readFile(path.join(ROOT, file)).catch(() => Buffer.from('missing')));
  }
  return h.digest('hex');
}

function stampedInputs(b: Bundle, metafileInputs: string[]): string[] {
  const own = metafileInputs.filter((f) => !f.includes('node_modules/'));
  return [...new Set([...own, ...b.staticFiles, 'tab/build.ts', 'package-lock.json'])];
}

async function upToDate(b: Bundle): Promise<boolean> {
  try {
    const stamp = JSON.parse(await readFile(path.join(ROOT, b.outDir, STAMP), 'utf8')) as Stamp;
    return stamp.hash === (await hashOf(stamp.inputs));
  } catch {
    return false; // no stamp yet, or unreadable: build
  }
}

async function buildBundle(b: Bundle): Promise<void> {
  const outDir = path.join(ROOT, b.outDir);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const started = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    metafile: true,
    entryPoints: { [b.name]: path.join(ROOT, b.entry) },
    outdir: outDir,
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'iife',
    platform: 'browser',
    target: ['chrome111', 'edge111', 'firefox114', 'safari16'],
    jsx: 'automatic',
    legalComments: 'linked',
    // Libraries read these at run time; a browser has no `process` or `global`.
    define: { 'process.env.NODE_ENV': '"production"', 'process.env.node_env': 'undefined', global: 'globalThis' },
    alias: SHIMS,
    plugins: b.plugins?.(outDir) ?? [],
    logLevel: 'warning',
  });
  for (const file of b.staticFiles) await copyFile(path.join(ROOT, file), path.join(outDir, path.basename(file)));
  for (const [from, to] of b.copies ?? []) await copyFile(path.join(ROOT, from), path.join(outDir, to));
  const inputs = stampedInputs(b, Object.keys(result.metafile.inputs));
  const stamp: Stamp = { hash: await hashOf(inputs), inputs };
  await writeFile(path.join(outDir, STAMP), JSON.stringify(stamp));
  const js = await readFile(path.join(outDir, `${b.name}.js`));
  process.stdout.write(
    `built ${b.outDir}/${b.name}.js: ${(js.length / 1024).toFixed(0)} KiB (${(gzipSync(js).length / 1024).toFixed(0)} KiB gzipped) in ${Date.now() - started} ms\n`,
  );
}

async function main(): Promise<void> {
  const ifChanged = process.argv.includes('--if-changed');
  for (const bundle of BUNDLES) {
    if (ifChanged && (await upToDate(bundle))) {
      process.stdout.write(`${bundle.outDir}: sources unchanged, not rebuilt\n`);
      continue;
    }
    await buildBundle(bundle);
  }
}

main().catch((err) => {
  process.stderr.write(`build failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
