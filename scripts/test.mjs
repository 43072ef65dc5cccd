// `npm test`: install if needed, build (which type-checks every package),
// type-check the tests, lint with zero warnings, then run every test.
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
function step(label, cmd, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✗ ${label} failed.`);
    process.exit(r.status ?? 1);
  }
}
step('install and build', process.execPath, [`${root}scripts/ensure.mjs`]);
step('type-check tests', 'npx', ['tsc', '-p', 'tsconfig.check.json']);
step('lint', 'npm', ['run', '--silent', 'lint']);
step('tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]);
