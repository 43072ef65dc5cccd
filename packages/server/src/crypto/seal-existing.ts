import type { RecordStore } from '@rapport/storage';
import { sealText } from './envelope.js';
import { newDataKey, placeAad, unwrapDataKey } from './keyring.js';
import type { MasterKey } from './master-key.js';

/**
 * Seals the free text written before migration 0011 (the client's notes, goal wordings, contract
 * questions and free-text answers), one transaction per practice under its newest data key: a
 * practice is either wholly sealed or untouched. Rows already sealed are left alone, so running it
 * again seals nothing. A practice without a data key yet gets its first one, as the server would.
 */
export async function sealExistingText(
  store: RecordStore,
  master: MasterKey,
  at: string,
): Promise<{ readonly practices: number; readonly values: number }> {
  let practices = 0;
  let values = 0;
  for (const practiceId of await store.listPracticeIds()) {
    let newest = (await store.listDataKeys(practiceId)).at(-1);
    if (!newest) {
      // Another process may make version 1 meanwhile: then read theirs.
      await store.addDataKey(practiceId, newDataKey(master, practiceId, 1, at).stored);
      newest = (await store.listDataKeys(practiceId)).at(-1);
    }
    if (!newest) continue;
    const key = unwrapDataKey(master, newest);
    const version = newest.version;
    const sealed = await store.sealLeftoverText(practiceId, (place, text) =>
      sealText(key, version, placeAad(practiceId, place), text),
    );
    if (sealed > 0) practices += 1;
    values += sealed;
  }
  return { practices, values };
}
