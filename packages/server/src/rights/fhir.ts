import type { Bundle, BundleEntry, EpisodeOfCare, Organization, Patient, Resource } from '@medplum/fhirtypes';
import {
  RAPPORT_FHIR_BASE,
  toConsent,
  toObservations,
  toQuestionnaireResponse,
  type Client,
  type ContractVersion,
  type Episode,
} from '@rapport/core';
import type { StoredResponse } from '@rapport/storage';
import type { InstrumentLibrary } from '../instruments/library.js';

/** The identifier system of a practice's client codes: the code is all the Patient carries. */
export const clientCodeSystem = (practiceId: string): string =>
  `${RAPPORT_FHIR_BASE}/practice/${practiceId}/client-code`;

/** What the bundle is made from: the client's record with its answers already opened. */
export interface FhirExportInput {
  readonly practice: { readonly id: string; readonly name: string };
  readonly client: Client;
  readonly episodes: readonly Episode[];
  readonly contracts: readonly ContractVersion[];
  /** Responses with their free-text answers opened. */
  readonly responses: readonly StoredResponse[];
  readonly at: string;
}

const entry = (resource: Resource & { readonly id: string }): BundleEntry => ({
  fullUrl: `${RAPPORT_FHIR_BASE}/${resource.resourceType}/${resource.id}`,
  resource,
});

/**
 * The client's record as a FHIR R4 Bundle of type `collection`: the Patient (known by their
 * code alone: no name, no contact), each episode as an EpisodeOfCare, each measure as a
 * QuestionnaireResponse with its scores as Observations, and each contract version as a Consent.
 */
export function clientBundle(input: FhirExportInput, library: InstrumentLibrary): Bundle {
  const patientRef = { reference: `Patient/${input.client.id}`, display: input.client.code };
  const organisationRef = { reference: `Organization/${input.practice.id}`, display: input.practice.name };
  const patient: Patient & { id: string } = {
    resourceType: 'Patient',
    id: input.client.id,
    identifier: [{ system: clientCodeSystem(input.practice.id), value: input.client.code }],
    managingOrganization: organisationRef,
  };
  const organisation: Organization & { id: string } = {
    resourceType: 'Organization',
    id: input.practice.id,
    name: input.practice.name,
  };
  const entries: BundleEntry[] = [entry(patient), entry(organisation)];
  for (const e of input.episodes) {
    const episode: EpisodeOfCare & { id: string } = {
      resourceType: 'EpisodeOfCare',
      id: e.id,
      status: e.status === 'open' ? 'active' : 'finished',
      patient: patientRef,
      managingOrganization: organisationRef,
      period: { start: e.openedAt, ...(e.closedAt === null ? {} : { end: e.closedAt }) },
    };
    entries.push(entry(episode));
  }
  for (const r of input.responses) {
    const def = library.get(r.instrumentId, r.instrumentVersion)?.definition;
    // A response to an instrument no longer in the library is in the JSON export only.
    if (!def) continue;
    const response = {
      ...toQuestionnaireResponse(def, r.audience, r.answers, {
        authored: r.savedAt,
        subject: patientRef,
        status: r.status === 'complete' ? 'completed' : 'in-progress',
      }),
      id: r.id,
    };
    entries.push(entry(response));
    if (r.status !== 'complete' || r.scores === null) continue;
    const observations = toObservations(
      def,
      { ...r.scores, answers: r.answers },
      {
        effective: r.savedAt,
        subject: patientRef,
        derivedFrom: { reference: `QuestionnaireResponse/${r.id}` },
      },
    );
    observations.forEach((o, i) => entries.push(entry({ ...o, id: `${r.id}-${String(i + 1)}` })));
  }
  for (const v of input.contracts) entries.push(entry({ ...toConsent(v, patientRef, organisationRef), id: v.id }));
  return { resourceType: 'Bundle', type: 'collection', timestamp: input.at, entry: entries };
}
