#!/usr/bin/env node
// Browser benchmark of the live run (not a test: it prints numbers).
//   node bench/browser_bench.mjs [--web DIR] [--seconds 10] [--chains 20] [--rate 1000] [--screenshot out.png]
// Serves the built page (default build/wasm/web, or $CLOUDPLAY_WEB_DIR) on loopback,
// opens it in headless Chromium, loads a generated document of 200 nodes (20 chains of
// Users -> ALB -> 4 web -> 4 db, 1,000 requests/s each: 20,000 requests/s), plays it at
// 1x for ~10 s and prints:
//   - in-app frame time (simulation + UI building, measured inside App::frame): median, p95
//   - the simulation's share of it (RunController's step), events per frame
//   - frames per second (headless Chromium draws with SwiftShader: GPU-less, so low)
//   - time from navigation to the first frame
//   - bytes transferred (gzip, as served), per file
//   - replay speed (scrub back to 0 and forward again: simulated events per second)
// Targets (issue 7): <= 8 ms median per frame, first frame <= 1.5 s, <= 2.5 MB gzip.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/lib/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : def; };
const WEB = path.resolve(opt('web', process.env.CLOUDPLAY_WEB_DIR || path.join(ROOT, 'build', 'wasm', 'web')));
const SECONDS = Number(opt('seconds', 10));
const CHAINS = Number(opt('chains', 20));
const RATE = Number(opt('rate', 1000));

export function benchDocument({ chains = 20, ratePerChain = 1000 } = {}) {
  const azs = ['use1-az1', 'use1-az2', 'use1-az4', 'use1-az6'];
  const nodes = [], connections = [], layout = { nodes: {} };
  for (let c = 0; c < chains; c++) {
    const y = c * 90;
    nodes.push({ id: `u${c}`, type: 'users', name: `Users ${c}`, region: 'us-east-1', params: { rate_per_s: ratePerChain } });
    nodes.push({ id: `lb${c}`, type: 'alb', name: `ALB ${c}`, region: 'us-east-1' });
    connections.push({ id: `c-u${c}`, from: `u${c}`, to: `lb${c}` });
    for (let k = 0; k < 4; k++) {
      nodes.push({ id: `w${c}-${k}`, type: 'compute', name: `web ${c}.${k}`, region: 'us-east-1', az: azs[k],
        params: { workers: 16, service_time: { kind: 'exponential', mean_ms: 5 } } });
      nodes.push({ id: `d${c}-${k}`, type: 'compute', name: `db ${c}.${k}`, region: 'us-east-1', az: azs[k],
        params: { workers: 32, service_time: { kind: 'exponential', mean_ms: 2 } } });
      connections.push({ id: `c-lb${c}-${k}`, from: `lb${c}`, to: `w${c}-${k}` });
      connections.push({ id: `c-w${c}-${k}`, from: `w${c}-${k}`, to: `d${c}-${k}` });
    }
  }
  // Layout: Users and ALB per row on the left of the Region; one AZ frame per column pair (web, db).
  const rowH = 80, top = 60, h = top + chains * rowH;
  layout.regions = { 'us-east-1': { x: 0, y: 0, w: 440 + 4 * 440 + 20, h: h + 20 } };
  layout.azs = {};
  azs.forEach((az, k) => { layout.azs[az] = { x: 440 + k * 440, y: 30, w: 420, h: h - 20 }; });
  for (let c = 0; c < chains; c++) {
    const y = top + c * rowH;
    layout.nodes[`u${c}`] = { x: 20, y };
    layout.nodes[`lb${c}`] = { x: 220, y };
    for (let k = 0; k < 4; k++) {
      layout.nodes[`w${c}-${k}`] = { x: 440 + k * 440 + 20, y };
      layout.nodes[`d${c}-${k}`] = { x: 440 + k * 440 + 220, y };
    }
  }
  return { version: 1, name: `Benchmark: ${nodes.length} nodes, ${chains * ratePerChain} requests/s`,
    settings: { duration_s: 3600, seed: 7 }, regions: [{ code: 'us-east-1', azs }], nodes, connections, faults: [], layout };
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN; };
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(2) : String(x));

async function main() {
  const server = await startServer(WEB, 0);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  // The first frame: window.cloudplay.frames becomes 1 (wasm/browser_platform.cpp); polled every animation frame.
  await context.addInitScript(() => {
    const poll = () => { if (window.cloudplay && window.cloudplay.frames >= 1) window.__firstFrameMs = performance.now(); else requestAnimationFrame(poll); };
    requestAnimationFrame(poll);
  });
  const page = await context.newPage();
  const requests = [];
  page.on('requestfinished', (r) => requests.push(r));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__firstFrameMs > 0 && window.cloudplay && window.cloudplay.run, null, { timeout: 60000 });
  const firstFrameMs = await page.evaluate(() => window.__firstFrameMs);
  await page.waitForTimeout(500);
  const files = [];
  for (const r of requests) {
    const s = await r.sizes();
    const h = (await r.response())?.headers() || {};
    files.push({ url: r.url().replace(url, ''), bytes: s.responseBodySize + s.responseHeadersSize, gzip: h['content-encoding'] === 'gzip' });
  }
  const total = files.reduce((a, f) => a + f.bytes, 0);

  const doc = benchDocument({ chains: CHAINS, ratePerChain: RATE });
  const errors = await page.evaluate((t) => window.cloudplay.loadDocument(t), JSON.stringify(doc));
  if (errors.length) throw new Error(`benchmark document refused: ${JSON.stringify(errors.slice(0, 3))}`);
  await page.keyboard.press('f');  // fit the diagram to the view
  await page.evaluate(() => { window.cloudplay.run.speed(1); window.cloudplay.run.play(); });
  await page.waitForTimeout(2000);  // warm up (the first second ramps up)

  // Measure: per-frame app time (frameTimes, pushed by the app each frame) and the run's own step time.
  await page.evaluate(() => {
    window.__bench = { frames0: window.cloudplay.frames, times: [], step: [], events: [] };
    const c = window.cloudplay;
    const orig = c.frameTimes.push.bind(c.frameTimes);
    c.frameTimes.push = (ms) => { window.__bench.times.push(ms); return orig(ms); };
  });
  const s0 = await page.evaluate(() => window.cloudplay.run.state());
  const t0 = Date.now();
  while (Date.now() - t0 < SECONDS * 1000) {
    await page.waitForTimeout(250);
    await page.evaluate(() => { const s = window.cloudplay.run.state(); window.__bench.step.push(s.stepMs); window.__bench.events.push(s.stepEvents); });
  }
  const wall = (Date.now() - t0) / 1000;
  const s1 = await page.evaluate(() => window.cloudplay.run.state());
  const b = await page.evaluate(() => window.__bench);
  const frames = b.times.length;
  const okPerS = s1.nodes.filter((n) => n.id.startsWith('u')).reduce((a, n) => a + n.ok_per_s, 0);

  const shot = opt('screenshot', '');
  if (shot) await page.screenshot({ path: shot });

  // The UI alone (paused, same diagram, panels and overlay still drawn): 3 s.
  await page.evaluate(() => { window.cloudplay.run.pause(); window.__bench.times = []; });
  await page.waitForTimeout(3000);
  const uiTimes = await page.evaluate(() => window.__bench.times);

  // Replay speed: scrub back to 0, then forward to where we were.
  const at = (await page.evaluate(() => window.cloudplay.run.state())).t_s;
  await page.evaluate(() => window.cloudplay.run.seek(0));
  const r0 = Date.now();
  await page.evaluate((t) => window.cloudplay.run.seek(t), at);
  await page.waitForFunction(() => !window.cloudplay.run.state().seeking, null, { timeout: 120000, polling: 50 });
  const replayWall = (Date.now() - r0) / 1000;
  const s2 = await page.evaluate(() => window.cloudplay.run.state());

  console.log(`cloudplay browser benchmark — ${doc.nodes.length} nodes, ${CHAINS * RATE} requests/s offered, 1x, ${wall.toFixed(1)} s wall`);
  console.log(`  in-app frame time (simulation + UI): median ${f1(pct(b.times, 0.5))} ms, p95 ${f1(pct(b.times, 0.95))} ms  (${frames} frames)`);
  console.log(`  simulation step per frame (sampled): median ${f1(pct(b.step, 0.5))} ms, p95 ${f1(pct(b.step, 0.95))} ms; events per frame median ${pct(b.events, 0.5)}`);
  console.log(`  paused (UI only, same view): median ${f1(pct(uiTimes, 0.5))} ms, p95 ${f1(pct(uiTimes, 0.95))} ms  (${uiTimes.length} frames)`);
  console.log(`  frames per second: ${(frames / wall).toFixed(1)}  (headless Chromium, SwiftShader software GL)`);
  console.log(`  simulated ${f1(s1.t_s - s0.t_s)} s in ${wall.toFixed(1)} s wall (achieved ${f1((s1.t_s - s0.t_s) / wall)}x), ${s1.events - s0.events} events; users ok ${okPerS.toFixed(0)}/s; behind: ${s1.behind}`);
  console.log(`  time to first frame: ${firstFrameMs.toFixed(0)} ms after navigation`);
  console.log(`  transferred: ${(total / 1024).toFixed(1)} KiB (${files.every((f) => f.gzip || f.bytes < 2048) ? 'gzip' : 'partly uncompressed'})`);
  for (const f of files.sort((a, b) => b.bytes - a.bytes)) console.log(`    ${(f.bytes / 1024).toFixed(1).padStart(8)} KiB  ${f.gzip ? 'gzip' : '    '}  ${f.url || 'index.html'}`);
  console.log(`  replay (scrub 0 -> ${f1(at)} s): ${replayWall.toFixed(2)} s wall, ${(s2.events / replayWall / 1e6).toFixed(2)} M events/s (app's own measure ${(s2.replayEventsPerS / 1e6).toFixed(2)} M/s); same run: ${s2.traceHash === s1.traceHash || '(moved on while measuring)'}`);
  await browser.close();
  server.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
