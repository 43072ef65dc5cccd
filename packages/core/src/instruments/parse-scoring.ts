import type {
  CutOff,
  FlagCondition,
  FlagRule,
  Interpretation,
  MissingItemRule,
  Population,
  ReliableChange,
  ScoringRule,
  SeverityBand,
  Subscale,
} from './model.js';
import type { JsonReader } from './json-reader.js';
import { readAges, readId } from './parse-items.js';

const METHODS = ['sum', 'mean'] as const;

function readMissing(r: JsonReader, value: unknown, path: string): MissingItemRule | undefined {
  const o = r.object(value, path);
  if (!o) return undefined;
  const kind = r.oneOf(o['kind'], `${path}.kind`, ['none-allowed', 'prorate'] as const);
  if (kind === 'none-allowed') {
    r.object(o, path, ['kind']);
    return { kind };
  }
  if (kind === undefined) return undefined;
  r.object(o, path, ['kind', 'maxMissing']);
  const maxMissing = r.number(o['maxMissing'], `${path}.maxMissing`, { integer: true, min: 1 });
  return maxMissing === undefined ? undefined : { kind, maxMissing };
}

function readSubscale(r: JsonReader, value: unknown, path: string): Subscale | undefined {
  const o = r.object(value, path, ['id', 'title', 'method', 'items']);
  if (!o) return undefined;
  const id = readId(r, o['id'], `${path}.id`);
  const title = r.string(o['title'], `${path}.title`);
  const method = r.oneOf(o['method'], `${path}.method`, METHODS);
  const items = r.list(o['items'], `${path}.items`, (e, p) => readId(r, e, p));
  if (id === undefined || title === undefined || method === undefined || items === undefined) return undefined;
  return { id, title, method, items };
}

export function readScoring(r: JsonReader, value: unknown, path: string): ScoringRule | undefined {
  const o = r.object(value, path);
  if (!o) return undefined;
  const kind = r.oneOf(o['kind'], `${path}.kind`, ['total', 'profile', 'unscored'] as const);
  if (kind === undefined) return undefined;
  if (kind === 'unscored') {
    r.object(o, path, ['kind']);
    return { kind };
  }
  const reverse = r.list(o['reverse'], `${path}.reverse`, (e, p) => readId(r, e, p));
  const missing = readMissing(r, o['missing'], `${path}.missing`);
  const subscales = r.list(o['subscales'], `${path}.subscales`, (e, p) => readSubscale(r, e, p));
  if (kind === 'profile') {
    r.object(o, path, ['kind', 'reverse', 'missing', 'subscales']);
    if (reverse === undefined || missing === undefined || subscales === undefined) return undefined;
    return { kind, reverse, missing, subscales };
  }
  r.object(o, path, ['kind', 'method', 'items', 'reverse', 'missing', 'subscales']);
  const method = r.oneOf(o['method'], `${path}.method`, METHODS);
  const items = r.list(o['items'], `${path}.items`, (e, p) => readId(r, e, p));
  if (method === undefined || items === undefined || reverse === undefined) return undefined;
  if (missing === undefined || subscales === undefined) return undefined;
  return { kind, method, items, reverse, missing, subscales };
}

function readPopulation(r: JsonReader, value: unknown, path: string): Population | undefined {
  const o = r.object(value, path, ['ages', 'sex']);
  if (!o) return undefined;
  const ages = o['ages'] === undefined ? undefined : readAges(r, o['ages'], `${path}.ages`);
  const sex = o['sex'] === undefined ? undefined : r.oneOf(o['sex'], `${path}.sex`, ['female', 'male'] as const);
  if ((o['ages'] !== undefined && ages === undefined) || (o['sex'] !== undefined && sex === undefined)) {
    return undefined;
  }
  return { ...(ages ? { ages } : {}), ...(sex ? { sex } : {}) };
}

function readBand(r: JsonReader, value: unknown, path: string): SeverityBand | undefined {
  const o = r.object(value, path, ['id', 'label', 'min', 'max']);
  if (!o) return undefined;
  const id = readId(r, o['id'], `${path}.id`);
  const label = r.string(o['label'], `${path}.label`);
  const min = r.number(o['min'], `${path}.min`);
  const max = r.number(o['max'], `${path}.max`);
  if (id === undefined || label === undefined || min === undefined || max === undefined) return undefined;
  return { id, label, min, max };
}

function readCutOff(r: JsonReader, value: unknown, path: string): CutOff | undefined {
  const o = r.object(value, path, ['id', 'label', 'value', 'clinicalWhen', 'population', 'source']);
  if (!o) return undefined;
  const id = readId(r, o['id'], `${path}.id`);
  const label = r.string(o['label'], `${path}.label`);
  const v = r.number(o['value'], `${path}.value`);
  const clinicalWhen = r.oneOf(o['clinicalWhen'], `${path}.clinicalWhen`, ['at-or-above', 'below'] as const);
  const population = readPopulation(r, o['population'], `${path}.population`);
  const source = r.string(o['source'], `${path}.source`);
  if (id === undefined || label === undefined || v === undefined || clinicalWhen === undefined) return undefined;
  if (population === undefined || source === undefined) return undefined;
  return { id, label, value: v, clinicalWhen, population, source };
}

function readReliableChange(r: JsonReader, value: unknown, path: string): ReliableChange | undefined {
  const o = r.object(value, path, ['value', 'population', 'source']);
  if (!o) return undefined;
  const v = r.number(o['value'], `${path}.value`);
  const population = readPopulation(r, o['population'], `${path}.population`);
  const source = r.string(o['source'], `${path}.source`);
  if (v === undefined || population === undefined || source === undefined) return undefined;
  if (v <= 0) {
    r.report(`${path}.value`, 'must be above 0.');
    return undefined;
  }
  return { value: v, population, source };
}

export function readInterpretation(r: JsonReader, value: unknown, path: string): Interpretation | undefined {
  const o = r.object(value, path);
  if (!o) return undefined;
  const kind = r.oneOf(o['kind'], `${path}.kind`, ['published', 'not-established'] as const);
  if (kind === undefined) return undefined;
  if (kind === 'not-established') {
    r.object(o, path, ['kind', 'direction', 'note']);
    const direction = r.oneOf(o['direction'], `${path}.direction`, [
      'higher-is-worse',
      'higher-is-better',
      'not-applicable',
    ] as const);
    const note = r.string(o['note'], `${path}.note`);
    return direction === undefined || note === undefined ? undefined : { kind, direction, note };
  }
  r.object(o, path, ['kind', 'direction', 'bands', 'cutOffs', 'reliableChange', 'note']);
  const direction = r.oneOf(o['direction'], `${path}.direction`, ['higher-is-worse', 'higher-is-better'] as const);
  const bands = r.list(o['bands'], `${path}.bands`, (e, p) => readBand(r, e, p));
  const cutOffs = r.list(o['cutOffs'], `${path}.cutOffs`, (e, p) => readCutOff(r, e, p));
  const reliableChange = r.list(o['reliableChange'], `${path}.reliableChange`, (e, p) => readReliableChange(r, e, p));
  const note = o['note'] === undefined ? undefined : r.string(o['note'], `${path}.note`);
  if (direction === undefined || bands === undefined || cutOffs === undefined || reliableChange === undefined) {
    return undefined;
  }
  if (o['note'] !== undefined && note === undefined) return undefined;
  const base = { kind, direction, bands, cutOffs, reliableChange } as const;
  return note === undefined ? base : { ...base, note };
}

function readCondition(r: JsonReader, value: unknown, path: string): FlagCondition | undefined {
  const o = r.object(value, path, ['itemId', 'op', 'value']);
  if (!o) return undefined;
  const itemId = readId(r, o['itemId'], `${path}.itemId`);
  const op = r.oneOf(o['op'], `${path}.op`, ['score-above', 'score-at-most', 'is'] as const);
  if (itemId === undefined || op === undefined) return undefined;
  if (op === 'is') {
    const v = r.boolean(o['value'], `${path}.value`);
    return v === undefined ? undefined : { itemId, op, value: v };
  }
  const v = r.number(o['value'], `${path}.value`);
  return v === undefined ? undefined : { itemId, op, value: v };
}

export function readFlag(r: JsonReader, value: unknown, path: string): FlagRule | undefined {
  const o = r.object(value, path, ['id', 'kind', 'when', 'message']);
  if (!o) return undefined;
  const id = readId(r, o['id'], `${path}.id`);
  const kind = r.oneOf(o['kind'], `${path}.kind`, ['risk', 'relationship'] as const);
  const when = r.list(o['when'], `${path}.when`, (e, p) => readCondition(r, e, p));
  const message = r.string(o['message'], `${path}.message`);
  if (id === undefined || kind === undefined || when === undefined || message === undefined) return undefined;
  if (when.length === 0) {
    r.report(`${path}.when`, 'needs at least one condition.');
    return undefined;
  }
  return { id, kind, when, message };
}
