import {
  canonicalContract,
  composeContract,
  defaultClauses,
  type Audience,
  type Clause,
  type Placeholder,
  type PracticeId,
  type Setting,
  type UserId,
} from '@rapport/core';
import type { Store } from '@rapport/storage';
import { newToken, tokenHash } from '../auth/tokens.js';
import { contentHashOf } from './content-hash.js';
import type { RecordCipher } from '../crypto/keyring.js';
import { sealNewQuestion } from '../record/client-text.js';

const DAY = 86_400_000;

/** The details a demo practice fills in. Invented, like everything in the demo. */
export const DEMO_VALUES: Readonly<Record<Placeholder, string>> = {
  practitionerName: 'Jo',
  practiceName: 'Riverside Counselling',
  sessionLength: '50 minutes',
  sessionFrequency: 'weekly',
  fee: '£45 a session',
  cancellationNotice: '48 hours',
  contactMethod: 'email to jo@riverside.example',
  responseTime: 'within two working days',
  platform: 'a video service with end-to-end encryption',
  emergencyContact: 'the person you name at our first session',
  supervisorRole: 'an experienced, accredited supervisor',
  recordsRetention: 'seven years after we finish',
  complaintsBody: 'the professional body I belong to',
};

interface Story {
  readonly code: string;
  readonly settings: readonly Setting[];
  readonly audience: Audience;
  /** Each entry is one version: changed values, and whether (and by whom) it was agreed. */
  readonly versions: readonly {
    readonly values?: Partial<Record<Placeholder, string>>;
    readonly agreedBy?: string;
    readonly question?: string;
  }[];
}

/** Contracts for several settings; Ben's was renegotiated from weekly to fortnightly sessions. */
export const DEMO_CONTRACTS: readonly Story[] = [
  { code: 'RC-101', settings: ['in-person'], audience: 'adult', versions: [{ agreedBy: 'Amara' }] },
  {
    code: 'RC-102',
    settings: ['video'],
    audience: 'adult',
    versions: [
      { agreedBy: 'Ben', question: 'Could we meet every other week once things settle?' },
      { values: { sessionFrequency: 'every other week' }, agreedBy: 'Ben' },
    ],
  },
  { code: 'RC-103', settings: ['text'], audience: 'adult', versions: [{ agreedBy: 'Chloe' }] },
  {
    code: 'RC-105',
    settings: ['telephone'],
    audience: 'adult',
    versions: [{ question: 'What happens if my phone signal drops?' }],
  },
];

/** Seeds the demo practice's contracts; clients missing from the demo are skipped. */
export async function seedDemoContracts(
  store: Store,
  practiceId: PracticeId,
  userId: UserId,
  library: readonly Clause[],
  now: Date,
  /** Seals the clients' questions; without it (tests of the contracts alone) they are left out. */
  keys?: RecordCipher,
): Promise<void> {
  const clients = await store.listClients(practiceId);
  for (const story of DEMO_CONTRACTS) {
    const client = clients.find((c) => c.code === story.code);
    if (!client) continue;
    const episode = (await store.listEpisodes(practiceId, client.id)).find((e) => e.status === 'open');
    if (!episode) continue;
    let start = Math.max(Date.parse(episode.openedAt), now.getTime() - 60 * DAY);
    for (const v of story.versions) {
      const composed = composeContract(library, {
        settings: story.settings,
        audience: story.audience,
        values: { ...DEMO_VALUES, ...v.values },
        clauseIds: defaultClauses(library, story.settings, story.audience).map((c) => c.id),
      });
      if (!composed.ok) throw new Error(`demo contract ${story.code}: ${composed.error.message}`);
      const at = new Date(start).toISOString();
      const token = newToken(32);
      const offered = await store.frame.offerContract(practiceId, {
        episodeId: episode.id,
        body: composed.value,
        contentHash: contentHashOf(canonicalContract(composed.value)),
        createdBy: userId,
        createdAt: at,
        tokenHash: tokenHash(token),
        expiresAt: new Date(Math.max(start, now.getTime()) + 14 * DAY).toISOString(),
      });
      if (!offered.ok) throw new Error(`demo contract ${story.code}: ${offered.error.message}`);
      if (v.question && keys) {
        await store.frame.askContractQuestion(
          practiceId,
          offered.value.id,
          await sealNewQuestion(keys, practiceId, v.question),
          new Date(start + DAY / 2).toISOString(),
        );
      }
      if (v.agreedBy) {
        const link = await store.frame.findContractLink(tokenHash(token));
        if (!link) throw new Error(`demo contract ${story.code}: link not found`);
        // Agree in order: an earlier version is agreed before the next one is offered.
        const agreed = await store.frame.agreeContract(practiceId, link.linkId, {
          contentHash: offered.value.contentHash,
          signatures: [{ role: 'client', signedName: v.agreedBy }],
          at: new Date(start + DAY).toISOString(),
        });
        if (!agreed.ok) throw new Error(`demo agreement ${story.code}: ${agreed.error.message}`);
      }
      start += 21 * DAY;
    }
  }
}
