// `npm test`: install if needed, build (which type-checks every package),
// type-check the tests, lint with zero warnings, then run every test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

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
// LHC-Forms for the interoperability browser test: fetched from the npm registry once, test-only.
const lforms = spawnSync(process.execPath, [`${root}scripts/fetch-lforms.mjs`], { cwd: root, stdio: 'inherit' });
if (lforms.status !== 0 && process.env.CI) process.exit(lforms.status ?? 1);

// vitest's JSON report gives the plain closing line that any CI can read.
const report = `${root}node_modules/.cache/rapport-vitest.json`;
rmSync(report, { force: true });
const tests = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  console.log(
    `\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`,
  );
}
process.exit(tests.status ?? 1);
