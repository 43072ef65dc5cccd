import type { PracticeId } from '@rapport/core';
import type { RecordStore } from '@rapport/storage';
import { CipherError, openText, sealText, sealedKeyVersion, unwrapKey, wrapKey } from './envelope.js';
import { keyAad, newDataKey, placeAad, unwrapDataKey } from './keyring.js';
import type { MasterKey } from './master-key.js';

/**
 * Re-wraps every practice's data keys under a new master key, in one transaction. The
 * values themselves do not change: only the keys that open them are wrapped anew.
 */
export async function rewrapDataKeys(store: RecordStore, from: MasterKey, to: MasterKey): Promise<number> {
  if (from.id === to.id) throw new CipherError('The new master secret is the same as the one in use.');
  return store.rewrapDataKeys((k) => {
    const key = unwrapDataKey(from, k);
    const aad = keyAad(k.practiceId, k.version);
    const wrapped = wrapKey(to.key, aad, key);
    // Prove the new wrapping opens before it replaces the old one.
    unwrapKey(to.key, aad, wrapped);
    return { wrappedKey: wrapped, masterKeyId: to.id };
  });
}

/**
 * Gives every practice that has a data key a new key version and reseals each of its
 * encrypted values under it, one transaction per practice: a practice is either wholly
 * on its new key or untouched. Older versions stay, wrapped, so a value sealed by a
 * server that was still running on the old version can still be opened.
 */
export async function rotateDataKeys(
  store: RecordStore,
  master: MasterKey,
  at: string,
): Promise<{ readonly practices: number; readonly values: number }> {
  let practices = 0;
  let values = 0;
  for (const practiceId of await store.listPracticeIds()) {
    const moved = await rotatePractice(store, master, practiceId, at);
    if (moved === null) continue;
    practices += 1;
    values += moved;
  }
  return { practices, values };
}

async function rotatePractice(
  store: RecordStore,
  master: MasterKey,
  practiceId: PracticeId,
  at: string,
): Promise<number | null> {
  const keys = await store.listDataKeys(practiceId);
  const newest = keys.at(-1);
  if (!newest) return null;
  const old = new Map(keys.map((k) => [k.version, unwrapDataKey(master, k)]));
  const next = newDataKey(master, practiceId, newest.version + 1, at);
  return store.rotatePracticeKey(practiceId, next.stored, (place, sealed) => {
    const key = old.get(sealedKeyVersion(sealed));
    if (!key) throw new CipherError('A stored value names a key version this practice does not have.');
    const aad = placeAad(practiceId, place);
    return sealText(next.key, next.stored.version, aad, openText(key, aad, sealed));
  });
}
