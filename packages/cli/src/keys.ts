import type { Command } from 'commander';
import type { Keyring } from '@rapport/server';
import type { KyselyStore } from '@rapport/storage';
import { readEnv, type RapportEnv } from './env.js';

// The server (for its crypto) and storage load only when a command needs them.
const loadServer = () => import('@rapport/server');
const loadStorage = () => import('@rapport/storage');

/**
 * The keyring for a running command: the master key from RAPPORT_SECRET, or from
 * `master.key` in the data folder (made on first run). Warnings go to `warn`.
 */
export async function openKeyring(
  env: RapportEnv,
  store: KyselyStore,
  warn: (message: string) => void,
): Promise<Keyring> {
  const { Keyring, loadMasterKey, systemClock } = await loadServer();
  const { master, warnings } = loadMasterKey({ secret: env.masterSecret, dataDir: env.dataDir });
  for (const w of warnings) warn(w);
  return new Keyring(store.record, master, systemClock);
}

/**
 * `rapport keys rotate`: a new master secret for the data keys, new data keys for the values, or both;
 * `rapport keys seal-existing`: encrypt the free text stored before migration 0011.
 */
export function registerKeysCommands(program: Command): void {
  const keys = program
    .command('keys')
    .description('manage the keys that encrypt notes, the boundary log, journals and the client’s own words');
  keys
    .command('rotate')
    .description(
      'stop Rapport first. --master re-wraps every practice data key under RAPPORT_NEW_SECRET; --data gives each practice a new data key and re-encrypts its values',
    )
    .option('--master', 're-wrap the data keys under a new master secret (RAPPORT_NEW_SECRET or --new-secret)')
    .option(
      '--data',
      'make a new data key version per practice and re-encrypt every value, one transaction per practice',
    )
    .option(
      '--new-secret <secret>',
      'the new master secret (prefer RAPPORT_NEW_SECRET: a flag shows in the process list)',
    )
    .action(async (opts: { master?: boolean; data?: boolean; newSecret?: string }) => {
      const env = readEnv();
      if (!opts.master && !opts.data) {
        console.error('Say what to rotate: --master, --data, or both.');
        process.exitCode = 2;
        return;
      }
      const newSecret = opts.newSecret ?? env.newMasterSecret;
      if (opts.master && !newSecret) {
        console.error('--master needs the new secret in RAPPORT_NEW_SECRET (or --new-secret).');
        process.exitCode = 2;
        return;
      }
      const { describeStore } = await loadStorage();
      const { loadMasterKey, masterKeyFromSecret, rewrapDataKeys, rotateDataKeys, systemClock } = await loadServer();
      await withKeyStore(env, async (store) => {
        let { master } = loadMasterKey({ secret: env.masterSecret, dataDir: env.dataDir });
        if (opts.master && newSecret) {
          const next = masterKeyFromSecret(newSecret);
          const count = await rewrapDataKeys(store.record, master, next);
          master = next;
          console.log(
            `${describeStore(env.store)}: re-wrapped ${String(count)} data key(s) under the new master secret.`,
          );
          console.log(
            'Start Rapport from now on with RAPPORT_SECRET set to the new secret; the old one opens nothing.',
          );
        }
        if (opts.data) {
          const r = await rotateDataKeys(store.record, master, systemClock.now().toISOString());
          console.log(
            `${describeStore(env.store)}: ${String(r.practices)} practice(s) on a new data key, ${String(r.values)} value(s) re-encrypted.`,
          );
        }
      });
    });
  keys
    .command('seal-existing')
    .description(
      'encrypt the client’s notes, goal wordings, contract questions and free-text answers written before this version, one transaction per practice; running it again changes nothing',
    )
    .action(async () => {
      const env = readEnv();
      const { describeStore } = await loadStorage();
      const { loadMasterKey, sealExistingText, systemClock } = await loadServer();
      await withKeyStore(env, async (store) => {
        const { master, warnings } = loadMasterKey({ secret: env.masterSecret, dataDir: env.dataDir });
        for (const w of warnings) console.error(w);
        const r = await sealExistingText(store.record, master, systemClock.now().toISOString());
        console.log(
          r.values === 0
            ? `${describeStore(env.store)}: nothing left to encrypt.`
            : `${describeStore(env.store)}: ${String(r.values)} value(s) encrypted in ${String(r.practices)} practice(s).`,
        );
      });
    });
}

/**
 * Runs a key command on the migrated store and closes it. A wrong master secret is a plain
 * message and exit code 1: each command changes nothing before it has every key it needs.
 */
async function withKeyStore(env: RapportEnv, run: (store: KyselyStore) => Promise<void>): Promise<void> {
  const { migrateToLatest, openStore } = await loadStorage();
  const { CipherError } = await loadServer();
  const store = openStore(env.store);
  try {
    await migrateToLatest(store);
    await run(store);
  } catch (e) {
    if (!(e instanceof CipherError)) throw e;
    console.error(`Nothing was changed: ${e.message}`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}
