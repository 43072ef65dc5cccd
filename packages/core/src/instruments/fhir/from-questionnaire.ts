import type { Result } from '../../errors.js';
import { checkDefinition } from '../check-definition.js';
import { JsonReader } from '../json-reader.js';
import {
  INSTRUMENT_AUDIENCES,
  type InstrumentDefinition,
  type ItemDefinition,
  type ItemWording,
  type LocalLicence,
} from '../model.js';
import { readLicence, readProvenance } from '../parse-definition.js';
import { ID_PATTERN } from '../parse-items.js';
import { readFlag, readInterpretation, readScoring } from '../parse-scoring.js';
import { refuse, type InstrumentProblems, type Problem } from '../problems.js';
import {
  ITEM_WEIGHT,
  MAX_VALUE,
  MIN_VALUE,
  ORDINAL_VALUE,
  RAPPORT_ANCHOR_HIGH,
  RAPPORT_ANCHOR_LOW,
  RAPPORT_SCORING,
  RAPPORT_SLIDER_STEP,
} from './extensions.js';

type Json = Readonly<Record<string, unknown>>;
const STATUSES = ['draft', 'active', 'retired', 'unknown'];

function extensionValue(
  r: JsonReader,
  owner: Json,
  url: string,
  path: string,
): { value: unknown; path: string } | undefined {
  const list = owner['extension'];
  if (list === undefined) return undefined;
  const exts = r.array(list, `${path}.extension`);
  const i = exts?.findIndex((e) => typeof e === 'object' && e !== null && (e as Json)['url'] === url) ?? -1;
  const ext = exts?.[i] as Json | undefined;
  if (!ext) return undefined;
  const key = Object.keys(ext).find((k) => k.startsWith('value'));
  return {
    value: key === undefined ? undefined : ext[key],
    path: `${path}.extension[${String(i)}].${key ?? 'value[x]'}`,
  };
}

function readOptionScore(r: JsonReader, option: Json, path: string): number | undefined {
  const coding = option['valueCoding'];
  for (const [owner, at] of [
    [option, path],
    [coding, `${path}.valueCoding`],
  ] as const) {
    if (typeof owner !== 'object' || owner === null) continue;
    for (const url of [ORDINAL_VALUE, ITEM_WEIGHT]) {
      const found = extensionValue(r, owner as Json, url, at);
      if (found) return r.number(found.value, found.path);
    }
  }
  return undefined;
}

function readItem(
  r: JsonReader,
  raw: unknown,
  path: string,
): { item: ItemDefinition; wording: ItemWording } | undefined {
  const q = r.object(raw, path);
  if (!q) return undefined;
  const id = r.string(q['linkId'], `${path}.linkId`, {
    pattern: ID_PATTERN,
    hint: 'must be a lower-case id such as "item-1".',
  });
  const text = r.string(q['text'], `${path}.text`);
  const type = r.oneOf(q['type'], `${path}.type`, [
    'choice',
    'integer',
    'decimal',
    'boolean',
    'string',
    'text',
  ] as const);
  if (id === undefined || text === undefined || type === undefined) return undefined;
  const required = q['required'] === undefined ? false : r.boolean(q['required'], `${path}.required`);
  let wording: ItemWording = { text };
  const low = extensionValue(r, q, RAPPORT_ANCHOR_LOW, path);
  const high = extensionValue(r, q, RAPPORT_ANCHOR_HIGH, path);
  if (typeof low?.value === 'string') wording = { ...wording, lowAnchor: low.value };
  if (typeof high?.value === 'string') wording = { ...wording, highAnchor: high.value };
  let response: ItemDefinition['response'] | undefined;
  if (type === 'choice') {
    const options = r.list(q['answerOption'], `${path}.answerOption`, (e, p) => {
      const o = r.object(e, p);
      const coding = o && r.object(o['valueCoding'], `${p}.valueCoding`);
      const code = coding && r.string(coding['code'], `${p}.valueCoding.code`);
      if (!o || !coding || code === undefined) return undefined;
      const display = typeof coding['display'] === 'string' ? coding['display'] : code;
      return { code, display, score: readOptionScore(r, o, p) };
    });
    if (!options) return undefined;
    const scored = options.filter((o) => o.score !== undefined).length;
    if (scored > 0 && scored < options.length) {
      r.report(`${path}.answerOption`, 'some options have a score (ordinalValue or itemWeight) and some do not.');
      return undefined;
    }
    wording = { ...wording, optionLabels: options.map((o) => o.display) };
    response =
      scored > 0
        ? { kind: 'likert', options: options.map((o) => ({ code: o.code, score: o.score ?? 0 })) }
        : { kind: 'choice', options: options.map((o) => ({ code: o.code })) };
  } else if (type === 'integer' || type === 'decimal') {
    const min = extensionValue(r, q, MIN_VALUE, path);
    const max = extensionValue(r, q, MAX_VALUE, path);
    if (!min || !max) {
      r.report(`${path}.extension`, 'a numeric item needs the minValue and maxValue extensions to be scored.');
      return undefined;
    }
    const lo = r.number(min.value, min.path);
    const hi = r.number(max.value, max.path);
    const step = extensionValue(r, q, RAPPORT_SLIDER_STEP, path);
    const s = step ? r.number(step.value, step.path) : 0.1;
    if (lo === undefined || hi === undefined || s === undefined) return undefined;
    response =
      type === 'integer'
        ? { kind: 'scale', min: lo, max: hi }
        : { kind: 'slider', min: lo, max: hi, step: s, fallback: 'number-input' };
  } else if (type === 'boolean') response = { kind: 'yes-no' };
  else {
    const maxLength =
      q['maxLength'] === undefined ? 2000 : r.number(q['maxLength'], `${path}.maxLength`, { integer: true, min: 1 });
    response = maxLength === undefined ? undefined : { kind: 'text', maxLength };
  }
  let enableWhen: ItemDefinition['enableWhen'];
  if (q['enableWhen'] !== undefined) {
    const ew = r.list(q['enableWhen'], `${path}.enableWhen`, (e, p) => r.object(e, p));
    const first = ew?.[0];
    if (!first || ew.length !== 1 || first['operator'] !== '=' || typeof first['answerBoolean'] !== 'boolean') {
      r.report(`${path}.enableWhen`, 'only one "=" condition on a yes/no item is supported.');
      return undefined;
    }
    const question = r.string(first['question'], `${path}.enableWhen[0].question`);
    if (question === undefined) return undefined;
    enableWhen = { itemId: question, answer: first['answerBoolean'] };
  }
  if (response === undefined || required === undefined) return undefined;
  const item: ItemDefinition = enableWhen ? { id, response, required, enableWhen } : { id, response, required };
  return { item, wording };
}

/** Translates a definition path to where the problem is in what the practice supplied. */
function relocate(
  problem: Problem,
  itemPaths: readonly string[],
  ids: readonly string[],
  companionPath: string,
): Problem {
  const item = /^\$\.items\[(\d+)\](.*)$/.exec(problem.path);
  if (item) return { ...problem, path: `${itemPaths[Number(item[1])] ?? 'Questionnaire.item'}${item[2] ?? ''}` };
  // The wording itself lives in the Questionnaire's items.
  if (problem.path === '$.versions[0].content') return { ...problem, path: 'Questionnaire.item' };
  const wording = /^\$\.versions\[0\]\.content\.items\.([^.]+)(.*)$/.exec(problem.path);
  if (wording) {
    return {
      ...problem,
      path: `${itemPaths[ids.indexOf(wording[1] ?? '')] ?? 'Questionnaire.item'}${wording[2] ?? ''}`,
    };
  }
  return { ...problem, path: problem.path.replace(/^\$/, companionPath) };
}

/**
 * Imports a licensed R4 Questionnaire (SRS, ORS, WAI-SR…) as an instrument. Scores
 * come from each option's `ordinalValue`/`itemWeight`; scoring rules, cut-offs and
 * reliable change from the companion (argument, or the Rapport extension). The
 * result is checked exactly like a shipped definition; every problem is reported
 * with its path and nothing is half-imported.
 */
export function fromQuestionnaire(
  questionnaire: unknown,
  companion?: unknown,
  localLicence?: LocalLicence,
): Result<InstrumentDefinition, InstrumentProblems> {
  const r = new JsonReader();
  const q = r.object(questionnaire, 'Questionnaire');
  if (!q) return refuse('This is not a FHIR Questionnaire.', r.problems);
  if (q['resourceType'] !== 'Questionnaire') r.report('Questionnaire.resourceType', 'must be "Questionnaire".');
  if (!STATUSES.includes(String(q['status']))) {
    r.report('Questionnaire.status', `must be one of: ${STATUSES.join(', ')}.`);
  }
  const rawItems = r.array(q['item'], 'Questionnaire.item') ?? [];
  const itemPaths: string[] = [];
  const parsed: { item: ItemDefinition; wording: ItemWording }[] = [];
  rawItems.forEach((raw, i) => {
    const path = `Questionnaire.item[${String(i)}]`;
    const one = readItem(r, raw, path);
    if (one) {
      parsed.push(one);
      itemPaths.push(path);
    }
  });
  let c: Json | undefined;
  let cPath = 'companion';
  if (companion !== undefined) c = r.object(companion, 'companion');
  else {
    const ext = extensionValue(r, q, RAPPORT_SCORING, 'Questionnaire');
    if (!ext) {
      r.report('companion', 'scoring rules are missing: supply the companion JSON or the Rapport scoring extension.');
    } else if (typeof ext.value !== 'string') r.report(ext.path, 'must be the scoring companion as a JSON string.');
    else {
      cPath = ext.path;
      try {
        c = r.object(JSON.parse(ext.value) as unknown, cPath);
      } catch {
        r.report(cPath, 'is not valid JSON.');
      }
    }
  }
  if (!c || r.problems.length > 0) return refuse('The Questionnaire cannot be imported.', r.problems);
  const id = r.string(c['id'], `${cPath}.id`, { pattern: ID_PATTERN, hint: 'must be a lower-case id.' });
  const version = r.number(c['version'], `${cPath}.version`, { integer: true, min: 1 });
  const shortTitle = r.string(c['shortTitle'], `${cPath}.shortTitle`);
  const purpose = r.string(c['purpose'], `${cPath}.purpose`);
  const audience =
    c['audience'] === undefined ? 'adult' : r.oneOf(c['audience'], `${cPath}.audience`, INSTRUMENT_AUDIENCES);
  const presentation = c['presentation'] === 'pictorial' ? 'pictorial' : 'standard';
  const provenance = readProvenance(r, c['provenance'], `${cPath}.provenance`);
  const licence = readLicence(r, c['licence'], `${cPath}.licence`);
  const scoring = readScoring(r, c['scoring'], `${cPath}.scoring`);
  const interpretation = readInterpretation(r, c['interpretation'], `${cPath}.interpretation`);
  const flags = c['flags'] === undefined ? [] : r.list(c['flags'], `${cPath}.flags`, (e, p) => readFlag(r, e, p));
  const title = typeof q['title'] === 'string' ? q['title'] : shortTitle;
  if (
    id === undefined ||
    version === undefined ||
    shortTitle === undefined ||
    purpose === undefined ||
    audience === undefined ||
    provenance === undefined ||
    licence === undefined ||
    scoring === undefined ||
    interpretation === undefined ||
    flags === undefined ||
    title === undefined ||
    r.problems.length > 0
  ) {
    return refuse('The scoring companion is not valid.', r.problems);
  }
  const def: InstrumentDefinition = {
    id,
    version,
    title,
    shortTitle,
    purpose,
    provenance,
    licence: localLicence ? { ...licence, localLicence } : licence,
    codes: {},
    items: parsed.map((p) => p.item),
    versions: [
      {
        audience,
        presentation,
        content: {
          kind: 'included',
          title,
          instructions: typeof q['description'] === 'string' ? q['description'] : title,
          items: Object.fromEntries(parsed.map((p) => [p.item.id, p.wording])),
        },
      },
    ],
    scoring,
    interpretation,
    flags,
  };
  const ids = def.items.map((i) => i.id);
  const problems = checkDefinition(def).map((p) => relocate(p, itemPaths, ids, cPath));
  if (problems.length > 0) return refuse('The Questionnaire’s scoring rules are incomplete or inconsistent.', problems);
  return { ok: true, value: def };
}
