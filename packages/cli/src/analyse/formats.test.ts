import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { runAnalyseArgv } from './direct.js';
import { parseAnalyseArgv, reliableChangeSpec, suddenGainsSpec } from './options.js';
import { PROGRESS_THRESHOLD } from './progress.js';
import { runReliableChange } from './reliable-change-command.js';
import { runSuddenGains, type SuddenGainsArgs } from './sudden-gains-command.js';
import { csvRows, fixture, memoryIo, type MemoryIo } from './testing.js';

/** sgdata's id and sessions 1–12, one row per person. */
function sgdataWide(): string {
  const [header = [], ...rows] = csvRows(fixture('sgdata.csv'));
  const keep = [0, ...Array.from({ length: 12 }, (_, s) => header.indexOf(`bdi_s${s + 1}`))];
  return `${[header, ...rows].map((r) => keep.map((c) => r[c] ?? '').join(',')).join('\n')}\n`;
}

/**
 * The same as long data: one row per person and session, rows in reverse order (so sessions
 * must be ordered by the time column, not by position), and every other missing score left
 * out as a row rather than written NA (both mean missing).
 */
function sgdataLong(): string {
  const out: string[] = [];
  for (const row of csvRows(sgdataWide()).slice(1)) {
    for (let s = 1; s <= 12; s++) {
      const score = row[s] ?? '';
      if (score !== 'NA' || s % 2 === 1) out.push(`${row[0] ?? ''},${s},${score}`);
    }
  }
  return `id,session,bdi\n${out.reverse().join('\n')}\n`;
}

const wide = { input: 'wide.csv', id: 'id', vars: 'bdi_s1:bdi_s12', cutoff: '7', compat: 'suddengains' };
const long = { input: 'long.csv', id: 'id', time: 'session', score: 'bdi', cutoff: '7', compat: 'suddengains' };
const files = (): Record<string, string> => ({ 'wide.csv': sgdataWide(), 'long.csv': sgdataLong() });

/** Runs sudden-gains and returns stdout; the long form names its columns bdi_1 … where the wide has bdi_s1 …. */
function run(args: SuddenGainsArgs): string {
  const io = memoryIo(files());
  expect(runSuddenGains(args, io)).toBe(0);
  expect(io.err).toBe('');
  return io.out.replace(/bdi_s(\d+)/g, 'bdi_$1');
}

describe('analyse sudden-gains on long data (--time, --score)', () => {
  it('gives the same table as the wide form of the same data', () => {
    const out = run(long);
    expect(out).toBe(run(wide));
    const rows = csvRows(out).slice(1);
    expect(rows.flatMap((r) => r.slice(13)).filter((c) => c === '1')).toHaveLength(24);
  });

  it('gives the same gains and people tables', () => {
    expect(run({ ...long, by: 'gain' })).toBe(run({ ...wide, by: 'gain' }));
    expect(run({ ...long, by: 'gain', txStart: '2', txEnd: '12' })).toBe(
      run({ ...wide, by: 'gain', txStart: 'bdi_s2', txEnd: 'bdi_s12' }),
    );
    expect(run({ ...long, by: 'person', select: 'largest' })).toBe(run({ ...wide, by: 'person', select: 'largest' }));
  });

  it('chooses and orders sessions with --vars as time values', () => {
    expect(run({ ...long, vars: '1:12' })).toBe(run(long));
    expect(run({ ...long, vars: '2:12' })).toBe(run({ ...wide, vars: 'bdi_s2:bdi_s12' }));
    expect(run({ ...long, vars: '12,11,10,9,8' })).toBe(
      run({ ...wide, vars: 'bdi_s12,bdi_s11,bdi_s10,bdi_s9,bdi_s8' }),
    );
  });

  it('orders sessions by the numeric value of the time, not as text', () => {
    const io = memoryIo({ 'l.csv': 'id,t,s\n1,10,11\n1,9,12\n1,2,19\n1,1,28\n1,3,23\n' });
    expect(runSuddenGains({ input: 'l.csv', id: 'id', time: 't', score: 's', cutoff: '7' }, io)).toBe(0);
    expect(io.out).toBe('id,s_1,s_2,s_3,s_9,s_10,sg_2to3,sg_3to4\n1,28,19,23,12,11,0,1\n');
  });
});

describe('analyse sudden-gains on long data: bad input (exit code 2, nothing written)', () => {
  const bad = (
    text: string,
    args: SuddenGainsArgs = {},
    base: SuddenGainsArgs = { time: 't', score: 's' },
  ): MemoryIo => {
    const io = memoryIo({ 'l.csv': text });
    expect(runSuddenGains({ input: 'l.csv', id: 'id', cutoff: '7', out: 'out.csv', ...base, ...args }, io)).toBe(2);
    expect(io.written.size).toBe(0);
    expect(io.out).toBe('');
    return io;
  };
  const four = 'id,t,s\n1,1,10\n1,2,9\n1,3,8\n1,4,7\n';

  it('refuses a repeated person and time, naming both lines', () => {
    expect(bad(`${four}1,2,5\n`).err).toContain("Line 6, column 'id': id '1' already has a row for t = 2 (line 3).");
    // The repeat comes first in the file, so it is the problem reported.
    expect(bad(`${four}1,2,5\n1,5,x\n`).err).toContain('Line 6');
    expect(bad(`${four}1,5,x\n1,2,5\n`).err).toContain("Line 6, column 's': 'x' is not a number");
  });

  it('refuses a time that is not a number, or missing', () => {
    expect(bad(`${four}1,five,5\n`).err).toContain("Line 6, column 't': 'five' is not a number");
    expect(bad(`${four}1,NA,5\n`).err).toContain("Line 6, column 't': the time is missing.");
    expect(bad(`${four}1,,5\n`).err).toContain("Line 6, column 't': the time is missing.");
  });

  it('names missing columns and options', () => {
    expect(bad(four, { time: 'session' }).err).toContain("--time: no column 'session'");
    expect(bad(four, { score: 'bdi' }).err).toContain("--score: no column 'bdi'");
    expect(bad(four, {}, { time: 't' }).err).toContain('--time and --score go together');
    expect(bad(four, { time: 'id' }).err).toContain("--time: 'id' is the id column");
    expect(bad(four, { score: 't' }).err).toContain("--score: 't' is the time column");
  });

  it('checks --vars and --tx-end against the times present', () => {
    expect(bad(four, { vars: '1:3' }).err).toContain('at least 4 sessions (times); got 3.');
    expect(bad(four, { vars: '1,2,3,9' }).err).toContain('--vars: no row has t = 9.');
    expect(bad(four, { vars: '1,2,3,x' }).err).toContain("--vars: 'x' is not a time value");
    expect(bad(four, { vars: '1:4,2' }).err).toContain('--vars: t 2 is listed twice.');
    expect(bad(four, { by: 'gain', txEnd: '7' }).err).toContain('--tx-end: no row has t = 7.');
  });
});

describe('the one-pass reader', () => {
  it('hands over to the quote-aware reader at the first quoted cell, with the same results', () => {
    const plain = fixture('sgdata.csv');
    const lines = plain.split('\n');
    // Quote one id half-way down: rows before it were read by the fast path, the rest are not.
    lines[20] = (lines[20] ?? '').replace(/^(\d+),/, '"$1",');
    const args = { ...wide, by: 'gain', txStart: 'bdi_s0', txEnd: 'bdi_fu1' };
    const a = memoryIo({ 'wide.csv': plain });
    const b = memoryIo({ 'wide.csv': lines.join('\n') });
    expect(runSuddenGains(args, a)).toBe(0);
    expect(runSuddenGains(args, b)).toBe(0);
    expect(b.out).toBe(a.out);
  });

  it('reads decimals, signs, exponents and spaces as the quote-aware reader does', () => {
    const row = ' 7 ,28.5, +19,23 ,1.1e1,12,-0';
    const read = (text: string): string => {
      const io = memoryIo({ 'in.csv': text });
      expect(runSuddenGains({ input: 'in.csv', id: 'id', vars: 'a:f', cutoff: '7' }, io)).toBe(0);
      return io.out;
    };
    const fast = read(`id,a,b,c,d,e,f\n${row}\n`);
    expect(fast).toBe('id,a,b,c,d,e,f,sg_2to3,sg_3to4,sg_4to5\n7,28.5,19,23,11,12,0,0,0,0\n');
    expect(read(`id,a,b,c,d,e,f\n"x",1,2,3,4,5,6\n${row}\n`).replace(/\nx,.*/, '')).toBe(fast);
  });
});

describe('analyse reliable-change on wide data (--pre-col, --post-col)', () => {
  /** claus_2020 (long) as one row per person with the HAMD at times 1 and 4. */
  function clausWide(): string {
    const [header = [], ...rows] = csvRows(fixture('data_claus_2020.csv'));
    const at = (name: string): number => header.indexOf(name);
    const people = new Map<string, { pre: string; post: string }>();
    for (const r of rows) {
      const p = people.get(r[0] ?? '') ?? { pre: 'NA', post: 'NA' };
      if (r[at('time')] === '1') p.pre = r[at('hamd')] ?? 'NA';
      if (r[at('time')] === '4') p.post = r[at('hamd')] ?? 'NA';
      people.set(r[0] ?? '', p);
    }
    // Rows in reverse id order: the output is sorted by id either way.
    return `id,hamd_pre,hamd_post\n${[...people]
      .reverse()
      .map(([id, p]) => `${id},${p.pre},${p.post}`)
      .join('\n')}\n`;
  }
  const options = { id: 'id', reliability: '0.8', better: 'lower', cutoff: 'c', mFunctional: '8', sdFunctional: '8' };

  it('gives the same table and summary as the long form', () => {
    const a = memoryIo({ 'l.csv': fixture('data_claus_2020.csv') });
    const b = memoryIo({ 'w.csv': clausWide() });
    expect(runReliableChange({ ...options, input: 'l.csv', time: 'time', pre: '1', post: '4', score: 'hamd' }, a)).toBe(
      0,
    );
    expect(runReliableChange({ ...options, input: 'w.csv', preCol: 'hamd_pre', postCol: 'hamd_post' }, b)).toBe(0);
    expect(b.out).toBe(a.out);
    expect(b.err).toBe(a.err);
    expect(b.err).toContain('40 people analysed, 3 left out');
  });

  it('refuses bad wide input, naming the line and column; nothing written', () => {
    const bad = (text: string, args: Record<string, string>): string => {
      const io = memoryIo({ 'w.csv': text });
      const base = { ...options, input: 'w.csv', preCol: 'a', postCol: 'b', out: 'o.csv' };
      expect(runReliableChange({ ...base, ...args }, io)).toBe(2);
      expect(io.written.size).toBe(0);
      return io.err;
    };
    const ok = 'id,a,b\n1,20,10\n';
    expect(bad('id,a,b\n1,20,x\n', {})).toContain("Line 2, column 'b': 'x' is not a number");
    expect(bad('id,a,b\n1,20,10\n1,21,11\n', {})).toContain("Line 3, column 'id': id '1' already appears on line 2");
    expect(bad(ok, { postCol: 'c' })).toContain("--post-col: no column 'c'");
    expect(bad(ok, { postCol: 'a' })).toContain('--pre-col and --post-col name the same column');
    expect(bad(ok, { time: 't' })).toContain('not both');
    const io = memoryIo({ 'w.csv': ok });
    expect(runReliableChange({ ...options, input: 'w.csv', preCol: 'a' }, io)).toBe(2);
    expect(io.err).toContain('--pre-col and --post-col go together');
  });
});

describe('the command line without commander', () => {
  /** What commander hands the action for the same arguments, built from the same option table. */
  function viaCommander(argv: string[]): Record<string, unknown> {
    const spec = argv[0] === 'sudden-gains' ? suddenGainsSpec : reliableChangeSpec;
    const cmd = new Command(spec.name).exitOverride();
    for (const o of spec.options) cmd.option(o.flags, o.description, o.defaultValue);
    cmd.parse(argv.slice(1), { from: 'user' });
    return { ...cmd.opts() };
  }

  it('reads a plain command line exactly as commander does', () => {
    for (const argv of [
      ['sudden-gains', '--input', 'a.csv', '--id', 'id', '--vars', 'a:d', '--cutoff', '7'],
      ['sudden-gains', '--input=a.csv', '--no-crit3', '--losses', '--pct', 'none', '--format', 'json', '--by', 'gain'],
      [
        'sudden-gains',
        '--no-adjust',
        '--critical-value',
        '3',
        '--first-is-baseline',
        '--tx-start',
        'x',
        '--cutoff',
        '1',
        '--cutoff',
        '2',
      ],
      [
        'reliable-change',
        '--input',
        'a.csv',
        '--pre-col',
        'a',
        '--post-col',
        'b',
        '--m-clinical',
        '3',
        '--sd-clinical',
        '1',
      ],
    ]) {
      expect(parseAnalyseArgv(argv)?.args).toEqual(viaCommander(argv));
    }
  });

  it('leaves help, unknown options, dash values and extra arguments to commander', () => {
    for (const argv of [
      ['sudden-gains', '--help'],
      ['sudden-gains', '-h'],
      ['sudden-gains', '--bogus'],
      ['sudden-gains', '--cutoff', '-7'],
      ['sudden-gains', '--cutoff'],
      ['sudden-gains', 'extra'],
      ['something-else'],
      [],
    ]) {
      expect(parseAnalyseArgv(argv)).toBeNull();
    }
  });

  it('runs the command it names', async () => {
    const io = memoryIo({ 'wide.csv': fixture('sgdata.csv') });
    const argv = ['sudden-gains', '--input', 'wide.csv', '--id', 'id', '--vars', 'bdi_s1:bdi_s12', '--cutoff', '7'];
    expect(await runAnalyseArgv(argv, io)).toBe(0);
    expect(io.out.split('\n')[0]).toContain('sg_10to11');
    expect(await runAnalyseArgv(['sudden-gains', '--help'], io)).toBeNull();
  });
});

describe('progress on stderr', () => {
  it('draws a bar for a long input on a terminal, and clears it', () => {
    const rows = ['id,a,b,c,d'];
    for (let i = 0; rows.length * 12 < PROGRESS_THRESHOLD; i++) rows.push(`${i},20,19,11,10`);
    let t = 0;
    const io = memoryIo({ 'big.csv': rows.join('\n') }, { tty: true, now: () => (t += 50) });
    expect(runSuddenGains({ input: 'big.csv', id: 'id', vars: 'a:d', cutoff: '7', out: 'o.csv' }, io)).toBe(0);
    expect(io.err).toMatch(/^\rReading \[#*\.*\] \d+%/);
    expect(io.err.endsWith('\r')).toBe(true);
    const quiet = memoryIo({ 'big.csv': rows.join('\n') });
    expect(runSuddenGains({ input: 'big.csv', id: 'id', vars: 'a:d', cutoff: '7', out: 'o.csv' }, quiet)).toBe(0);
    expect(quiet.err).toBe('');
  });
});
