// `npm start`: install if needed, build, then migrate, seed the demo practice
// on first run and serve on http://localhost:3000 (PORT overrides).
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const ensure = spawnSync(process.execPath, [`${root}scripts/ensure.mjs`], { stdio: 'inherit' });
if (ensure.status !== 0) process.exit(ensure.status ?? 1);
const serve = spawnSync(
  process.execPath,
  [`${root}packages/cli/dist/bin.js`, 'serve', '--demo', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(serve.status ?? 0);
