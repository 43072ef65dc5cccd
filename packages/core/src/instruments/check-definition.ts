import type { InstrumentDefinition, ItemDefinition, Subscale } from './model.js';
import type { Problem } from './problems.js';
import { isScorable, itemRange, totalRange } from './score-range.js';

/**
 * Cross-field rules a schema cannot express: every reference resolves, scoring is
 * complete and consistent, cut-offs fall inside the score range, and the licence
 * allows what the definition does. Returns every problem with its path.
 */
export function checkDefinition(def: InstrumentDefinition): Problem[] {
  const problems: Problem[] = [];
  const report = (path: string, message: string): void => void problems.push({ path, message });
  checkItems(def, report);
  checkVersions(def, report);
  checkScoring(def, report);
  checkInterpretation(def, report);
  checkFlags(def, report);
  checkProvenanceAndLicence(def, report);
  return problems;
}

type Report = (path: string, message: string) => void;

function duplicates(values: readonly string[]): Set<number> {
  const seen = new Set<string>();
  const dup = new Set<number>();
  values.forEach((v, i) => (seen.has(v) ? dup.add(i) : seen.add(v)));
  return dup;
}

function checkItems(def: InstrumentDefinition, report: Report): void {
  if (def.items.length === 0) report('$.items', 'needs at least one item.');
  for (const i of duplicates(def.items.map((x) => x.id))) report(`$.items[${String(i)}].id`, 'must be unique.');
  def.items.forEach((item, i) => {
    const path = `$.items[${String(i)}]`;
    const r = item.response;
    if (r.kind === 'likert' || r.kind === 'choice') {
      if (r.options.length < 2) report(`${path}.response.options`, 'needs at least two options.');
      for (const j of duplicates(r.options.map((o) => o.code))) {
        report(`${path}.response.options[${String(j)}].code`, 'must be unique within the item.');
      }
    }
    if ((r.kind === 'scale' || r.kind === 'slider') && r.min >= r.max) {
      report(`${path}.response.max`, 'must be above min.');
    }
    if (r.kind === 'slider') {
      const steps = (r.max - r.min) / r.step;
      if (r.step <= 0 || Math.abs(steps - Math.round(steps)) > 1e-9) {
        report(`${path}.response.step`, 'must be above 0 and divide the range into whole steps.');
      }
    }
    if (item.enableWhen) {
      const at = def.items.findIndex((x) => x.id === item.enableWhen?.itemId);
      const target = def.items[at];
      if (!target || at >= i) report(`${path}.enableWhen.itemId`, 'must name an earlier item.');
      else if (target.response.kind !== 'yes-no') report(`${path}.enableWhen.itemId`, 'must name a yes/no item.');
    }
  });
}

function checkVersions(def: InstrumentDefinition, report: Report): void {
  if (def.versions.length === 0) report('$.versions', 'needs at least one audience version.');
  for (const i of duplicates(def.versions.map((v) => v.audience))) {
    report(`$.versions[${String(i)}].audience`, 'has a second version for the same audience.');
  }
  def.versions.forEach((version, v) => {
    const content = version.content;
    if (content.kind !== 'included') return;
    const path = `$.versions[${String(v)}].content.items`;
    for (const id of Object.keys(content.items)) {
      if (!def.items.some((x) => x.id === id)) report(`${path}.${id}`, 'is not an item of this instrument.');
    }
    for (const item of def.items) {
      const wording = content.items[item.id];
      if (!wording) {
        report(`${path}.${item.id}`, 'has no wording in this version.');
        continue;
      }
      const r = item.response;
      if (r.kind === 'likert' || r.kind === 'choice') {
        if (wording.optionLabels?.length !== r.options.length) {
          report(`${path}.${item.id}.optionLabels`, `needs one label per option (${String(r.options.length)}).`);
        }
      } else if (wording.optionLabels) {
        report(`${path}.${item.id}.optionLabels`, `is only for Likert and choice items.`);
      }
      if ((wording.lowAnchor ?? wording.highAnchor) !== undefined && r.kind !== 'scale' && r.kind !== 'slider') {
        report(`${path}.${item.id}`, 'anchors are only for scales and sliders.');
      }
    }
  });
}

function checkItemList(def: InstrumentDefinition, ids: readonly string[], path: string, report: Report): void {
  for (const i of duplicates(ids)) report(`${path}[${String(i)}]`, 'is listed twice.');
  ids.forEach((id, i) => {
    const item = def.items.find((x) => x.id === id);
    if (!item) report(`${path}[${String(i)}]`, `names no item ("${id}").`);
    else if (!isScorable(item)) report(`${path}[${String(i)}]`, `"${id}" cannot be scored (${item.response.kind}).`);
    else if (!item.required || item.enableWhen) {
      // A score must not depend on whether a follow-up was shown.
      report(`${path}[${String(i)}]`, `"${id}" is scored, so it must be required and always asked.`);
    }
  });
}

function checkSubscales(def: InstrumentDefinition, subscales: readonly Subscale[], report: Report): void {
  for (const i of duplicates(subscales.map((s) => s.id))) {
    report(`$.scoring.subscales[${String(i)}].id`, 'must be unique.');
  }
  subscales.forEach((s, i) => {
    const path = `$.scoring.subscales[${String(i)}].items`;
    if (s.items.length === 0) report(path, 'needs at least one item.');
    checkItemList(def, s.items, path, report);
  });
}

function checkScoring(def: InstrumentDefinition, report: Report): void {
  const s = def.scoring;
  if (s.kind === 'unscored') return;
  if (s.kind === 'total') {
    if (s.items.length === 0) report('$.scoring.items', 'needs at least one item.');
    checkItemList(def, s.items, '$.scoring.items', report);
    if (s.missing.kind === 'prorate' && s.missing.maxMissing >= s.items.length) {
      report('$.scoring.missing.maxMissing', 'must leave at least one answered item.');
    }
  } else if (s.subscales.length === 0) {
    report('$.scoring.subscales', 'a profile needs at least one subscale.');
  }
  checkSubscales(def, s.subscales, report);
  const scored = new Set(s.kind === 'total' ? s.items : s.subscales.flatMap((x) => x.items));
  for (const sub of s.subscales) for (const id of sub.items) scored.add(id);
  s.reverse.forEach((id, i) => {
    if (!scored.has(id)) report(`$.scoring.reverse[${String(i)}]`, `"${id}" is not a scored item.`);
  });
  for (const i of duplicates(s.reverse)) report(`$.scoring.reverse[${String(i)}]`, 'is listed twice.');
}

function checkInterpretation(def: InstrumentDefinition, report: Report): void {
  const it = def.interpretation;
  if (it.kind !== 'published') return;
  if (def.scoring.kind === 'unscored') {
    report('$.interpretation', 'an unscored instrument has nothing to interpret; use "not-established".');
    return;
  }
  const range = totalRange(def);
  if (!range) {
    // With a broken total the scoring problem is already reported; only a profile can never carry bands.
    if (def.scoring.kind === 'profile' && (it.bands.length > 0 || it.cutOffs.length > 0)) {
      report('$.interpretation', 'bands and cut-offs need a total score.');
    }
    return;
  }
  it.bands.forEach((b, i) => {
    const path = `$.interpretation.bands[${String(i)}]`;
    if (b.min > b.max) report(`${path}.min`, 'must not be above max.');
    const prev = it.bands[i - 1];
    if (i === 0 && b.min !== range.min) report(`${path}.min`, `must start at the lowest score (${String(range.min)}).`);
    if (prev && !(b.min > prev.max && b.min - prev.max <= 1)) {
      report(`${path}.min`, `must follow the previous band without gap or overlap (after ${String(prev.max)}).`);
    }
    if (i === it.bands.length - 1 && b.max !== range.max) {
      report(`${path}.max`, `must end at the highest score (${String(range.max)}).`);
    }
  });
  for (const i of duplicates(it.bands.map((b) => b.id))) {
    report(`$.interpretation.bands[${String(i)}].id`, 'must be unique.');
  }
  const expected = it.direction === 'higher-is-worse' ? 'at-or-above' : 'below';
  it.cutOffs.forEach((c, i) => {
    const path = `$.interpretation.cutOffs[${String(i)}]`;
    if (c.value <= range.min || c.value > range.max) {
      report(`${path}.value`, `must lie within the score range (${String(range.min)}–${String(range.max)}).`);
    }
    if (c.clinicalWhen !== expected) report(`${path}.clinicalWhen`, `must be "${expected}" when ${it.direction}.`);
  });
  for (const i of duplicates(it.cutOffs.map((c) => c.id))) {
    report(`$.interpretation.cutOffs[${String(i)}].id`, 'must be unique.');
  }
  it.reliableChange.forEach((rc, i) => {
    if (rc.value >= range.max - range.min) {
      report(`$.interpretation.reliableChange[${String(i)}].value`, 'must be smaller than the score range.');
    }
  });
}

function checkFlags(def: InstrumentDefinition, report: Report): void {
  for (const i of duplicates(def.flags.map((f) => f.id))) report(`$.flags[${String(i)}].id`, 'must be unique.');
  def.flags.forEach((flag, f) => {
    flag.when.forEach((c, j) => {
      const path = `$.flags[${String(f)}].when[${String(j)}]`;
      const item: ItemDefinition | undefined = def.items.find((x) => x.id === c.itemId);
      if (!item) {
        report(`${path}.itemId`, `names no item ("${c.itemId}").`);
      } else if (c.op === 'is' && item.response.kind !== 'yes-no') {
        report(`${path}.op`, '"is" needs a yes/no item.');
      } else if (c.op !== 'is') {
        const range = itemRange(item);
        if (!range) report(`${path}.op`, `"${c.op}" needs a scored item.`);
        else if (c.value < range.min || c.value > range.max) report(`${path}.value`, 'lies outside the item’s scores.');
      }
    });
  });
}

function checkProvenanceAndLicence(def: InstrumentDefinition, report: Report): void {
  const p = def.provenance;
  if (p.kind === 'rapport' && def.interpretation.kind !== 'not-established') {
    report('$.interpretation.kind', 'a Rapport measure is not validated: it has no established cut-offs.');
  }
  if (p.kind === 'published' && p.citations.length === 0) report('$.provenance.citations', 'needs the citation.');
  const licence = def.licence;
  if (!licence.mayShipText && !licence.localLicence) {
    def.versions.forEach((v, i) => {
      if (v.content.kind === 'included') {
        report(
          `$.versions[${String(i)}].content`,
          'the licence does not allow this wording to be redistributed: use "import-only" or record the local licence.',
        );
      }
    });
  }
}
