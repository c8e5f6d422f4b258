import assert from 'node:assert/strict';
import path from 'node:path';
import type { AdminAuditEntry } from '../../../bot/domain/audit';
import type { Vocabulary } from '../../../bot/domain/catalogue/catalogue-rows';
import { CatalogueService } from '../../../bot/domain/catalogue/catalogue-service';
import { adviseTraining } from '../../../bot/domain/scan/advice';
import { ContentIndex, type Level } from '../../../bot/domain/scan/content';
import { readScanSeeds } from '../../../bot/domain/scan/load-content';
import { FakeClock } from '../../fakes/fake-clock';
import { MemoryCatalogueRepository } from '../../fakes/memory-catalogue';
import { tenantOnlyDirectory } from '../../fakes/tenant-directory';
import { catalogueCsv, catalogueRows, CSV_HEADER } from '../../helpers/catalogue-csv';
import { testNow } from '../../helpers/clock';

const index = new ContentIndex(readScanSeeds(path.join(__dirname, '..', '..', '..', 'seeds', 'scan')));
const TENANT = 'tenant-wk';
const STARTER: Level = 1;
const admin = { tenantId: TENANT, userId: 'admin-1' };
const vocabulary = (): Vocabulary => ({
  domains: index.content.domains.map((d) => ({ id: d.id, names: [d.name.nl, d.name.en] })),
  levels: index.content.levels.map((l) => ({ level: l.level, names: [l.name.nl, l.name.en] })),
  profiles: index.content.profiles.map((p) => p.id),
});

describe('a municipality’s learning catalogue', () => {
  let repo: MemoryCatalogueRepository;
  let audit: AdminAuditEntry[];
  let service: CatalogueService;

  beforeEach(() => {
    repo = new MemoryCatalogueRepository();
    audit = [];
    service = new CatalogueService({
      repo,
      template: () => index.content.modules,
      vocabulary,
      directory: tenantOnlyDirectory({ tenantId: TENANT, programmeAdmins: [admin.userId] }),
      audit: { record: async (e) => void audit.push(e) },
      clock: new FakeClock(testNow()),
    });
  });

  it('starts from the marked template, whose modules link nowhere', async () => {
    const view = await service.adminView(admin);
    assert.equal(view.source, 'template');
    assert.equal(view.modules.length, index.content.modules.length);
    assert.ok(view.modules.every((m) => !m.link));
    assert.equal((await service.modulesFor(TENANT)).length, index.content.modules.length);
  });

  it('reports every problem of every row in a dry run, with the line in the file, and changes nothing', async () => {
    const good = catalogueRows(3);
    const csv = catalogueCsv([
      ...good,
      'wk-bad;;;;https://leren.digivaardig.example/x;kwartier;podcast;fr;astrologie;7;astronaut',
      good[0],
      'wk-link;Titel;;;ftp://intranet;10;video;nl;safety;Basis;',
    ]);
    const report = await service.dryRun(admin, { kind: 'csv', text: csv, retireMissing: false });
    const at = (row: number) => report.problems.filter((p) => p.row === row).map((p) => `${p.field}:${p.code}`);
    assert.equal(report.rows, 6);
    assert.equal(report.valid, 3, 'only the rows without any problem');
    assert.deepEqual(at(5).sort(), [
      'domain:unknown-domain',
      'duration:not-a-number',
      'format:unknown-format',
      'languages:unknown-language',
      'levels:unknown-level',
      'link:placeholder-link',
      'profiles:unknown-profile',
      'title_nl:required',
    ]);
    assert.deepEqual(at(6), ['id:duplicate-id']);
    assert.deepEqual(at(7), ['link:bad-link']);
    assert.equal(report.applied, false);
    assert.equal(repo.writes, 0, 'a dry run writes nothing');
    await assert.rejects(
      service.import(admin, { kind: 'csv', text: csv, retireMissing: false }, report.version).then((r) => {
        assert.equal(r.applied, false, 'a file with problems is not imported');
        throw new Error('refused');
      }),
      /refused/,
    );
    assert.equal(repo.writes, 0);
  });

  it('reads comma-separated files and JSON (flat or nested) the same way', async () => {
    const comma = [
      'id,title_nl,duration,format,language,domain,levels',
      'c-1,Veilig mailen,20,video,nl,safety,"2,3"',
    ].join('\n');
    const fromComma = await service.dryRun(admin, { kind: 'csv', text: comma, retireMissing: false });
    assert.deepEqual(fromComma.problems, []);
    assert.equal(fromComma.added, 1);
    const json = JSON.stringify([
      {
        id: 'j-1',
        title: { nl: 'Teams-basis', en: 'Teams basics' },
        durationMinutes: 15,
        format: 'e-learning',
        languages: ['nl', 'en'],
        domain: 'communication',
        levels: [1],
      },
      { id: 'j-2', title_nl: 'Zonder vorm', duration: 10, domain: 'safety', levels: '1' },
    ]);
    const fromJson = await service.dryRun(admin, { kind: 'json', text: json, retireMissing: false });
    assert.deepEqual(
      fromJson.problems.map((p) => [p.row, p.field, p.code]),
      [[2, 'format', 'required']],
    );
    const broken = await service.dryRun(admin, { kind: 'json', text: '{ not json', retireMissing: false });
    assert.deepEqual(
      broken.problems.map((p) => p.code),
      ['bad-file'],
    );
  });

  it('imports a fixed file onto the version the dry run saw; the advice then comes from it, level-1 first for a Starter', async () => {
    const csv = catalogueCsv(catalogueRows(100));
    const dry = await service.dryRun(admin, { kind: 'csv', text: csv, retireMissing: true });
    assert.deepEqual(dry.problems, []);
    assert.equal(dry.added, 100);
    assert.equal(dry.retired, index.content.modules.length, 'the template is retired: the file is the whole offer');
    const done = await service.import(admin, { kind: 'csv', text: csv, retireMissing: true }, dry.version);
    assert.equal(done.applied, true);
    const active = await service.modulesFor(TENANT);
    assert.equal(active.length, 100);
    assert.ok(active.every((m) => m.id.startsWith('wk-')));
    // Older advice still finds the template modules it named.
    assert.equal((await service.byIds(TENANT, [index.content.modules[0].id])).length, 1);

    const profile = index.profilesById.get('buitendienst')!;
    const starter = Object.fromEntries(Object.keys(profile.targets).map((d) => [d, STARTER]));
    const advice = adviseTraining(active, starter, profile.targets, 'nl', profile.id);
    assert.ok(advice.modules.length > 0);
    assert.ok(advice.modules.every((m) => m.id.startsWith('wk-')));
    for (const domain of advice.focusDomains)
      assert.deepEqual(
        advice.modules.find((m) => m.domain === domain)?.levels,
        [1],
        `${domain} starts with its basics`,
      );
    assert.equal(audit.filter((e) => e.action === 'catalogue.imported').length, 1);

    // A second import on the old version is refused: someone changed the catalogue in between.
    await assert.rejects(
      service.import(admin, { kind: 'csv', text: csv, retireMissing: true }, dry.version),
      (err: { status?: number }) => err.status === 412,
    );
    const again = await service.dryRun(admin, { kind: 'csv', text: csv, retireMissing: true });
    assert.equal(again.unchanged, 100);
    assert.equal(again.retired, 0);
  });

  it('adds, edits and retires single modules with the version the admin saw, and logs each change', async () => {
    const added = await service.add(admin, {
      id: 'wk-teams',
      title_nl: 'Teams',
      duration: '15',
      format: 'video',
      domain: 'communication',
      levels: '1',
    });
    assert.deepEqual(added.problems, []);
    const view = await service.adminView(admin);
    assert.equal(view.source, 'tenant');
    const mine = view.modules.find((m) => m.id === 'wk-teams')!;
    const edited = await service.edit(
      admin,
      'wk-teams',
      {
        title_nl: 'Teams, de basis',
        duration: '20',
        format: 'video',
        domain: 'communication',
        levels: '1,2',
        link: 'https://leren.westerkwartier.nl/teams',
      },
      mine.version,
    );
    assert.deepEqual(edited.problems, []);
    await assert.rejects(
      service.edit(
        admin,
        'wk-teams',
        { title_nl: 'Oud', duration: '5', format: 'video', domain: 'communication', levels: '1' },
        mine.version,
      ),
      (err: { status?: number }) => err.status === 412,
    );
    const bad = await service.edit(
      admin,
      'wk-teams',
      {
        title_nl: 'X',
        duration: '5',
        format: 'video',
        domain: 'communication',
        levels: '1',
        link: 'https://leren.test/x',
      },
      edited.version,
    );
    assert.deepEqual(
      bad.problems.map((p) => p.code),
      ['placeholder-link'],
    );
    await service.setStatus(admin, 'wk-teams', 'retired', edited.version);
    assert.ok(!(await service.modulesFor(TENANT)).some((m) => m.id === 'wk-teams'));
    assert.deepEqual(
      audit.map((e) => e.action),
      ['catalogue.module.added', 'catalogue.module.updated', 'catalogue.module.retired'],
    );
    assert.ok(audit.every((e) => e.actorId === admin.userId && e.tenantId === TENANT));
  });

  it('lets only programme admins change it', async () => {
    const colleague = { tenantId: TENANT, userId: 'someone' };
    await assert.rejects(service.adminView(colleague), (err: { status?: number }) => err.status === 403);
    await assert.rejects(
      service.dryRun(colleague, { kind: 'csv', text: CSV_HEADER, retireMissing: false }),
      (err: { status?: number }) => err.status === 403,
    );
  });
});
