import type { InstrumentAudience, AudienceVersion, InstrumentDefinition } from '../model.js';

/**
 * The scoring companion: everything about an instrument that a Questionnaire cannot
 * say by itself (scoring rule, reverse keys, missing-item rule, bands, cut-offs,
 * reliable change, flags, licence, provenance). Carried in the Rapport extension
 * or supplied beside an imported Questionnaire as JSON.
 */
export interface ScoringCompanion {
  readonly format: 'rapport-scoring';
  readonly formatVersion: 1;
  readonly id: string;
  readonly version: number;
  readonly shortTitle: string;
  readonly purpose: string;
  readonly audience: InstrumentAudience;
  readonly presentation: AudienceVersion['presentation'];
  readonly provenance: InstrumentDefinition['provenance'];
  readonly licence: unknown;
  readonly codes: InstrumentDefinition['codes'];
  readonly scoring: InstrumentDefinition['scoring'];
  readonly interpretation: InstrumentDefinition['interpretation'];
  readonly flags: InstrumentDefinition['flags'];
}

/** The licence in its JSON form (as in instrument.json), so the same reader parses both. */
export function licenceJson(def: InstrumentDefinition): Record<string, unknown> {
  const l = def.licence;
  return {
    ...(l.terms.kind === 'spdx' ? { spdx: l.terms.id } : { text: l.terms.text }),
    copyright: l.copyright,
    mayShipText: l.mayShipText,
    mayModify: l.mayModify,
    ...(l.url === undefined ? {} : { url: l.url }),
    ...(l.localLicence === undefined ? {} : { localLicence: l.localLicence }),
  };
}
