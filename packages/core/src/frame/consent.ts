import type { Consent } from '@medplum/fhirtypes';
import { canonicalContract, type ContractBody } from './contract.js';
import type { ContractVersion } from './records.js';

/**
 * The client's agreement to a contract version as a FHIR R4 Consent. The
 * contract text itself travels as an attachment, with the hash the client
 * agreed to, so a receiving system can check it has exactly what was signed.
 */
export function toConsent(
  version: ContractVersion,
  subject: { readonly reference: string; readonly display: string },
  organisation: { readonly reference: string; readonly display: string },
): Consent {
  const client = version.agreements.find((a) => a.role === 'client');
  const carer = version.agreements.find((a) => a.role === 'carer');
  const base: Consent = {
    resourceType: 'Consent',
    id: version.id,
    status: client ? 'active' : 'proposed',
    scope: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment', display: 'Treatment' },
      ],
    },
    category: [
      {
        coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }],
        text: `Counselling contract, version ${String(version.version)}`,
      },
    ],
    patient: subject,
    organization: [organisation],
    sourceAttachment: {
      contentType: 'application/json',
      title: `Counselling contract version ${String(version.version)}`,
      data: base64Utf8(canonicalContract(version.body)),
      hash: hexToBase64(version.contentHash),
      creation: version.createdAt,
    },
    policy: [
      {
        uri: 'https://www.bacp.co.uk/events-and-resources/ethics-and-standards/ethical-framework-for-the-counselling-professions/',
      },
    ],
    provision: {
      type: 'permit',
      period: { start: client?.agreedAt ?? version.createdAt },
    },
  };
  const performers = [
    ...(client ? [{ display: client.signedName }] : []),
    ...(carer ? [{ display: `${carer.signedName} (parent or carer)` }] : []),
  ];
  return {
    ...base,
    ...(client ? { dateTime: client.agreedAt } : {}),
    ...(performers.length > 0 ? { performer: performers } : {}),
  };
}

/** Settings and audience in plain words, for summaries. */
export const describeFrame = (body: ContractBody): string => `${body.settings.join(', ')}; ${body.audience}`;

// Core has no Buffer: encode by hand (UTF-8, then base64).
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64Bytes(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63] ?? '';
    out += B64[(n >> 12) & 63] ?? '';
    out += b === undefined ? '=' : (B64[(n >> 6) & 63] ?? '');
    out += c === undefined ? '=' : (B64[n & 63] ?? '');
  }
  return out;
}
function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}
const base64Utf8 = (s: string): string => base64Bytes(utf8(s));
function hexToBase64(hex: string): string {
  const bytes: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  return base64Bytes(bytes);
}
