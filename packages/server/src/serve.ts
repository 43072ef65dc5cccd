import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import type { Deps } from './context.js';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the app over real HTTP. */
export function startServer(deps: Deps, port: number, hostname: string): Promise<RunningServer> {
  const app = createApp(deps);
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
                done();
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
