/**
 * Starts the built Rapport server as a separate process on a free port with
 * its own SQLite file, as `npm start` would, and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StartedServer {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

const root = new URL('..', import.meta.url).pathname;
export const DEMO_PASSWORD = 'e2e demo passphrase';

export async function startBuiltServer(): Promise<StartedServer> {
  const bin = join(root, 'packages/cli/dist/bin.js');
  if (!existsSync(bin)) throw new Error('Build first (npm test does): packages/cli/dist/bin.js is missing.');
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve', '--demo'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      RAPPORT_DATA_DIR: dataDir,
      RAPPORT_DEMO_PASSWORD: DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      reject(new Error(`server exited with ${String(code)}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
