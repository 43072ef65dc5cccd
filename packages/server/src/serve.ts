import { serve, type ServerType } from '@hono/node-server';
import { createApp, signalKeeperFor } from './app.js';
import type { AppDeps, Deps } from './context.js';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the app over real HTTP. */
export function startServer(given: AppDeps, port: number, hostname: string): Promise<RunningServer> {
  const signals = given.signals ?? signalKeeperFor(given);
  const deps: Deps = { ...given, signals };
  const app = createApp(deps);
  // Signals a stopped server left due are recomputed in the background; pages settle them first anyway.
  void signals.sweep().catch((error: unknown) => {
    deps.logger.error({ err: error }, 'signals left due could not be swept');
  });
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    try {
      server = serve({ fetch: app.fetch, port, hostname }, (info) => {
        const s = server;
        resolve({
          url: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${String(info.port)}`,
          close: () =>
            new Promise<void>((done) => {
              if (!s) {
                done();
                return;
              }
              s.close(() => {
                void signals.close().then(done);
              });
            }),
        });
      });
      server.on('error', reject);
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
