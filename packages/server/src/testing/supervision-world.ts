/**
 * Test support (not part of the build): a supervisor linked to a therapist, and one item on
 * that therapist's agenda about the world's episode, for the route tables to aim at.
 */
import { randomUUID } from 'node:crypto';
import { asEpisodeId, type PracticeId, type UserId } from '@rapport/core';
import { agendaQuestionPlace, type KyselyStore } from '@rapport/storage';
import { hashPassword } from '../auth/password.js';
import { testKeyring } from './harness.js';

export interface SupervisionWorld {
  readonly supervisorId: UserId;
  /** The therapist the supervisor is linked to, who brought the item. */
  readonly superviseeId: UserId;
  readonly itemId: string;
}

/** The agenda question the world's therapist wrote: a supervisor may read it, others may not. */
export const WORLD_AGENDA_QUESTION = 'How do I raise the missed sessions without blaming?';

export async function seedSupervisionWorld(
  store: KyselyStore,
  practiceId: PracticeId,
  superviseeId: UserId,
  episodeId: string,
  adminId: UserId,
): Promise<SupervisionWorld> {
  const at = '2026-03-02T09:00:00.000Z';
  const supervisor = await store.addUser(
    practiceId,
    {
      email: `sv-${randomUUID()}@example.org`,
      name: 'World Supervisor',
      role: 'supervisor',
      passwordHash: await hashPassword('x'.repeat(12)),
    },
    at,
  );
  if (!supervisor.ok) throw new Error('setup: supervisor');
  const linked = await store.supervision.link(
    practiceId,
    { supervisorId: supervisor.value.id, superviseeId, by: adminId },
    at,
  );
  if (!linked.ok) throw new Error('setup: link');
  const itemId = randomUUID();
  const item = await store.supervision.addItem(
    practiceId,
    {
      id: itemId,
      superviseeId,
      episodeId: asEpisodeId(episodeId),
      sealedQuestion: await testKeyring(store).seal(practiceId, agendaQuestionPlace(itemId), WORLD_AGENDA_QUESTION),
      signal: 'rupture',
      journalEntryId: null,
    },
    at,
  );
  if (!item.ok) throw new Error('setup: agenda item');
  return { supervisorId: supervisor.value.id, superviseeId, itemId };
}
