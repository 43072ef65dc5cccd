import type { Client, PracticeId } from '@rapport/core';
import type { Deps } from '../context.js';

/** What erasure keeps, and why: said on the confirmation page before anything goes. */
export const ERASE_KEPT: readonly string[] = [
  'The audit log: who read, changed, exported or erased this client’s record and when. It names the client by an id that will no longer lead anywhere, and it records this erasure too.',
  'Anything already downloaded or printed: exports and reports outside Rapport are not reached.',
  'Backups made before today: they hold the record until they are replaced.',
];

const count = (n: number, one: string, many: string): string => `${String(n)} ${n === 1 ? one : many}`;

/**
 * What erasing this client removes, in plain words with numbers: every table with their content
 * goes (`ERASED_TABLES` in storage); these are the parts a therapist would recognise.
 */
export async function erasureList(deps: Deps, practiceId: PracticeId, client: Client): Promise<string[]> {
  const [episodes, responses, kept, sessionNotes] = await Promise.all([
    deps.store.listEpisodes(practiceId, client.id),
    deps.store.measures.listResponses(practiceId, client.id),
    deps.store.rights.countPrivateNotes(practiceId, client.id),
    deps.store.rights.listSessionNoteAuthors(practiceId, client.id),
  ]);
  let sessions = 0;
  let contracts = 0;
  let goals = 0;
  let notes = kept;
  for (const e of episodes) {
    const [s, v, g, n] = await Promise.all([
      deps.store.record.listSessions(practiceId, e.id),
      deps.store.frame.listContractVersions(practiceId, e.id),
      deps.store.home.listGoals(practiceId, e.id),
      deps.store.home.listSharedNotes(practiceId, e.id),
    ]);
    sessions += s.length;
    contracts += v.length;
    goals += g.length;
    notes += n.length;
  }
  return [
    `The client’s details: code ${client.code}${client.displayName ? `, name ${client.displayName}` : ''}, and email address if given.`,
    `${count(episodes.length, 'episode', 'episodes')}, with their endings and follow-ups.`,
    `${count(contracts, 'contract version', 'contract versions')}, with agreements and the client’s questions.`,
    `${count(sessions, 'session', 'sessions')}, ${count(sessionNotes.length, 'session note', 'session notes')} (by any practitioner) and the boundary log.`,
    `${count(responses.length, 'measure', 'measures')} with their answers and comments, the signals drawn from them, and every link sent.`,
    `Your own ratings of sessions, repair after ruptures and the client’s answers about them.`,
    `${count(goals, 'goal', 'goals')} and ${count(notes, 'note', 'notes')} from the client’s home (private ones too), and the home link itself.`,
    'A carer’s links and answers, answers entered by phone, and journal entries and supervision questions linked to this client.',
  ];
}
