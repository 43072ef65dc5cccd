// Fetches LHC-Forms (lforms 40.1.3) from the npm registry into
// node_modules/.cache/lforms for the interoperability browser test. It is a
// test-only, independent FHIR form renderer under NLM's terms: never committed,
// never shipped. Exits 0 when it is already there; non-zero if it cannot be had.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const cache = `${root}node_modules/.cache/lforms`;
const marker = `${cache}/package/dist/lforms/webcomponent/lhc-forms.js`;
if (existsSync(marker)) process.exit(0);
rmSync(cache, { recursive: true, force: true });
mkdirSync(cache, { recursive: true });
const pack = spawnSync('npm', ['pack', 'lforms@40.1.3', '--silent', '--pack-destination', cache], { encoding: 'utf8' });
const tarball = readdirSync(cache).find((f) => f.endsWith('.tgz'));
if (pack.status !== 0 || !tarball) {
  console.error(`Could not fetch lforms@40.1.3 for the LHC-Forms test: ${pack.stderr.trim()}`);
  process.exit(1);
}
const untar = spawnSync('tar', ['xzf', tarball], { cwd: cache, encoding: 'utf8' });
if (untar.status !== 0 || !existsSync(marker)) {
  console.error(`Could not unpack ${tarball}: ${untar.stderr.trim()}`);
  process.exit(1);
}
rmSync(`${cache}/${tarball}`);
