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
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): RapportEnv {
  const port = Number(env['PORT'] ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not “${env['PORT'] ?? ''}”.`);
  }
  const publicUrl = env['RAPPORT_PUBLIC_URL'] ?? null;
  return {
    port,
    host: env['HOST'] ?? '127.0.0.1',
    store: {
      databaseUrl: env['DATABASE_URL'] || undefined,
      dataDir: resolve(env['RAPPORT_DATA_DIR'] ?? 'data'),
    },
    demoPassword: env['RAPPORT_DEMO_PASSWORD'] || undefined,
    server: {
      secureCookies: publicUrl?.startsWith('https://') ?? false,
      publicUrl,
      trustProxy: env['RAPPORT_TRUST_PROXY'] === '1',
    },
  };
}
