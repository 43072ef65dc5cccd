import {
  INSTRUMENT_AUDIENCES,
  type AudienceVersion,
  type ItemDefinition,
  type ItemWording,
  type ResponseType,
} from './model.js';
import type { VersionContent } from './model.js';
import type { JsonReader } from './json-reader.js';

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID_HINT = 'must be lower-case letters and digits joined by single hyphens (e.g. "item-9").';
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function readId(r: JsonReader, value: unknown, path: string): string | undefined {
  return r.string(value, path, { pattern: ID_PATTERN, hint: ID_HINT });
}

function readResponse(r: JsonReader, value: unknown, path: string): ResponseType | undefined {
  const o = r.object(value, path);
  if (!o) return undefined;
  const kind = r.oneOf(o['kind'], `${path}.kind`, ['likert', 'choice', 'scale', 'slider', 'yes-no', 'text'] as const);
  switch (kind) {
    case undefined:
      return undefined;
    case 'likert': {
      r.object(o, path, ['kind', 'options']);
      const options = r.list(o['options'], `${path}.options`, (e, p) => {
        const opt = r.object(e, p, ['code', 'score']);
        if (!opt) return undefined;
        const code = r.string(opt['code'], `${p}.code`, { pattern: CODE_PATTERN, hint: 'must be a simple code.' });
        const score = r.number(opt['score'], `${p}.score`);
        return code === undefined || score === undefined ? undefined : { code, score };
      });
      return options && { kind, options };
    }
    case 'choice': {
      r.object(o, path, ['kind', 'options']);
      const options = r.list(o['options'], `${path}.options`, (e, p) => {
        const opt = r.object(e, p, ['code']);
        const code =
          opt && r.string(opt['code'], `${p}.code`, { pattern: CODE_PATTERN, hint: 'must be a simple code.' });
        return code === undefined ? undefined : { code };
      });
      return options && { kind, options };
    }
    case 'scale': {
      r.object(o, path, ['kind', 'min', 'max']);
      const min = r.number(o['min'], `${path}.min`, { integer: true });
      const max = r.number(o['max'], `${path}.max`, { integer: true });
      return min === undefined || max === undefined ? undefined : { kind, min, max };
    }
    case 'slider': {
      r.object(o, path, ['kind', 'min', 'max', 'step', 'fallback']);
      const min = r.number(o['min'], `${path}.min`);
      const max = r.number(o['max'], `${path}.max`);
      const step = r.number(o['step'], `${path}.step`);
      const fallback = r.oneOf(o['fallback'], `${path}.fallback`, ['number-input', 'radio-steps'] as const);
      if (min === undefined || max === undefined || step === undefined || fallback === undefined) return undefined;
      return { kind, min, max, step, fallback };
    }
    case 'yes-no':
      r.object(o, path, ['kind']);
      return { kind };
    case 'text': {
      r.object(o, path, ['kind', 'maxLength']);
      const maxLength = r.number(o['maxLength'], `${path}.maxLength`, { integer: true, min: 1, max: 10_000 });
      return maxLength === undefined ? undefined : { kind, maxLength };
    }
  }
}

export function readItem(r: JsonReader, value: unknown, path: string): ItemDefinition | undefined {
  const o = r.object(value, path, ['id', 'response', 'required', 'enableWhen']);
  if (!o) return undefined;
  const id = readId(r, o['id'], `${path}.id`);
  const response = readResponse(r, o['response'], `${path}.response`);
  const required = r.boolean(o['required'], `${path}.required`);
  let enableWhen: ItemDefinition['enableWhen'];
  if (o['enableWhen'] !== undefined) {
    const ew = r.object(o['enableWhen'], `${path}.enableWhen`, ['itemId', 'answer']);
    const itemId = ew && readId(r, ew['itemId'], `${path}.enableWhen.itemId`);
    const answer = ew && r.boolean(ew['answer'], `${path}.enableWhen.answer`);
    if (itemId === undefined || answer === undefined) return undefined;
    enableWhen = { itemId, answer };
  }
  if (id === undefined || response === undefined || required === undefined) return undefined;
  return enableWhen ? { id, response, required, enableWhen } : { id, response, required };
}

function readWording(r: JsonReader, value: unknown, path: string): ItemWording | undefined {
  const o = r.object(value, path, ['text', 'optionLabels', 'lowAnchor', 'highAnchor']);
  if (!o) return undefined;
  const text = r.string(o['text'], `${path}.text`);
  if (text === undefined) return undefined;
  let wording: ItemWording = { text };
  if (o['optionLabels'] !== undefined) {
    const optionLabels = r.strings(o['optionLabels'], `${path}.optionLabels`);
    if (!optionLabels) return undefined;
    wording = { ...wording, optionLabels };
  }
  for (const key of ['lowAnchor', 'highAnchor'] as const) {
    if (o[key] === undefined) continue;
    const anchor = r.string(o[key], `${path}.${key}`);
    if (anchor === undefined) return undefined;
    wording = { ...wording, [key]: anchor };
  }
  return wording;
}

function readContent(r: JsonReader, value: unknown, path: string): VersionContent | undefined {
  const o = r.object(value, path);
  if (!o) return undefined;
  const kind = r.oneOf(o['kind'], `${path}.kind`, ['included', 'import-only'] as const);
  if (kind === 'import-only') {
    r.object(o, path, ['kind', 'reason']);
    const reason = r.string(o['reason'], `${path}.reason`);
    return reason === undefined ? undefined : { kind, reason };
  }
  if (kind === undefined) return undefined;
  r.object(o, path, ['kind', 'title', 'instructions', 'stem', 'items']);
  const title = r.string(o['title'], `${path}.title`);
  const instructions = r.string(o['instructions'], `${path}.instructions`);
  const stem = o['stem'] === undefined ? undefined : r.string(o['stem'], `${path}.stem`);
  const rawItems = r.object(o['items'], `${path}.items`);
  if (!rawItems || title === undefined || instructions === undefined) return undefined;
  if (o['stem'] !== undefined && stem === undefined) return undefined;
  const items: Record<string, ItemWording> = {};
  let failed = false;
  for (const [id, raw] of Object.entries(rawItems)) {
    const wording = readWording(r, raw, `${path}.items.${id}`);
    if (wording === undefined) failed = true;
    else items[id] = wording;
  }
  if (failed) return undefined;
  return stem === undefined ? { kind, title, instructions, items } : { kind, title, instructions, stem, items };
}

export function readVersion(r: JsonReader, value: unknown, path: string): AudienceVersion | undefined {
  const o = r.object(value, path, ['audience', 'ages', 'presentation', 'content']);
  if (!o) return undefined;
  const audience = r.oneOf(o['audience'], `${path}.audience`, INSTRUMENT_AUDIENCES);
  const presentation = r.oneOf(o['presentation'], `${path}.presentation`, ['standard', 'pictorial'] as const);
  const content = readContent(r, o['content'], `${path}.content`);
  const ages = o['ages'] === undefined ? undefined : readAges(r, o['ages'], `${path}.ages`);
  if (audience === undefined || presentation === undefined || content === undefined) return undefined;
  if (o['ages'] !== undefined && ages === undefined) return undefined;
  return ages ? { audience, ages, presentation, content } : { audience, presentation, content };
}

export function readAges(r: JsonReader, value: unknown, path: string): { min: number; max: number } | undefined {
  const o = r.object(value, path, ['min', 'max']);
  if (!o) return undefined;
  const min = r.number(o['min'], `${path}.min`, { integer: true, min: 0, max: 120 });
  const max = r.number(o['max'], `${path}.max`, { integer: true, min: 0, max: 120 });
  if (min === undefined || max === undefined) return undefined;
  if (min > max) {
    r.report(path, 'min must not be above max.');
    return undefined;
  }
  return { min, max };
}
