import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { parseCommand } from '../../../bot/teams/commands';
import { BOT_COMMANDS } from '../../../manifest/commands';
import { ACCENT_COLOR, encodePng, renderColorIcon, renderOutlineIcon } from '../../../manifest/make-icons';
import {
  MANIFEST_DIR,
  PACKAGE_FILES,
  DEVELOPMENT_PLACEHOLDERS,
  PackageConfigError,
  bundledSchemaPath,
  buildPackage,
  packageMode,
  readPackageValues,
  renderPackage,
  substitutePlaceholders,
  validateLocalization,
  validateManifest,
  type PackageValues,
} from '../../../manifest/package';

const SAMPLE: PackageValues = {
  BOT_ID: '0b7e2c1a-4d3f-4a5b-9c8d-1e2f3a4b5c6d',
  AAD_APP_CLIENT_ID: '5f4e3d2c-1b0a-4c9d-8e7f-6a5b4c3d2e1f',
  TAB_HOST: 'digivaardig.example.org',
};

const TEN_COMMANDS_NL = [
  'scan',
  'resultaat',
  'modules',
  'hulp',
  'word digicoach',
  'beschikbaar',
  'niet beschikbaar',
  'mijn hulpvragen',
  'mijn gegevens',
  'geen herinneringen',
];

type Json = any;

function readSource(name: string): string {
  return fs.readFileSync(path.join(MANIFEST_DIR, name), 'utf8');
}

/** Resolves a localization key such as "bots[0].commandLists[0].commands[3].title" in the manifest. */
function resolveKey(manifest: Json, key: string): unknown {
  let node: Json = manifest;
  for (const part of key.split('.')) {
    const m = /^([A-Za-z]+)((?:\[\d+\])*)$/.exec(part);
    assert.ok(m, `key part "${part}" of ${key}`);
    node = node?.[m[1]];
    for (const index of m[2].match(/\d+/g) ?? []) node = node?.[Number(index)];
  }
  return node;
}

interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  rgba: Buffer;
}

/** Reads a PNG: signature, chunk CRCs, IHDR, and the RGBA pixels (filter 0 rows only). */
function readPng(buf: Buffer): PngInfo {
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let offset = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    const crc = buf.readUInt32BE(offset + 8 + length);
    assert.equal(crc, zlib.crc32(buf.subarray(offset + 4, offset + 8 + length)), `CRC of ${type}`);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  assert.ok(ihdr, 'has IHDR');
  assert.ok(ended, 'ends with IEND');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  assert.equal(raw.length, (width * 4 + 1) * height, 'pixel data length');
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (width * 4 + 1)], 0, `row ${y} uses filter 0`);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, bitDepth: ihdr[8], colorType: ihdr[9], rgba };
}

/** Reads a ZIP the way an unzipper does: end record → central directory → local headers. */
function readZip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'has an end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  let p = buf.readUInt32LE(eocd + 16);
  assert.equal(p + cdSize, eocd, 'central directory ends where the end record starts');
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'central directory header signature');
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);

    assert.equal(buf.readUInt32LE(localOffset), 0x04034b50, `local header of ${name}`);
    const localNameLength = buf.readUInt16LE(localOffset + 26);
    const localExtraLength = buf.readUInt16LE(localOffset + 28);
    assert.equal(buf.toString('utf8', localOffset + 30, localOffset + 30 + localNameLength), name);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const stored = buf.subarray(start, start + compressedSize);
    assert.ok(method === 0 || method === 8, `${name} is stored or deflated`);
    const data = method === 8 ? zlib.inflateRawSync(stored) : Buffer.from(stored);
    assert.equal(data.length, size, `size of ${name}`);
    assert.equal(zlib.crc32(data), crc, `CRC of ${name}`);
    files.set(name, data);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

describe('The Teams app package', () => {
  const source: Json = JSON.parse(readSource('manifest.json'));
  const rendered = renderPackage(SAMPLE);
  const manifest: Json = rendered.manifest;
  const localization: Json = rendered.localization;

  describe('manifest.json keeps deploy-time values as placeholders', () => {
    it('uses schema and manifest version 1.22', () => {
      assert.equal(
        source.$schema,
        'https://developer.microsoft.com/en-us/json-schemas/teams/v1.22/MicrosoftTeams.schema.json',
      );
      assert.equal(source.manifestVersion, '1.22');
    });

    it('uses exactly the BOT_ID, TAB_HOST and AAD_APP_CLIENT_ID placeholders', () => {
      const used = new Set([...readSource('manifest.json').matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]));
      assert.deepEqual([...used].sort(), ['AAD_APP_CLIENT_ID', 'BOT_ID', 'TAB_HOST']);
    });

    it('leaves no placeholder behind once sample values are filled in', () => {
      const text = rendered.files.get('manifest.json')!.toString('utf8');
      assert.doesNotMatch(text, /\$\{\{/);
      assert.equal(manifest.bots[0].botId, SAMPLE.BOT_ID);
      assert.deepEqual(manifest.validDomains, [SAMPLE.TAB_HOST]);
      assert.deepEqual(manifest.webApplicationInfo, {
        id: SAMPLE.AAD_APP_CLIENT_ID,
        resource: `api://${SAMPLE.TAB_HOST}/${SAMPLE.AAD_APP_CLIENT_ID}`,
      });
    });
  });

  describe('filled in, it passes the official schemas offline', () => {
    it('finds both schemas bundled in @microsoft/app-manifest, so no network is needed', () => {
      for (const doc of [manifest, localization]) {
        const file = bundledSchemaPath(doc.$schema);
        assert.ok(file && fs.existsSync(file), `bundled schema for ${doc.$schema}`);
      }
    });

    it('has zero errors against the v1.22 manifest schema', async () => {
      assert.deepEqual(await validateManifest(manifest), []);
    });

    it('still reports errors for a broken manifest, so the check is real', async () => {
      const broken = structuredClone(manifest);
      delete broken.bots[0].botId;
      broken.accentColor = 'green';
      const errors = await validateManifest(broken);
      assert.ok(
        errors.some((e) => e.includes('botId')),
        errors.join('\n'),
      );
      assert.ok(
        errors.some((e) => e.startsWith('/accentColor')),
        errors.join('\n'),
      );
    });

    it('has zero errors in en-us.json against the v1.22 localization schema', async () => {
      assert.equal(
        localization.$schema,
        'https://developer.microsoft.com/en-us/json-schemas/teams/v1.22/MicrosoftTeams.Localization.schema.json',
      );
      assert.deepEqual(await validateLocalization(localization), []);
    });

    it('rejects a localization key the schema does not define', async () => {
      const errors = await validateLocalization({ ...localization, 'bots[0].nonsense': 'x' });
      assert.ok(errors.length > 0);
    });
  });

  describe('it speaks Dutch first and English second', () => {
    it('declares nl-nl as default language and en-us in en-us.json', () => {
      assert.deepEqual(manifest.localizationInfo, {
        defaultLanguageTag: 'nl-nl',
        additionalLanguages: [{ languageTag: 'en-us', file: 'en-us.json' }],
      });
      assert.ok(fs.existsSync(path.join(MANIFEST_DIR, 'en-us.json')));
    });

    it('has Dutch names and descriptions in the manifest', () => {
      assert.equal(manifest.developer.name, 'Digivaardig');
      assert.equal(manifest.name.short, 'Digivaardig');
      assert.match(manifest.name.full, /digitale vaardigheden/);
      assert.match(manifest.description.short, /digicoach/);
      assert.match(manifest.description.full, /zelfscan/);
    });

    it('only translates things that exist in the manifest', () => {
      for (const key of Object.keys(localization)) {
        if (key === '$schema') continue;
        const original = resolveKey(manifest, key);
        assert.equal(typeof original, 'string', `${key} translates a string in the manifest`);
        assert.notEqual(localization[key], '', `${key} is not empty`);
      }
    });

    it('translates every command and every named tab', () => {
      manifest.bots[0].commandLists[0].commands.forEach((_: unknown, i: number) => {
        assert.ok(`bots[0].commandLists[0].commands[${i}].title` in localization, `title of command ${i}`);
        assert.ok(`bots[0].commandLists[0].commands[${i}].description` in localization, `description of command ${i}`);
      });
      manifest.staticTabs.forEach((tab: Json, i: number) => {
        if (tab.name) assert.ok(`staticTabs[${i}].name` in localization, `name of tab ${tab.entityId}`);
      });
      assert.equal(localization['name.short'], 'Digivaardig');
    });
  });

  describe('the bot offers its ten commands', () => {
    const commandList = manifest.bots[0].commandLists;

    it('is a conversational bot in personal and team scope, without files', () => {
      assert.deepEqual(manifest.bots[0].scopes, ['personal', 'team']);
      assert.equal(manifest.bots[0].supportsFiles, false);
      assert.notEqual(manifest.bots[0].isNotificationOnly, true);
    });

    it('lists the ten Dutch commands in the personal menu, the limit of 10', () => {
      assert.equal(commandList.length, 1);
      assert.deepEqual(commandList[0].scopes, ['personal']);
      assert.ok(commandList[0].commands.length <= 10);
      assert.deepEqual(
        commandList[0].commands.map((c: Json) => c.title),
        TEN_COMMANDS_NL,
      );
      for (const c of commandList[0].commands) assert.ok(c.description.length > 0, `${c.title} has a description`);
    });

    it('matches the shared command list in both languages', () => {
      assert.deepEqual(
        commandList[0].commands,
        BOT_COMMANDS.map((c) => c.nl),
      );
      BOT_COMMANDS.forEach((c, i) => {
        assert.equal(localization[`bots[0].commandLists[0].commands[${i}].title`], c.en.title);
        assert.equal(localization[`bots[0].commandLists[0].commands[${i}].description`], c.en.description);
      });
    });

    it('uses only words the bot understands, in both languages', () => {
      for (const c of BOT_COMMANDS) {
        assert.equal(parseCommand(c.nl.title), c.id, `"${c.nl.title}"`);
        assert.equal(parseCommand(c.en.title), c.id, `"${c.en.title}"`);
      }
    });
  });

  describe('the message extension searches the knowledge base', () => {
    it('has one bot-based query command on the same bot, searching from the compose box', () => {
      assert.equal(manifest.composeExtensions.length, 1);
      const extension = manifest.composeExtensions[0];
      assert.equal(extension.botId, SAMPLE.BOT_ID);
      assert.deepEqual(
        extension.commands.map((c: Json) => [c.id, c.type, c.initialRun]),
        [['searchKnowledge', 'query', true]],
      );
      assert.deepEqual(
        extension.commands[0].parameters.map((p: Json) => p.name),
        ['query'],
        'the bot reads the parameter named "query"',
      );
    });

    it('is translated: title, description and the search field', () => {
      for (const key of ['title', 'description', 'parameters[0].title', 'parameters[0].description'])
        assert.ok(`composeExtensions[0].commands[0].${key}` in localization, key);
      assert.equal(localization['composeExtensions[0].commands[0].title'], 'Knowledge base');
    });
  });

  describe('the tabs point at the deployment', () => {
    it('pins the chat and the personal tabs "Mijn voortgang", "Dashboard" and "Mijn gegevens"', () => {
      const tabs = manifest.staticTabs;
      const byId = new Map<string, Json>(tabs.map((t: Json) => [t.entityId, t]));
      assert.ok(byId.has('conversations'), 'the bot chat tab');
      assert.equal(byId.get('mijn-voortgang').name, 'Mijn voortgang');
      assert.equal(byId.get('mijn-voortgang').contentUrl, 'https://digivaardig.example.org/tab/#progress');
      assert.equal(byId.get('dashboard').name, 'Dashboard');
      assert.equal(byId.get('dashboard').contentUrl, 'https://digivaardig.example.org/tab/#team');
      assert.equal(byId.get('mijn-gegevens').name, 'Mijn gegevens');
      assert.equal(byId.get('mijn-gegevens').contentUrl, 'https://digivaardig.example.org/tab/#my-data');
      for (const t of tabs) assert.deepEqual(t.scopes, ['personal']);
    });

    it('offers a configurable tab for teams', () => {
      assert.equal(manifest.configurableTabs.length, 1);
      assert.equal(manifest.configurableTabs[0].configurationUrl, 'https://digivaardig.example.org/tab/config.html');
      assert.deepEqual(manifest.configurableTabs[0].scopes, ['team']);
    });

    it('asks for identity and team messaging permissions', () => {
      assert.deepEqual(manifest.permissions, ['identity', 'messageTeamMembers']);
    });
  });

  describe('the icons are real PNGs of the right size', () => {
    const color = readPng(fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')));
    const outline = readPng(fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')));

    it('has a 192×192 RGBA colour icon', () => {
      assert.deepEqual([color.width, color.height, color.bitDepth, color.colorType], [192, 192, 8, 6]);
    });

    it('has a 32×32 RGBA outline icon', () => {
      assert.deepEqual([outline.width, outline.height, outline.bitDepth, outline.colorType], [32, 32, 8, 6]);
    });

    it('fills the colour icon with the accent colour and a white mark', () => {
      const hex = (i: number): string =>
        '#' +
        [0, 1, 2]
          .map((c) => color.rgba[i + c].toString(16).padStart(2, '0'))
          .join('')
          .toUpperCase();
      const pixels = color.width * color.height;
      let accent = 0;
      let white = 0;
      for (let i = 0; i < pixels * 4; i += 4) {
        if (color.rgba[i + 3] !== 255) continue;
        if (hex(i) === ACCENT_COLOR.toUpperCase()) accent++;
        if (hex(i) === '#FFFFFF') white++;
      }
      assert.equal(manifest.accentColor.toUpperCase(), ACCENT_COLOR.toUpperCase());
      assert.ok(accent > pixels / 2, 'mostly accent colour');
      assert.ok(white > pixels / 50, 'a visible white mark');
    });

    it('draws the outline icon white on transparent', () => {
      let opaque = 0;
      let transparent = 0;
      for (let i = 0; i < outline.rgba.length; i += 4) {
        const alpha = outline.rgba[i + 3];
        if (alpha > 0) {
          assert.deepEqual([...outline.rgba.subarray(i, i + 3)], [255, 255, 255], 'only white pixels');
          opaque++;
        } else {
          transparent++;
        }
      }
      assert.ok(opaque > 50 && transparent > 400, `${opaque} drawn, ${transparent} transparent`);
    });

    it('are the ones make-icons.ts draws today', () => {
      assert.ok(fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')).equals(encodePng(renderColorIcon())));
      assert.ok(fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')).equals(encodePng(renderOutlineIcon())));
    });
  });

  describe('the packaging script', () => {
    let tmp: string;
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'digivaardig-manifest-'));
    });
    afterEach(() => {
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    const ENV = {
      BOT_APP_ID: SAMPLE.BOT_ID,
      PUBLIC_BASE_URL: `https://${SAMPLE.TAB_HOST}`,
      AAD_APP_CLIENT_ID: SAMPLE.AAD_APP_CLIENT_ID,
    };

    it("reads the server's own variables: BOT_APP_ID, the host of PUBLIC_BASE_URL, AAD_APP_CLIENT_ID", () => {
      const { values, standIns } = readPackageValues({ ...ENV, PUBLIC_BASE_URL: 'https://Digivaardig.Example.org/' });
      assert.deepEqual(values, SAMPLE);
      assert.deepEqual(standIns, []);
    });

    it('in production, names every missing environment variable at once', () => {
      assert.throws(
        () => readPackageValues({}, 'production'),
        (error: unknown) =>
          error instanceof PackageConfigError && /BOT_APP_ID, PUBLIC_BASE_URL, AAD_APP_CLIENT_ID/.test(error.message),
      );
    });

    it('in development, fills what is missing with placeholders and says which', async () => {
      const { values, standIns } = readPackageValues({ AAD_APP_CLIENT_ID: SAMPLE.AAD_APP_CLIENT_ID }, 'development');
      assert.deepEqual(standIns, ['BOT_ID', 'TAB_HOST']);
      assert.equal(values.BOT_ID, DEVELOPMENT_PLACEHOLDERS.BOT_ID);
      assert.equal(values.TAB_HOST, DEVELOPMENT_PLACEHOLDERS.TAB_HOST);
      assert.equal(values.AAD_APP_CLIENT_ID, SAMPLE.AAD_APP_CLIENT_ID);
      const result = await buildPackage(values, path.join(tmp, 'dev.zip'));
      assert.deepEqual(
        [...result.manifestErrors, ...result.localizationErrors],
        [],
        'the development package is valid too',
      );
    });

    it('still refuses malformed values in development, saying what each id is', () => {
      assert.throws(
        () => readPackageValues({ BOT_APP_ID: 'bot' }, 'development'),
        /BOT_APP_ID must be a GUID \(the bot's Entra app id/,
      );
      assert.throws(
        () => readPackageValues({ TEAMS_APP_ID: 'zzz' }, 'development'),
        /TEAMS_APP_ID must be a GUID \(the Teams app id of this environment\)/,
      );
    });

    it('is production with --production or NODE_ENV=production, development otherwise', () => {
      assert.equal(packageMode(['--production'], {}), 'production');
      assert.equal(packageMode([], { NODE_ENV: 'production' }), 'production');
      assert.equal(packageMode([], {}), 'development');
    });

    it('rejects a client id that is not a GUID and a base URL that is not bare https', () => {
      for (const url of [
        'http://digivaardig.example.org',
        'https://digivaardig.example.org:8443',
        'https://digivaardig.example.org/tab',
        'digivaardig.example.org',
      ]) {
        assert.throws(
          () => readPackageValues({ ...ENV, BOT_APP_ID: 'bot', PUBLIC_BASE_URL: url }),
          (error: unknown) =>
            error instanceof PackageConfigError &&
            error.problems.length === 2 &&
            /BOT_APP_ID must be a GUID/.test(error.message) &&
            /PUBLIC_BASE_URL must be/.test(error.message),
          url,
        );
      }
    });

    it('accepts valid values, and an optional TEAMS_APP_ID for another environment', () => {
      const { values } = readPackageValues({ ...ENV, TEAMS_APP_ID: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE' });
      assert.equal(values.TAB_HOST, SAMPLE.TAB_HOST);
      assert.equal(renderPackage(values).manifest.id, 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
      assert.equal(renderPackage(SAMPLE).manifest.id, source.id);
    });

    it('refuses to leave a placeholder it has no value for', () => {
      assert.throws(() => substitutePlaceholders('${{BOT_ID}} ${{OTHER}}', { BOT_ID: 'x' }), /OTHER/);
    });

    it('writes a zip that reads back with the four files', async () => {
      const output = path.join(tmp, 'digivaardig.zip');
      const result = await buildPackage(SAMPLE, output);
      assert.deepEqual(result.manifestErrors, []);
      assert.deepEqual(result.localizationErrors, []);

      const files = readZip(fs.readFileSync(output));
      assert.deepEqual([...files.keys()].sort(), [...PACKAGE_FILES].sort());
      for (const name of PACKAGE_FILES) {
        assert.ok(files.get(name)!.equals(rendered.files.get(name)!), `${name} round-trips`);
      }
      const zipped = JSON.parse(files.get('manifest.json')!.toString('utf8'));
      assert.equal(zipped.bots[0].botId, SAMPLE.BOT_ID);
      assert.equal(readPng(files.get('color.png')!).width, 192);
    });

    it('writes no zip when the manifest is invalid', async () => {
      const dir = path.join(tmp, 'src');
      fs.mkdirSync(dir);
      for (const name of PACKAGE_FILES) fs.copyFileSync(path.join(MANIFEST_DIR, name), path.join(dir, name));
      const broken = JSON.parse(readSource('manifest.json'));
      broken.accentColor = 'green';
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(broken));
      const output = path.join(tmp, 'out.zip');
      const result = await buildPackage(SAMPLE, output, dir);
      assert.ok(result.manifestErrors.length > 0);
      assert.equal(fs.existsSync(output), false);
    });

    it('npm run package writes a zip that validates offline: manifest, every localization file, icon sizes', async function () {
      this.timeout(60_000);
      const output = path.join(tmp, 'from-script.zip');
      const stdout = execFileSync(
        process.execPath,
        [require.resolve('tsx/cli'), path.join(MANIFEST_DIR, 'package.ts'), '--production', `--out=${output}`],
        {
          env: { PATH: process.env.PATH, ...ENV, TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555' },
          encoding: 'utf8',
        },
      );
      assert.match(stdout, /valid against the v1\.22 schemas/);
      const files = readZip(fs.readFileSync(output));
      const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
      assert.deepEqual(await validateManifest(manifest), []);
      assert.equal(manifest.id, '11111111-2222-4333-8444-555555555555');
      assert.equal(manifest.bots[0].botId, SAMPLE.BOT_ID);
      assert.deepEqual(manifest.validDomains, [SAMPLE.TAB_HOST]);
      const languages = manifest.localizationInfo.additionalLanguages as Array<{ languageTag: string; file: string }>;
      assert.ok(languages.length > 0);
      for (const { file } of languages) {
        assert.ok(files.has(file), `${file} is in the zip`);
        assert.deepEqual(await validateLocalization(JSON.parse(files.get(file)!.toString('utf8'))), [], file);
      }
      const color = readPng(files.get(manifest.icons.color)!);
      const outline = readPng(files.get(manifest.icons.outline)!);
      assert.deepEqual([color.width, color.height, outline.width, outline.height], [192, 192, 32, 32]);
    });

    it('npm run package --production refuses to build without the deployment values', () => {
      const output = path.join(tmp, 'none.zip');
      assert.throws(
        () =>
          execFileSync(
            process.execPath,
            [require.resolve('tsx/cli'), path.join(MANIFEST_DIR, 'package.ts'), '--production', `--out=${output}`],
            { env: { PATH: process.env.PATH }, stdio: 'pipe' },
          ),
        (error: { status?: number; stderr?: Buffer }) =>
          error.status === 1 && /BOT_APP_ID, PUBLIC_BASE_URL, AAD_APP_CLIENT_ID/.test(String(error.stderr)),
      );
      assert.equal(fs.existsSync(output), false);
    });

    it('builds the same bytes every time', async () => {
      const a = path.join(tmp, 'a.zip');
      const b = path.join(tmp, 'b.zip');
      await buildPackage(SAMPLE, a);
      await buildPackage(SAMPLE, b);
      assert.ok(fs.readFileSync(a).equals(fs.readFileSync(b)));
    });
  });
});
