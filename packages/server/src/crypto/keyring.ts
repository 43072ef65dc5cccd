import { randomBytes } from 'node:crypto';
import type { PracticeId } from '@rapport/core';
import type { RecordStore, SealedPlace, StoredDataKey } from '@rapport/storage';
import type { Clock } from '../context.js';
import { CipherError, KEY_BYTES, openText, sealText, sealedKeyVersion, unwrapKey, wrapKey } from './envelope.js';
import type { MasterKey } from './master-key.js';

/** Seals and opens the free text of the therapist's record; what routes use. */
export interface RecordCipher {
  seal(practiceId: PracticeId, place: SealedPlace, text: string): Promise<string>;
  open(practiceId: PracticeId, place: SealedPlace, sealed: string): Promise<string>;
}

/** What a value is bound to: its practice, table, column and row. */
export const placeAad = (practiceId: PracticeId, place: SealedPlace): string =>
  `rapport/v1/${practiceId}/${place.table}/${place.column}/${place.rowId}`;

/** What a wrapped data key is bound to: its practice and version. */
export const keyAad = (practiceId: PracticeId, version: number): string =>
  `rapport/data-key/${practiceId}/${String(version)}`;

/** Opens one stored data key with the master key, naming a mismatched master key plainly. */
export function unwrapDataKey(master: MasterKey, k: StoredDataKey): Buffer {
  if (k.masterKeyId !== master.id) {
    throw new CipherError(
      'The data keys were wrapped under a different master key: use the RAPPORT_SECRET (or master.key) they were made with.',
    );
  }
  return unwrapKey(master.key, keyAad(k.practiceId, k.version), k.wrappedKey);
}

/** A fresh data key for a practice, wrapped under the master key. */
export function newDataKey(
  master: MasterKey,
  practiceId: PracticeId,
  version: number,
  at: string,
): { readonly key: Buffer; readonly stored: Omit<StoredDataKey, 'practiceId'> } {
  const key = randomBytes(KEY_BYTES);
  return {
    key,
    stored: {
      version,
      wrappedKey: wrapKey(master.key, keyAad(practiceId, version), key),
      masterKeyId: master.id,
      createdAt: at,
    },
  };
}

/**
 * Envelope encryption: each practice has its own data keys (made on first use, kept only
 * wrapped), and every value is sealed under the practice's newest one. Unwrapped keys are
 * kept in memory for the life of the process; the newest version is read from the store
 * on every seal, so a rotation made by `rapport keys rotate` is used at once.
 */
export class Keyring implements RecordCipher {
  readonly #store: RecordStore;
  readonly #master: MasterKey;
  readonly #clock: Clock;
  readonly #keys = new Map<string, Buffer>();

  constructor(store: RecordStore, master: MasterKey, clock: Clock) {
    this.#store = store;
    this.#master = master;
    this.#clock = clock;
  }

  async seal(practiceId: PracticeId, place: SealedPlace, text: string): Promise<string> {
    const { version, key } = await this.#newest(practiceId);
    return sealText(key, version, placeAad(practiceId, place), text);
  }

  async open(practiceId: PracticeId, place: SealedPlace, sealed: string): Promise<string> {
    const key = await this.#version(practiceId, sealedKeyVersion(sealed));
    return openText(key, placeAad(practiceId, place), sealed);
  }

  #remember(k: StoredDataKey): Buffer {
    const id = `${k.practiceId}/${String(k.version)}`;
    const known = this.#keys.get(id);
    if (known) return known;
    const key = unwrapDataKey(this.#master, k);
    this.#keys.set(id, key);
    return key;
  }

  async #version(practiceId: PracticeId, version: number): Promise<Buffer> {
    const known = this.#keys.get(`${practiceId}/${String(version)}`);
    if (known) return known;
    const stored = (await this.#store.listDataKeys(practiceId)).find((k) => k.version === version);
    if (!stored) throw new CipherError('A stored value names a key version this practice does not have.');
    return this.#remember(stored);
  }

  async #newest(practiceId: PracticeId): Promise<{ version: number; key: Buffer }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const newest = (await this.#store.listDataKeys(practiceId)).at(-1);
      if (newest) return { version: newest.version, key: this.#remember(newest) };
      const made = newDataKey(this.#master, practiceId, 1, this.#clock.now().toISOString());
      // Another request may have made version 1 a moment ago: then read theirs.
      if (await this.#store.addDataKey(practiceId, made.stored)) {
        this.#keys.set(`${practiceId}/1`, made.key);
        return { version: 1, key: made.key };
      }
    }
    throw new CipherError('The practice’s data key could not be made.');
  }
}
