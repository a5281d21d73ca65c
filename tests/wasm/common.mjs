// Shared by the Node tests of the wasm build: where things are, and the engine.
import path from 'node:path';
import { existsSync, readdirSync, statSync } from 'node:fs';

export const REPO = path.resolve(new URL('../..', import.meta.url).pathname);
export const DIST = path.resolve(process.env.DENIAL_DIST ?? path.join(REPO, 'build-wasm/dist'));
export const CLI = path.resolve(process.env.DENIAL_CLI ?? path.join(REPO, 'build/core/cli/denial-explainer'));
/** Public samples vendored in the repository (tests/data/samples/PROVENANCE.md). */
export const SAMPLES = path.join(REPO, 'tests/data/samples/era');
export const FIXTURES = path.join(REPO, 'tests/data');

export async function engine() {
  const { createDenialExplainer } = await import(path.join(DIST, 'denial-api.js'));
  return createDenialExplainer();
}

/** Every input file the parity and determinism tests run: fixtures, malformed suite and samples.
 *  A missing folder throws: the suite fails rather than running on less. */
export function inputFiles() {
  const list = readdirSync(FIXTURES)
    .filter((f) => !f.endsWith('.md') && !f.endsWith('.csv') && !f.startsWith('.'))
    .map((f) => path.join(FIXTURES, f))
    .filter((f) => statSync(f).isFile());
  const malformed = path.join(FIXTURES, 'malformed');
  for (const dir of [malformed, SAMPLES])
    if (!existsSync(dir)) throw new Error(`${dir} is missing: it is part of the repository`);
  for (const f of readdirSync(malformed)) if (!f.endsWith('.md') && !f.endsWith('.csv')) list.push(path.join(malformed, f));
  for (const f of readdirSync(SAMPLES)) if (!f.endsWith('.md')) list.push(path.join(SAMPLES, f));
  return list.sort();
}
