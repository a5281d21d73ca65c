// Shared by the Node tests of the wasm build: where things are, and the engine.
import path from 'node:path';
import { existsSync, readdirSync, statSync } from 'node:fs';

export const REPO = path.resolve(new URL('../..', import.meta.url).pathname);
export const DIST = path.resolve(process.env.DENIAL_DIST ?? path.join(REPO, 'build-wasm/dist'));
export const CLI = path.resolve(process.env.DENIAL_CLI ?? path.join(REPO, 'build/core/cli/denial-explainer'));
export const SAMPLES = path.resolve(process.env.DENIAL_SAMPLES ?? path.join(REPO, '../shared/samples/era'));
export const FIXTURES = path.join(REPO, 'tests/data');

export async function engine() {
  const { createDenialExplainer } = await import(path.join(DIST, 'denial-api.js'));
  return createDenialExplainer();
}

/** Every input file the parity and determinism tests run: fixtures, plus samples when present. */
export function inputFiles() {
  const list = readdirSync(FIXTURES)
    .filter((f) => !f.endsWith('.md') && !f.endsWith('.csv') && !f.startsWith('.'))
    .map((f) => path.join(FIXTURES, f))
    .filter((f) => statSync(f).isFile());
  const malformed = path.join(FIXTURES, 'malformed');
  if (existsSync(malformed))
    for (const f of readdirSync(malformed)) if (!f.endsWith('.md') && !f.endsWith('.csv')) list.push(path.join(malformed, f));
  if (existsSync(SAMPLES)) {
    for (const f of readdirSync(SAMPLES)) if (f !== 'SOURCES.md') list.push(path.join(SAMPLES, f));
  }
  return list.sort();
}
