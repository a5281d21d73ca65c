// The engine's download size stays under the budget written in wasm/size-budget.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { DIST, REPO } from './common.mjs';

test('wasm + JS under the gzip budget', () => {
  const budget = JSON.parse(readFileSync(path.join(REPO, 'wasm/size-budget.json'), 'utf8')).max_gzip_bytes;
  let total = 0;
  for (const f of ['denial-core.wasm', 'denial-core.mjs', 'denial-api.js', 'worker.js', 'bridge.js']) {
    const gz = gzipSync(readFileSync(path.join(DIST, f)), { level: 9 }).length;
    console.log(`# ${f}: ${gz} bytes gzipped`);
    total += gz;
  }
  console.log(`# total ${total} of ${budget} bytes gzipped`);
  assert.ok(total <= budget, `${total} > ${budget}`);
});
