#!/usr/bin/env node
// Runs the wasm engine benchmark (cloudplay-bench.js, built for web and node)
// inside headless Chromium — the browser the playground runs in, whose V8 is
// newer than Node's — and prints its lines labelled "chromium".
//   node bench/engine_bench_chromium.mjs BENCH_DIR [bench args...]
// BENCH_DIR holds cloudplay-bench.js and .wasm. Prints numbers; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/lib/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [benchDir, ...benchArgs] = process.argv.slice(2);
if (!benchDir || !fs.existsSync(path.join(benchDir, 'cloudplay-bench.wasm'))) {
  console.error('usage: engine_bench_chromium.mjs BENCH_DIR [args]: BENCH_DIR must hold cloudplay-bench.js/.wasm');
  process.exit(2);
}
// A throwaway folder: the page, plus links to the built files.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudplay-bench-'));
for (const f of ['cloudplay-bench.js', 'cloudplay-bench.wasm']) fs.symlinkSync(path.resolve(benchDir, f), path.join(dir, f));
fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><pre id="out"></pre><script>
var lines = [];
var Module = { arguments: ${JSON.stringify(benchArgs)},
  print: function (t) { lines.push(t); }, printErr: function (t) { lines.push('error: ' + t); },
  onExit: function (code) { window.benchDone = { code: code, lines: lines }; },
  onAbort: function (what) { window.benchDone = { code: 1, lines: lines.concat(['aborted: ' + what]) }; } };
</script><script src="cloudplay-bench.js"></script>`);

const server = await startServer(dir, 0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
let code = 1;
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  const done = await (await page.waitForFunction(() => window.benchDone, null, { timeout: 20 * 60 * 1000, polling: 500 })).jsonValue();
  for (const line of done.lines) console.log(line.replace(/^wasm {4}/, 'chromium '));
  code = done.code;
} finally {
  await browser.close();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
