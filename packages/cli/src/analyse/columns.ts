import { parsed, problem, type Parsed } from './csv.js';

/** Finds a column by name, or says which names exist. */
export function findColumn(names: readonly string[], name: string, option: string): Parsed<number> {
  const index = names.indexOf(name);
  if (index < 0) {
    const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
    return problem(`${option}: no column '${name}' in the input (columns: ${shown}).`);
  }
  return parsed(index);
}

/**
 * Resolves `--vars`: a comma-separated list whose items are column names or ranges `a:c`
 * (the columns from a to c in file order). A column may appear only once.
 */
export function resolveVars(names: readonly string[], spec: string): Parsed<number[]> {
  const out: number[] = [];
  for (const raw of spec.split(',')) {
    const item = raw.trim();
    if (item === '') return problem(`--vars: empty item in '${spec}'.`);
    const range = item.split(':');
    if (range.length > 2) return problem(`--vars: '${item}' is not a column or a range a:c.`);
    if (range.length === 2) {
      const from = findColumn(names, (range[0] ?? '').trim(), '--vars');
      if (!from.ok) return from;
      const to = findColumn(names, (range[1] ?? '').trim(), '--vars');
      if (!to.ok) return to;
      if (to.value < from.value) {
        return problem(`--vars: in '${item}' the second column comes before the first in the file.`);
      }
      for (let c = from.value; c <= to.value; c++) out.push(c);
    } else {
      const c = findColumn(names, item, '--vars');
      if (!c.ok) return c;
      out.push(c.value);
    }
  }
  const seen = new Set<number>();
  for (const c of out) {
    if (seen.has(c)) return problem(`--vars: column '${names[c] ?? c}' is listed twice.`);
    seen.add(c);
  }
  return parsed(out);
}

/** Orders row indices by id; `same` tells whether two rows carry the same id. */
export interface IdComparator {
  (a: number, b: number): number;
  same(a: number, b: number): boolean;
}

/**
 * Compares ids as suddengains' `arrange(id)` does: numerically when every id is a number
 * (so `7` and `07` are the same id), otherwise by code point; ties keep file order.
 */
export function idComparator(ids: readonly string[], known?: Float64Array): IdComparator {
  const values = new Float64Array(ids.length);
  let numeric = true;
  for (let i = 0; i < ids.length && numeric; i++) {
    const id = ids[i] ?? '';
    // `known` holds ids already read as numbers, NaN where not: only those need Number().
    let v = known?.[i] ?? Number.NaN;
    if (v !== v) v = id === '' ? Number.NaN : Number(id);
    if (v === v && Number.isFinite(v)) values[i] = v;
    else numeric = false;
  }
  if (numeric) {
    const compare = (a: number, b: number): number => (values[a] ?? 0) - (values[b] ?? 0) || a - b;
    return Object.assign(compare, { same: (a: number, b: number) => values[a] === values[b] });
  }
  const compare = (a: number, b: number): number => {
    const x = ids[a] ?? '';
    const y = ids[b] ?? '';
    return x < y ? -1 : x > y ? 1 : a - b;
  };
  return Object.assign(compare, { same: (a: number, b: number) => ids[a] === ids[b] });
}

/**
 * Row indices sorted by id (as suddengains' `arrange(id)`), or a message naming the first
 * repeated id. Sorting puts repeats side by side: no hash of 100 000 ids needed.
 */
export function orderById(
  ids: readonly string[],
  lines: readonly number[],
  idName: string,
  known?: Float64Array,
): Parsed<Int32Array> {
  const rows = ids.length;
  const compare = idComparator(ids, known);
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < rows && sorted; i++) sorted = compare(i - 1, i) < 0;
  if (!sorted) order.sort(compare);
  for (let i = 1; i < rows; i++) {
    const a = order[i - 1] ?? 0;
    const b = order[i] ?? 0;
    if (compare.same(a, b)) {
      const [first, second] = a < b ? [a, b] : [b, a];
      return problem(
        `Line ${lines[second] ?? 0}, column '${idName}': id '${ids[second] ?? ''}' already appears on line ${lines[first] ?? 0}.`,
      );
    }
  }
  return parsed(order);
}
