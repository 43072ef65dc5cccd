import type { Result } from '../errors.js';
import { JsonReader } from './json-reader.js';
import { checkDefinition } from './check-definition.js';
import {
  RAPPORT_MEASURE_LABEL,
  type InstrumentCodes,
  type InstrumentDefinition,
  type Licence,
  type LocalLicence,
  type Provenance,
} from './model.js';
import { refuse, type InstrumentProblems } from './problems.js';
import { readId, readItem, readVersion } from './parse-items.js';
import { readFlag, readInterpretation, readScoring } from './parse-scoring.js';

const TOP_LEVEL = [
  '$schema',
  'id',
  'version',
  'title',
  'shortTitle',
  'purpose',
  'provenance',
  'licence',
  'codes',
  'items',
  'versions',
  'scoring',
  'interpretation',
  'flags',
] as const;

// SPDX ids are letters, digits, dots, hyphens and plus (e.g. CC-BY-NC-ND-4.0).
const SPDX = /^[A-Za-z0-9.+-]+$/;

function readLocalLicence(r: JsonReader, value: unknown, path: string): LocalLicence | undefined {
  const o = r.object(value, path, ['holder', 'evidence', 'importedBy']);
  if (!o) return undefined;
  const holder = r.string(o['holder'], `${path}.holder`);
  const evidence = r.string(o['evidence'], `${path}.evidence`);
  const importedBy = r.string(o['importedBy'], `${path}.importedBy`);
  return holder === undefined || evidence === undefined || importedBy === undefined
    ? undefined
    : { holder, evidence, importedBy };
}

/** Reads a licence block; shared with the import of a Questionnaire's companion. */
export function readLicence(r: JsonReader, value: unknown, path: string): Licence | undefined {
  const o = r.object(value, path, ['spdx', 'text', 'copyright', 'mayShipText', 'mayModify', 'url', 'localLicence']);
  if (!o) return undefined;
  let terms: Licence['terms'] | undefined;
  if (o['spdx'] !== undefined && o['text'] !== undefined) r.report(path, 'give either "spdx" or "text", not both.');
  else if (o['spdx'] !== undefined) {
    const id = r.string(o['spdx'], `${path}.spdx`, { pattern: SPDX, hint: 'must be an SPDX licence id.' });
    terms = id === undefined ? undefined : { kind: 'spdx', id };
  } else if (o['text'] !== undefined) {
    const text = r.string(o['text'], `${path}.text`);
    terms = text === undefined ? undefined : { kind: 'text', text };
  } else r.report(path, 'needs the licence: an SPDX id in "spdx" or the licence words in "text".');
  const copyright = r.string(o['copyright'], `${path}.copyright`);
  const mayShipText = r.boolean(o['mayShipText'], `${path}.mayShipText`);
  const mayModify = r.boolean(o['mayModify'], `${path}.mayModify`);
  const url = o['url'] === undefined ? undefined : r.string(o['url'], `${path}.url`);
  const local =
    o['localLicence'] === undefined ? undefined : readLocalLicence(r, o['localLicence'], `${path}.localLicence`);
  if (terms === undefined || copyright === undefined || mayShipText === undefined || mayModify === undefined) {
    return undefined;
  }
  if ((o['url'] !== undefined && url === undefined) || (o['localLicence'] !== undefined && local === undefined)) {
    return undefined;
  }
  return {
    terms,
    copyright,
    mayShipText,
    mayModify,
    ...(url === undefined ? {} : { url }),
    ...(local === undefined ? {} : { localLicence: local }),
  };
}

export function readProvenance(r: JsonReader, value: unknown, path: string): Provenance | undefined {
  const o = r.object(value, path);
  if (!o) return undefined;
  const kind = r.oneOf(o['kind'], `${path}.kind`, ['published', 'adapted', 'rapport'] as const);
  switch (kind) {
    case undefined:
      return undefined;
    case 'published': {
      r.object(o, path, ['kind', 'citations']);
      const citations = r.strings(o['citations'], `${path}.citations`);
      return citations && { kind, citations };
    }
    case 'adapted': {
      r.object(o, path, ['kind', 'basedOn', 'note']);
      const basedOn = r.strings(o['basedOn'], `${path}.basedOn`);
      const note = r.string(o['note'], `${path}.note`);
      return basedOn === undefined || note === undefined ? undefined : { kind, basedOn, note };
    }
    case 'rapport': {
      r.object(o, path, ['kind', 'label', 'inspiredBy']);
      if (o['label'] !== RAPPORT_MEASURE_LABEL) {
        r.report(`${path}.label`, `must be exactly "${RAPPORT_MEASURE_LABEL}".`);
        return undefined;
      }
      const inspiredBy = r.strings(o['inspiredBy'], `${path}.inspiredBy`);
      return inspiredBy && { kind, label: RAPPORT_MEASURE_LABEL, inspiredBy };
    }
  }
}

function readCodes(r: JsonReader, value: unknown, path: string): InstrumentCodes | undefined {
  if (value === undefined) return {};
  const o = r.object(value, path, ['loincPanel', 'loincTotal']);
  if (!o) return undefined;
  const loinc = { pattern: /^\d{1,7}-\d$/, hint: 'must be a LOINC code such as 44261-6.' };
  const loincPanel = o['loincPanel'] === undefined ? undefined : r.string(o['loincPanel'], `${path}.loincPanel`, loinc);
  const loincTotal = o['loincTotal'] === undefined ? undefined : r.string(o['loincTotal'], `${path}.loincTotal`, loinc);
  return { ...(loincPanel ? { loincPanel } : {}), ...(loincTotal ? { loincTotal } : {}) };
}

/**
 * Parses an instrument definition (the JSON in content/instruments/<id>/instrument.json)
 * and checks that its scoring, interpretation and licence are complete and consistent.
 * Every problem is reported with its exact path; nothing is half-accepted.
 *
 * @example
 *   const parsed = parseInstrumentDefinition(JSON.parse(text));
 *   if (!parsed.ok) console.log(formatProblems(parsed.error.problems)); // ['$.scoring.items[3]: names no item ("q4").']
 */
export function parseInstrumentDefinition(json: unknown): Result<InstrumentDefinition, InstrumentProblems> {
  const r = new JsonReader();
  const def = readDefinition(r, json);
  if (!def || r.problems.length > 0) return refuse('The instrument definition is not valid.', r.problems);
  const problems = checkDefinition(def);
  if (problems.length > 0) return refuse('The instrument definition is not consistent.', problems);
  return { ok: true, value: def };
}

function readDefinition(r: JsonReader, json: unknown): InstrumentDefinition | undefined {
  const o = r.object(json, '$', TOP_LEVEL);
  if (!o) return undefined;
  const id = readId(r, o['id'], '$.id');
  const version = r.number(o['version'], '$.version', { integer: true, min: 1 });
  const title = r.string(o['title'], '$.title');
  const shortTitle = r.string(o['shortTitle'], '$.shortTitle');
  const purpose = r.string(o['purpose'], '$.purpose');
  const provenance = readProvenance(r, o['provenance'], '$.provenance');
  const licence = readLicence(r, o['licence'], '$.licence');
  const codes = readCodes(r, o['codes'], '$.codes');
  const items = r.list(o['items'], '$.items', (e, p) => readItem(r, e, p));
  const versions = r.list(o['versions'], '$.versions', (e, p) => readVersion(r, e, p));
  const scoring = readScoring(r, o['scoring'], '$.scoring');
  const interpretation = readInterpretation(r, o['interpretation'], '$.interpretation');
  const flags = r.list(o['flags'], '$.flags', (e, p) => readFlag(r, e, p));
  if (id === undefined || version === undefined || title === undefined || shortTitle === undefined) return undefined;
  if (purpose === undefined || provenance === undefined || licence === undefined || codes === undefined) {
    return undefined;
  }
  if (items === undefined || versions === undefined || scoring === undefined) return undefined;
  if (interpretation === undefined || flags === undefined) return undefined;
  return {
    id,
    version,
    title,
    shortTitle,
    purpose,
    provenance,
    licence,
    codes,
    items,
    versions,
    scoring,
    interpretation,
    flags,
  };
}
