import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadInstrumentLibrary } from './load-library.js';

const content = fileURLToPath(new URL('../../../../content', import.meta.url));
let scratch: string | undefined;
afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

async function copyOf(...ids: string[]): Promise<string> {
  scratch = await mkdtemp(join(tmpdir(), 'rapport-instruments-'));
  for (const id of ids) {
    await cp(join(content, 'instruments', id), join(scratch, 'instruments', id), { recursive: true });
  }
  return scratch;
}

describe('loadInstrumentLibrary', () => {
  it('loads the shipped library with each licence file', async () => {
    const library = await loadInstrumentLibrary(content);
    if (!library.ok) throw new Error(JSON.stringify(library.error.problems));
    expect(library.value.map((e) => e.definition.id)).toEqual(
      expect.arrayContaining(['core-10', 'gad-7', 'phq-9', 'yp-core', 'rapport-relationship-check']),
    );
    expect(library.value.find((e) => e.definition.id === 'core-10')?.licenceText).toContain('© CORE System Trust');
  });

  it('refuses a definition without its licence file, naming the path', async () => {
    const dir = await copyOf('phq-9', 'gad-7');
    await rm(join(dir, 'instruments', 'gad-7', 'LICENCE.md'));
    const library = await loadInstrumentLibrary(dir);
    expect(library.ok ? [] : library.error.problems.map((p) => p.path)).toEqual(['instruments/gad-7/LICENCE.md']);
  });

  it('refuses a licence file that leaves out the copyright line', async () => {
    const dir = await copyOf('core-10');
    await writeFile(join(dir, 'instruments', 'core-10', 'LICENCE.md'), '# CORE-10\n\nCC BY-NC-ND 4.0\n');
    const library = await loadInstrumentLibrary(dir);
    expect(library.ok ? [] : library.error.problems.map((p) => p.path)).toEqual(['instruments/core-10/LICENCE.md']);
  });

  it('refuses an invalid definition with the file and JSON path', async () => {
    const dir = await copyOf('phq-9');
    await writeFile(join(dir, 'instruments', 'phq-9', 'instrument.json'), JSON.stringify({ id: 'phq-9' }));
    const library = await loadInstrumentLibrary(dir);
    expect(library.ok ? [] : library.error.problems[0]?.path).toBe('instruments/phq-9/instrument.json $.version');
  });
});
