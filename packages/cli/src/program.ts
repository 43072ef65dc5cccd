import { Command } from 'commander';
import type { DemoResult } from '@rapport/server';
import { registerAnalyseCommands } from './analyse/index.js';
import { registerBackupCommands } from './backup.js';
import { readEnv } from './env.js';
import { registerInstrumentsCommands } from './instruments/index.js';
import { openKeyring, registerKeysCommands } from './keys.js';

function printDemo(result: DemoResult, url: string | null): void {
  const lines = [''];
  if (url) lines.push(`  Rapport is running at ${url.replace('127.0.0.1', 'localhost')}`);
  lines.push(`  Demo practice: sign in as ${result.email}`);
  if (result.generatedPassword) {
    lines.push(`  Password: ${result.generatedPassword}`);
    lines.push('  (shown once: it is stored only as a hash. Set RAPPORT_DEMO_PASSWORD to choose your own.)');
  } else if (result.passwordReset) {
    lines.push('  Password: the value of RAPPORT_DEMO_PASSWORD');
  } else {
    lines.push('  Password: the one printed when the demo was created, or set RAPPORT_DEMO_PASSWORD to reset it.');
  }
  if (result.supervisorEmail) {
    lines.push(`  Supervisor: sign in as ${result.supervisorEmail} with the same password (sees client codes only)`);
  }
  if (result.home) {
    lines.push(
      `  Client home of ${result.home.clientCode}: ${(url ?? '').replace('127.0.0.1', 'localhost')}${result.home.path}`,
    );
    lines.push(`  PIN: ${result.home.pin}  (the link is shown once; give a new one from the client's page)`);
  }
  lines.push('');
  console.log(lines.join('\n'));
}

// The server and the database drivers load only for the commands that use them,
// so research commands such as `analyse` start quickly.
const loadServer = () => import('@rapport/server');
const loadStorage = () => import('@rapport/storage');

/** The `rapport` command line. Later work adds its commands here. */
export function buildProgram(): Command {
  const program = new Command('rapport')
    .description('Rapport: the therapeutic relationship, visible and workable.')
    .showHelpAfterError();

  program
    .command('migrate')
    .description('apply pending database migrations (DATABASE_URL or the SQLite file in RAPPORT_DATA_DIR)')
    .action(async () => {
      const env = readEnv();
      const { describeStore, migrateToLatest, openStore } = await loadStorage();
      const store = openStore(env.store);
      try {
        const applied = await migrateToLatest(store);
        console.log(
          `${describeStore(env.store)}: ${applied.length ? `applied ${applied.join(', ')}` : 'already up to date'}`,
        );
      } finally {
        await store.close();
      }
    });

  program
    .command('demo')
    .description('create the demo practice if it is missing (RAPPORT_DEMO_PASSWORD resets its password)')
    .action(async () => {
      const env = readEnv();
      const { migrateToLatest, openStore } = await loadStorage();
      const { ensureDemo, systemClock } = await loadServer();
      const store = openStore(env.store);
      try {
        await migrateToLatest(store);
        const keys = await openKeyring(env, store, (w) => {
          console.warn(w);
        });
        printDemo(await ensureDemo(store, systemClock.now(), env.demoPassword, undefined, keys), null);
      } finally {
        await store.close();
      }
    });

  program
    .command('serve')
    .description(
      'migrate, then serve Rapport over HTTP (PORT, HOST, DATABASE_URL, RAPPORT_DATA_DIR, RAPPORT_SECRET, RAPPORT_SMTP_URL)',
    )
    .option('--demo', 'seed the demo practice on first run and print how to sign in')
    .action(async (opts: { demo?: boolean }) => {
      const env = readEnv();
      const { describeStore, migrateToLatest, openStore } = await loadStorage();
      const { createLogger, ensureDemo, smtpMailer, startServer, systemClock } = await loadServer();
      const logger = createLogger();
      const store = openStore(env.store);
      await migrateToLatest(store);
      const keys = await openKeyring(env, store, (w) => {
        logger.warn(w);
      });
      const demo = opts.demo ? await ensureDemo(store, systemClock.now(), env.demoPassword, undefined, keys) : null;
      const server = await startServer(
        {
          store,
          clock: systemClock,
          logger,
          config: env.server,
          keys,
          ...(env.smtp ? { mailer: smtpMailer(env.smtp.url, env.smtp.from) } : {}),
        },
        env.port,
        env.host,
      );
      logger.info({ store: describeStore(env.store), url: server.url }, 'listening');
      if (demo) printDemo(demo, server.url);
      else console.log(`\n  Rapport is running at ${server.url.replace('127.0.0.1', 'localhost')}\n`);
      const stop = (): void => {
        void server
          .close()
          .then(() => store.close())
          .then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  registerInstrumentsCommands(program);
  registerAnalyseCommands(program);
  registerBackupCommands(program);
  registerKeysCommands(program);
  return program;
}
