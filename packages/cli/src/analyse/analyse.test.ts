import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerAnalyseCommands, runReliableChange, runSuddenGains } from './index.js';
import { measureName } from './sudden-gains-command.js';
import { csvRows, fixture, memoryIo, type MemoryIo } from './testing.js';

const sg = { input: 'sg.csv', id: 'id', vars: 'bdi_s1:bdi_s12', cutoff: '7' };

describe('analyse sudden-gains', () => {
  it('finds 24 gains in 15 people on sgdata with --cutoff 7 --compat suddengains', () => {
    const io = memoryIo({ 'sg.csv': fixture('sgdata.csv') });
    expect(runSuddenGains({ ...sg, compat: 'suddengains', out: 'out.csv' }, io)).toBe(0);
    const [header = [], ...rows] = csvRows(io.written.get('out.csv') ?? '');
    expect(header).toEqual([
      'id',
      ...Array.from({ length: 12 }, (_, i) => `bdi_s${i + 1}`),
      ...Array.from({ length: 9 }, (_, i) => `sg_${i + 2}to${i + 3}`),
    ]);
    expect(rows).toHaveLength(43);
    const gainsPerRow = rows.map((r) => r.slice(13).filter((c) => c === '1').length);
    expect(gainsPerRow.reduce((a, b) => a + b, 0)).toBe(24);
    expect(gainsPerRow.filter((n) => n > 0)).toHaveLength(15);
    expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 43 }, (_, i) => i + 1));
    expect(io.out).toBe('');
  });

  it('writes NA for missing scores and unanalysable intervals, and sorts rows by id', () => {
    const io = memoryIo({ 'in.csv': 'pid,a,b,c,d,e,f\n10,28,19,23,11,12,\n2,28,19,23,11,12,NA\n' });
    expect(runSuddenGains({ input: 'in.csv', id: 'pid', vars: 'a:f', cutoff: '7', compat: 'suddengains' }, io)).toBe(0);
    expect(io.out).toBe(
      'pid,a,b,c,d,e,f,sg_2to3,sg_3to4,sg_4to5\n2,28,19,23,11,12,NA,0,1,NA\n10,28,19,23,11,12,NA,0,1,NA\n',
    );
  });

  it('reads quoted cells and quotes ids that need it, with the same verdicts as unquoted input', () => {
    const io = memoryIo({ 'in.csv': 'id,a,b,c,d,e,f\n"p,1","28",19,23,11,12,""\n' });
    expect(runSuddenGains({ input: 'in.csv', id: 'id', vars: 'a:f', cutoff: '7' }, io)).toBe(0);
    expect(io.out).toBe('id,a,b,c,d,e,f,sg_2to3,sg_3to4,sg_4to5\n"p,1",28,19,23,11,12,NA,0,1,NA\n');
  });

  it('writes the create_bysg table with --by gain', () => {
    const io = memoryIo({ 'sg.csv': fixture('sgdata.csv') });
    expect(runSuddenGains({ ...sg, compat: 'suddengains', by: 'gain' }, io)).toBe(0);
    const [header = [], ...rows] = csvRows(io.out);
    expect(header.slice(0, 5)).toEqual(['id', 'id_sg', 'sg_crit123', 'sg_session_n', 'sg_freq_byperson']);
    expect(header.slice(17)).toEqual([
      'sg_bdi_2n',
      'sg_bdi_1n',
      'sg_bdi_n',
      'sg_bdi_n1',
      'sg_bdi_n2',
      'sg_bdi_n3',
      'sg_magnitude',
      'sg_bdi_tx_change',
      'sg_change_proportion',
      'sg_reversal_value',
      'sg_reversal',
    ]);
    expect(rows).toHaveLength(24);
    // Id 1 of sgdata is the first row of the package's create_bysg test.
    expect(rows[0]?.join(',')).toBe(
      '1,1_sg_3,1,3,2,35,37,34,23,24,21,29,17,11,11,10,7,35,37,34,23,24,21,11,28,0.39285714285714285,28.5,1',
    );
  });

  it('writes the create_byperson table with --by person --select largest', () => {
    const io = memoryIo({ 'sg.csv': fixture('sgdata.csv') });
    expect(runSuddenGains({ ...sg, compat: 'suddengains', by: 'person', select: 'largest' }, io)).toBe(0);
    const [header = [], ...rows] = csvRows(io.out);
    expect(header).toHaveLength(16 + 30);
    expect(rows).toHaveLength(43);
    expect(rows.filter((r) => r[2] === '1')).toHaveLength(15);
    expect(rows[0]?.slice(0, 5).join(',')).toBe('1,1_sg_7,1,7,2');
    expect(rows[1]?.slice(0, 5).join(',')).toBe('2,NA,0,NA,0');
  });

  it('writes JSON with --format json', () => {
    const io = memoryIo({ 'in.csv': 'id,a,b,c,d,e,f\n1,28,19,23,11,12,NA\n' });
    expect(runSuddenGains({ input: 'in.csv', id: 'id', vars: 'a,b,c,d,e,f', cutoff: '7', format: 'json' }, io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual([
      { id: 1, a: 28, b: 19, c: 23, d: 11, e: 12, f: null, sg_2to3: 0, sg_3to4: 1, sg_4to5: null },
    ]);
  });

  it('switches criteria off with none and --no-crit3', () => {
    const io = memoryIo({ 'in.csv': 'id,a,b,c,d,e,f\n1,28,19,23,11,12,NA\n' });
    expect(
      runSuddenGains({ input: 'in.csv', id: 'id', vars: 'a:f', cutoff: 'none', pct: 'none', crit3: false }, io),
    ).toBe(2);
    expect(io.err).toContain('At least one criterion');
    expect(runSuddenGains({ input: 'in.csv', id: 'id', vars: 'a:f', cutoff: '7', pct: 'none', crit3: false }, io)).toBe(
      0,
    );
    expect(io.out.trim().split('\n')[1]).toBe('1,28,19,23,11,12,NA,0,1,0');
  });

  it('finds losses with --losses', () => {
    const io = memoryIo({ 'in.csv': 'id,a,b,c,d,e,f\n1,10,11,12,30,28,33\n' });
    expect(runSuddenGains({ input: 'in.csv', id: 'id', vars: 'a:f', cutoff: '7', losses: true }, io)).toBe(0);
    expect(io.out).toBe('id,a,b,c,d,e,f,sl_2to3,sl_3to4,sl_4to5\n1,10,11,12,30,28,33,0,1,0\n');
  });
});

describe('analyse sudden-gains: bad input (exit code 2, nothing written)', () => {
  const bad = (files: Record<string, string>, args: Parameters<typeof runSuddenGains>[0]): MemoryIo => {
    const io = memoryIo(files);
    expect(runSuddenGains({ out: 'out.csv', ...args }, io)).toBe(2);
    expect(io.written.size).toBe(0);
    expect(io.out).toBe('');
    return io;
  };
  const file = { 'in.csv': 'id,a,b,c,d\n1,1,2,3,4\n2,5,x,7,8\n' };

  it('names the line and column of a non-numeric cell', () => {
    expect(bad(file, { input: 'in.csv', id: 'id', vars: 'a:d', cutoff: '7' }).err).toContain(
      "Line 3, column 'b': 'x' is not a number",
    );
  });

  it('names an unknown column', () => {
    expect(bad(file, { input: 'in.csv', id: 'id', vars: 'a:z', cutoff: '7' }).err).toContain("no column 'z'");
    expect(bad(file, { input: 'in.csv', id: 'pid', vars: 'a:d', cutoff: '7' }).err).toContain("--id: no column 'pid'");
  });

  it('refuses a column listed twice and a header naming a column twice', () => {
    expect(bad(file, { input: 'in.csv', id: 'id', vars: 'a,b,c,d,a', cutoff: '7' }).err).toContain(
      "'a' is listed twice",
    );
    expect(
      bad({ 'in.csv': 'id,a,a,c,d\n1,1,2,3,4\n' }, { input: 'in.csv', id: 'id', vars: 'c,d', cutoff: '7' }).err,
    ).toContain("column 'a' twice (columns 2 and 3)");
  });

  it('refuses duplicate ids, naming both lines', () => {
    const io = bad(
      { 'in.csv': 'id,a,b,c,d\n1,1,2,3,4\n1,5,6,7,8\n' },
      { input: 'in.csv', id: 'id', vars: 'a:d', cutoff: '7' },
    );
    expect(io.err).toContain("Line 3, column 'id': id '1' already appears on line 2");
  });

  it('refuses too few sessions', () => {
    expect(bad(file, { input: 'in.csv', id: 'id', vars: 'a:c', cutoff: '7' }).err).toContain('at least 4 sessions');
  });

  it('refuses a row with the wrong number of fields', () => {
    expect(
      bad({ 'in.csv': 'id,a,b,c,d\n1,1,2,3\n' }, { input: 'in.csv', id: 'id', vars: 'a:d', cutoff: '7' }).err,
    ).toContain('Line 2 has 4 fields; the header has 5');
  });

  it('refuses bad option values', () => {
    const base = { input: 'in.csv', id: 'id', vars: 'a:d' };
    expect(bad(file, { ...base, cutoff: 'seven' }).err).toContain("--cutoff: 'seven' is not a number");
    expect(bad(file, base).err).toContain('--cutoff is required');
    expect(bad(file, { ...base, cutoff: '7', alpha: '1.5' }).err).toContain('--alpha');
    expect(bad(file, { ...base, cutoff: '7', criticalValue: '3' }).err).toContain('--no-adjust');
    expect(bad(file, { ...base, cutoff: '7', select: 'first' }).err).toContain('--by person');
    expect(bad(file, { ...base, cutoff: '7', compat: 'spss' }).err).toContain('--compat');
    expect(bad(file, { ...base, cutoff: '7', by: 'row' }).err).toContain('--by');
    expect(bad(file, { ...base, cutoff: '7', format: 'xml' }).err).toContain('--format');
  });

  it('reports a file it cannot read', () => {
    expect(bad({}, { input: 'missing.csv', id: 'id', vars: 'a:d', cutoff: '7' }).err).toContain(
      'cannot read missing.csv',
    );
  });
});

describe('analyse reliable-change', () => {
  const claus = {
    input: 'claus.csv',
    id: 'id',
    time: 'time',
    pre: '1',
    post: '4',
    score: 'hamd',
    reliability: '0.8',
    better: 'lower',
  };

  it('classifies claus_2020 with cut-off c and reports those left out', () => {
    const io = memoryIo({ 'claus.csv': fixture('data_claus_2020.csv') });
    expect(runReliableChange({ ...claus, cutoff: 'c', mFunctional: '8', sdFunctional: '8' }, io)).toBe(0);
    const [header, ...rows] = csvRows(io.out);
    expect(header).toEqual(['id', 'pre', 'post', 'change', 'rci', 'category']);
    expect(rows).toHaveLength(40);
    const count = (c: string): number => rows.filter((r) => r[5] === c).length;
    expect([count('recovered'), count('improved'), count('unchanged'), count('deteriorated'), count('harmed')]).toEqual(
      [26, 3, 10, 1, 0],
    );
    expect(io.err).toContain('40 people analysed, 3 left out for a missing score');
    expect(io.err).toContain('cut-off c = 19.887');
  });

  it('classifies jacobson_1989 (higher is better) with cut-off a from the sample', () => {
    const io = memoryIo({ 'j.csv': fixture('data_jacobson_1989.csv') });
    const args = {
      input: 'j.csv',
      id: 'subject',
      time: 'time',
      pre: 'pre',
      post: 'post',
      score: 'das',
      reliability: '.8',
      better: 'higher',
    };
    expect(runReliableChange(args, io)).toBe(0);
    const rows = csvRows(io.out).slice(1);
    expect(rows.filter((r) => r[5] === 'recovered')).toHaveLength(10);
    expect(rows.filter((r) => r[5] === 'improved')).toHaveLength(6);
    expect(rows[0]?.slice(0, 4)).toEqual(['1', '90.5', '97', '6.5']);
  });

  it('takes the clinical norms when given', () => {
    const io = memoryIo({ 'claus.csv': fixture('data_claus_2020.csv') });
    expect(runReliableChange({ ...claus, mClinical: '24.85', sdClinical: '3.340121' }, io)).toBe(0);
    expect(io.err).toContain('S_diff 2.112');
  });

  it('refuses a reliability outside (0, 1), naming the option', () => {
    for (const reliability of ['0', '1', '1.2', 'high']) {
      const io = memoryIo({ 'claus.csv': fixture('data_claus_2020.csv') });
      expect(runReliableChange({ ...claus, reliability, out: 'o.csv' }, io)).toBe(2);
      expect(io.err).toContain('--reliability');
      expect(io.written.size).toBe(0);
    }
  });

  it('refuses a non-numeric score and a repeated time point, naming line and column', () => {
    const io = memoryIo({ 'l.csv': 'id,t,s\n1,pre,10\n1,post,x\n' });
    const args = {
      input: 'l.csv',
      id: 'id',
      time: 't',
      pre: 'pre',
      post: 'post',
      score: 's',
      reliability: '.8',
      better: 'lower',
    };
    expect(runReliableChange(args, io)).toBe(2);
    expect(io.err).toContain("Line 3, column 's': 'x' is not a number");
    const io2 = memoryIo({ 'l.csv': 'id,t,s\n1,pre,10\n1,pre,12\n' });
    expect(runReliableChange(args, io2)).toBe(2);
    expect(io2.err).toContain("Line 3, column 'id': id '1' already has a row for t = pre (line 2)");
  });

  it('refuses a cut-off without the norms it needs', () => {
    const io = memoryIo({});
    expect(runReliableChange({ ...claus, cutoff: 'b' }, io)).toBe(2);
    expect(io.err).toContain('--m-functional');
    expect(runReliableChange({ ...claus, mClinical: '3' }, io)).toBe(2);
    expect(io.err).toContain('go together');
  });
});

describe('registerAnalyseCommands', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('adds analyse sudden-gains to a commander program', async () => {
    const io = memoryIo({ 'sg.csv': fixture('sgdata.csv') });
    const program = new Command('rapport');
    registerAnalyseCommands(program, io);
    await program.parseAsync(
      [
        'analyse',
        'sudden-gains',
        '--input',
        'sg.csv',
        '--id',
        'id',
        '--vars',
        'bdi_s1:bdi_s12',
        '--cutoff',
        '7',
        '--compat',
        'suddengains',
        '--no-crit3',
      ],
      { from: 'user' },
    );
    expect(process.exitCode).toBe(0);
    expect(io.out.split('\n')[0]).toContain('sg_10to11');
  });

  it('passes the reliable-change options through', async () => {
    const io = memoryIo({ 'j.csv': fixture('data_jacobson_1989.csv') });
    const program = new Command('rapport');
    registerAnalyseCommands(program, io);
    await program.parseAsync(
      [
        'analyse',
        'reliable-change',
        '--input',
        'j.csv',
        '--id',
        'subject',
        '--time',
        'time',
        '--pre',
        'pre',
        '--post',
        'post',
        '--score',
        'das',
        '--reliability',
        '0.8',
        '--better',
        'higher',
      ],
      { from: 'user' },
    );
    expect(process.exitCode).toBe(0);
    expect(io.out.split('\n')[0]).toBe('subject,pre,post,change,rci,category');
  });
});

describe('measureName', () => {
  it('derives the measure from the column names', () => {
    expect(measureName(['bdi_s1', 'bdi_s2', 'bdi_s12'])).toBe('bdi');
    expect(measureName(['phq1', 'phq2'])).toBe('phq');
    expect(measureName(['a', 'b'])).toBe('x');
  });
});
