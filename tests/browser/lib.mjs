// Shared helpers for the browser tests (tests/browser/*.test.mjs).
// Each test file is a plain node script run by CTest:
//   import { test, run, ... } from './lib.mjs';
//   test('name', async () => { ... });   // throw (or fail an assert) to fail
//   await run();                          // prints a line per test, exits non-zero on failure
// Environment: CLOUDPLAY_WEB_DIR (the built page; default build/wasm/web),
// CLOUDPLAY_ARTIFACTS (where screenshots go; default build/artifacts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/lib/static-server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD = process.env.CLOUDPLAY_BUILD || path.join(ROOT, 'build');
export const WEB_DIR = path.resolve(process.env.CLOUDPLAY_WEB_DIR || path.join(BUILD, 'wasm', 'web'));
export const ARTIFACTS = path.resolve(process.env.CLOUDPLAY_ARTIFACTS || path.join(BUILD, 'artifacts'));

// Flags verified on this machine kind (see TOOLCHAIN.md); SwiftShader gives WebGL2 headless.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
];

// ---- a tiny sequential test runner ------------------------------------------------
const cases = [];
export function test(name, fn) { cases.push({ name, fn }); }

export async function run() {
  let failed = 0;
  for (const c of cases) {
    const t0 = Date.now();
    try {
      await c.fn();
      console.log(`ok   ${c.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${c.name} (${Date.now() - t0} ms)\n     ${String(e && e.stack || e).replace(/\n/g, '\n     ')}`);
    }
  }
  console.log(`${cases.length - failed} passed, ${failed} failed`);
  await closeAll();
  process.exit(failed ? 1 : 0);
}

const cleanups = [];
async function closeAll() {
  while (cleanups.length) {
    try { await cleanups.pop()(); } catch (e) { console.log(`cleanup: ${e}`); }
  }
}

// ---- browser, server, page ---------------------------------------------------------
let browserPromise = null;
export function browser() {
  if (!browserPromise) {
    browserPromise = chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    cleanups.push(async () => (await browserPromise).close());
  }
  return browserPromise;
}

// Serves `dir` on 127.0.0.1 at a free port; returns the base URL (with a trailing slash).
export async function serve(dir = WEB_DIR) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir} has no index.html: build the web app first (scripts/test builds it)`);
  }
  const server = await startServer(dir, 0);
  cleanups.push(() => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }));
  return `http://127.0.0.1:${server.address().port}/`;
}

// A fresh page (own context) whose console errors and uncaught exceptions are recorded
// in page.problems (strings).
export async function newPage({ width = 1280, height = 800, initScript = null } = {}) {
  const b = await browser();
  const context = await b.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  cleanups.push(() => context.close());
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.problems = [];
  page.logs = [];
  page.on('console', (m) => {
    page.logs.push(`[${m.type()}] ${m.text()}`);
    if (m.type() === 'error') page.problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`uncaught exception: ${e.message}`));
  page.on('crash', () => page.problems.push('the page crashed'));
  return page;
}

// Waits until the app reports `n` rendered frames (window.cloudplay.frames, set by
// wasm/browser_platform.cpp). Fails early, with the page's message, if it shows #fatal.
export async function waitForFrames(page, n = 1, timeout = 60000) {
  let handle;
  try {
    handle = await page.waitForFunction((n) => {
      if (window.cloudplayStartError) return { fatal: window.cloudplayStartError };
      return window.cloudplay && window.cloudplay.frames >= n ? { frames: window.cloudplay.frames } : false;
    }, n, { timeout, polling: 50 });
  } catch (e) {
    throw new Error(`no rendered frame ${n} within ${timeout} ms: ${e.message}\n  page log:\n    ${page.logs.join('\n    ')}`);
  }
  const r = await handle.jsonValue();
  if (r.fatal) throw new Error(`the page showed its start-up error instead of rendering: ${r.fatal}`);
  return r.frames;
}

export function artifactPath(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

// A copy of the web folder, minus the files named in `omit`, in a temp dir (removed at exit).
export function copyWebDir(omit = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudplay-web-'));
  for (const f of fs.readdirSync(WEB_DIR)) {
    if (!omit.includes(f)) fs.cpSync(path.join(WEB_DIR, f), path.join(dir, f), { recursive: true });
  }
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ---- assertions --------------------------------------------------------------------
export function assert(cond, message) { if (!cond) throw new Error(message); }
export function assertEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// ---- PNG decoding (8-bit RGB/RGBA, non-interlaced: what Chromium's screenshots are) ----
export function decodePng(buf) {
  const SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!buf.subarray(0, 8).equals(SIG)) throw new Error('not a PNG');
  let off = 8, width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      bitDepth = data[8]; colorType = data[9]; interlace = data[12];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const channels = { 2: 3, 6: 4, 0: 1, 4: 2 }[colorType];
  if (bitDepth !== 8 || !channels || interlace) {
    throw new Error(`unsupported PNG (bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace})`);
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const prev = y ? out.subarray((y - 1) * stride, y * stride) : null;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels] : 0;
      const b = prev ? prev[i] : 0;
      const c = prev && i >= channels ? prev[i - channels] : 0;
      let v;
      switch (filter) {
        case 0: v = src[i]; break;
        case 1: v = src[i] + a; break;
        case 2: v = src[i] + b; break;
        case 3: v = src[i] + ((a + b) >> 1); break;
        case 4: {
          const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          v = src[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default: throw new Error(`bad PNG filter ${filter} in row ${y}`);
      }
      row[i] = v & 0xff;
    }
  }
  return { width, height, channels, data: out };
}

// Colour statistics of a decoded image: distinct RGB colours and the share of the
// most common one.
export function colourStats(img) {
  const counts = new Map();
  const n = img.width * img.height;
  for (let p = 0; p < n; p++) {
    const i = p * img.channels;
    const key = img.channels >= 3 ? (img.data[i] << 16) | (img.data[i + 1] << 8) | img.data[i + 2] : img.data[i];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  let top = 0, topKey = 0;
  for (const [k, c] of counts) if (c > top) { top = c; topKey = k; }
  return { distinct: counts.size, dominantShare: top / n, dominant: '#' + topKey.toString(16).padStart(6, '0') };
}

// The project's version as written in CMakeLists.txt and package.json.
export function projectVersions() {
  const cmake = fs.readFileSync(path.join(ROOT, 'CMakeLists.txt'), 'utf8').match(/project\(\s*cloudplay\s+VERSION\s+([0-9.]+)/);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return { cmake: cmake ? cmake[1] : null, npm: pkg.version };
}
