import { resolve } from 'node:path';
import type { ServerConfig } from '@rapport/server';
import type { StoreOptions } from '@rapport/storage';

/** Everything Rapport reads from the environment, in one place. */
export interface RapportEnv {
  readonly port: number;
  readonly host: string;
  readonly store: StoreOptions;
  readonly demoPassword: string | undefined;
  readonly server: ServerConfig;
  /** Where `master.key` lives when no RAPPORT_SECRET is set (and the SQLite file by default). */
  readonly dataDir: string;
  /** RAPPORT_SECRET: the master secret the data keys are wrapped under. */
  readonly masterSecret: string | undefined;
  /** RAPPORT_NEW_SECRET: the secret `rapport keys rotate --master` moves the data keys to. */
  readonly newMasterSecret: string | undefined;
  /**
   * RAPPORT_SMTP_URL (smtp://host:port or smtps://user:pass@host) and RAPPORT_MAIL_FROM: links are
   * also emailed to clients when set. The URL may hold a password, so it is never printed.
   */
  readonly smtp: { readonly url: string; readonly from: string } | null;
}

/** The SMTP settings, or null when RAPPORT_SMTP_URL is unset. */
function readSmtp(env: NodeJS.ProcessEnv, publicUrl: string | null): RapportEnv['smtp'] {
  const url = env['RAPPORT_SMTP_URL'] || undefined;
  if (url === undefined) return null;
  if (!/^smtps?:\/\/[^\s]+$/.test(url)) {
    throw new Error('RAPPORT_SMTP_URL must look like smtp://host:port or smtps://user:password@host.');
  }
  const host = publicUrl ? new URL(publicUrl).hostname : 'localhost';
  return { url, from: env['RAPPORT_MAIL_FROM'] || `Rapport <rapport@${host}>` };
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): RapportEnv {
  const port = Number(env['PORT'] ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not “${env['PORT'] ?? ''}”.`);
  }
  const publicUrl = env['RAPPORT_PUBLIC_URL'] ?? null;
  const dataDir = resolve(env['RAPPORT_DATA_DIR'] ?? 'data');
  return {
    port,
    host: env['HOST'] ?? '127.0.0.1',
    store: {
      databaseUrl: env['DATABASE_URL'] || undefined,
      dataDir,
    },
    demoPassword: env['RAPPORT_DEMO_PASSWORD'] || undefined,
    dataDir,
    masterSecret: env['RAPPORT_SECRET'] || undefined,
    newMasterSecret: env['RAPPORT_NEW_SECRET'] || undefined,
    smtp: readSmtp(env, publicUrl),
    server: {
      secureCookies: publicUrl?.startsWith('https://') ?? false,
      publicUrl,
      trustProxy: env['RAPPORT_TRUST_PROXY'] === '1',
    },
  };
}
