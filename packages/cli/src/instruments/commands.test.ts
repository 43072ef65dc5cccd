import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { exportInstruments, importInstrument, listInstruments, type Output } from './commands.js';
import { registerInstrumentsCommands } from './register.js';

const content = fileURLToPath(new URL('../../../../content', import.meta.url));
let scratch: string | undefined;
afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

describe('rapport instruments', () => {
  it('registers list, export and import', () => {
    const program = new Command();
    registerInstrumentsCommands(program);
    const instruments = program.commands.find((c) => c.name() === 'instruments');
    expect(instruments?.commands.map((c) => c.name())).toEqual(['list', 'export', 'import']);
  });

  it('list shows each instrument with its licence and marks our own measures as not validated', async () => {
    const io = capture();
    expect(await listInstruments(content, io)).toBe(0);
    expect(io.lines.find((l) => l.startsWith('core-10\t'))).toContain('CC-BY-NC-ND-4.0');
    expect(io.lines.find((l) => l.startsWith('yp-core\t'))).toContain('wording import-only');
    expect(io.lines.find((l) => l.startsWith('rapport-relationship-check\t'))).toContain(
      'Rapport measure — not validated',
    );
  });

  it('export --format fhir writes one <id>.json per instrument', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'rapport-export-'));
    const io = capture();
    expect(await exportInstruments(content, 'fhir', scratch, io)).toBe(0);
    const files = await readdir(scratch);
    expect(files).toEqual(expect.arrayContaining(['phq-9.json', 'gad-7.json', 'core-10.json', 'yp-core.json']));
    expect(files).toContain('rapport-relationship-check-therapist.json');
    const phq9 = JSON.parse(await readFile(join(scratch, 'phq-9.json'), 'utf8')) as {
      resourceType: string;
      copyright: string;
    };
    expect(phq9.resourceType).toBe('Questionnaire');
    expect(phq9.copyright).toContain('Pfizer');
  });

  it('export refuses an unknown format', async () => {
    const io = capture();
    expect(await exportInstruments(content, 'csv', '/nonexistent', io)).toBe(2);
    expect(io.errors).toEqual(['--format: "csv" is not supported; use "fhir".']);
  });

  it('import validates an exported Questionnaire and prints what would be scored and how', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'rapport-import-'));
    await exportInstruments(content, 'fhir', scratch, capture());
    const io = capture();
    expect(await importInstrument(join(scratch, 'core-10.json'), {}, io)).toBe(0);
    expect(io.lines).toContain('  Total: sum of 10 items (item-1 … item-10), range 0–40.');
    expect(io.lines).toContain('  Missing items: up to 1 prorated; more leaves a draft.');
  });

  it('import exits 2 with the exact path of each problem', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'rapport-import-'));
    const file = join(scratch, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({ resourceType: 'Questionnaire', status: 'active', item: [{ linkId: 'q1', type: 'choice' }] }),
    );
    const io = capture();
    expect(await importInstrument(file, {}, io)).toBe(2);
    expect(io.errors).toContain('  Questionnaire.item[0].text: must be a non-empty string.');
    expect(io.errors).toContain(
      '  companion: scoring rules are missing: supply the companion JSON or the Rapport scoring extension.',
    );
  });

  it('imports an SRS-shaped Questionnaire (placeholder text) with its companion only under a recorded local licence', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'rapport-srs-'));
    const scale = (linkId: string): object => ({
      linkId,
      type: 'decimal',
      required: true,
      text: `<licensed text for ${linkId}>`,
      extension: [
        { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueDecimal: 0 },
        { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueDecimal: 10 },
      ],
    });
    const ids = ['relationship', 'goals', 'approach', 'overall'];
    const questionnaire = {
      resourceType: 'Questionnaire',
      status: 'active',
      title: 'Session Rating Scale',
      item: ids.map(scale),
    };
    const companion = {
      format: 'rapport-scoring',
      formatVersion: 1,
      id: 'srs',
      version: 1,
      shortTitle: 'SRS',
      purpose: 'Session-level alliance at the end of every session.',
      audience: 'adult',
      provenance: { kind: 'published', citations: ['Duncan BL et al. (2003). Journal of Brief Therapy 3(1), 3–12.'] },
      licence: {
        text: '<terms of the practice licence>',
        copyright: '<copyright line>',
        mayShipText: false,
        mayModify: false,
      },
      scoring: {
        kind: 'total',
        method: 'sum',
        items: ids,
        reverse: [],
        missing: { kind: 'none-allowed' },
        subscales: [],
      },
      interpretation: {
        kind: 'published',
        direction: 'higher-is-better',
        bands: [],
        cutOffs: [
          {
            id: 'alliance-concern',
            label: 'Discuss',
            value: 36,
            clinicalWhen: 'below',
            population: {},
            source: 'Miller & Duncan',
          },
        ],
        reliableChange: [],
      },
      flags: [],
    };
    await writeFile(join(scratch, 'srs.json'), JSON.stringify(questionnaire));
    await writeFile(join(scratch, 'srs.companion.json'), JSON.stringify(companion));
    const refused = capture();
    expect(
      await importInstrument(join(scratch, 'srs.json'), { companion: join(scratch, 'srs.companion.json') }, refused),
    ).toBe(2);
    expect(refused.errors.join('\n')).toContain(
      'Questionnaire.item: the licence does not allow this wording to be redistributed',
    );
    const io = capture();
    const opts = {
      companion: join(scratch, 'srs.companion.json'),
      holder: 'Example Practice',
      evidence: 'PCOMS group licence 42',
      by: 'lead',
    };
    expect(await importInstrument(join(scratch, 'srs.json'), opts, io)).toBe(0);
    expect(io.lines).toContain('  Cut-off Discuss: < 36 (Miller & Duncan).');
    expect(io.lines).toContain('  Local licence held by Example Practice; imported by lead.');
  });
});
