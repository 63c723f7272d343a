// The served page starts the wasm app in headless Chromium and draws something real:
// first frame reported, canvas not blank, right title and version, no console errors.
// Saves $CLOUDPLAY_ARTIFACTS/app.png (look at it: menu bar, palette, grid, status bar).
import fs from 'node:fs';
import {
  test, run, serve, newPage, waitForFrames, artifactPath, decodePng, colourStats,
  projectVersions, assert, assertEqual,
} from './lib.mjs';

test('the app renders its first frames without errors', async () => {
  const url = await serve();
  const page = await newPage({ width: 1280, height: 800 });
  await page.goto(url, { waitUntil: 'load' });

  await waitForFrames(page, 1);
  // A few more frames: the loop keeps running, and ImGui has laid out its windows.
  await waitForFrames(page, 10, 30000);

  const title = await page.title();
  assert(/^cloudplay\b/.test(title), `page title should start with "cloudplay", got ${JSON.stringify(title)}`);

  const { cmake, npm } = projectVersions();
  assertEqual(npm, cmake, 'package.json version vs CMakeLists.txt project(VERSION)');
  const info = await page.evaluate(() => ({ version: window.cloudplay.version, frames: window.cloudplay.frames,
    lastFrameMs: window.cloudplay.lastFrameMs }));
  assertEqual(info.version, cmake, 'window.cloudplay.version (the version the status line shows)');
  assert(typeof info.lastFrameMs === 'number' && info.lastFrameMs >= 0, `frame time not reported: ${info.lastFrameMs}`);

  const loading = await page.locator('#status').isVisible();
  assert(!loading, 'the "Loading cloudplay…" line is still visible after the first frame');
  assert(!(await page.locator('#fatal').isVisible()), 'the start-up error box is visible');

  // The canvas fills the window and its backing store matches it.
  const size = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight };
  });
  assert(size.w === size.cw && size.h === size.ch && size.w >= 1000,
    `canvas backing store ${size.w}x${size.h} should match its CSS size ${size.cw}x${size.ch}`);

  const png = await page.locator('#canvas').screenshot({ path: artifactPath('app.png') });
  const img = decodePng(png);
  const stats = colourStats(img);
  console.log(`     canvas ${img.width}x${img.height}: ${stats.distinct} colours, dominant ${stats.dominant} ` +
    `covers ${(stats.dominantShare * 100).toFixed(1)}%; screenshot ${artifactPath('app.png')}`);
  // ImGui's default font is a pixel font, so a correct frame has only a handful of
  // colours; a blank (or cleared-only) canvas has one or two.
  assert(stats.distinct >= 5, `canvas looks blank: only ${stats.distinct} distinct colours`);
  assert(stats.dominantShare < 0.95, `canvas looks blank: ${stats.dominant} covers ${(stats.dominantShare * 100).toFixed(1)}%`);

  // Where things should be: menu bar on top, palette on the left (with text in it),
  // grid lines on the canvas, status bar at the bottom.
  const px = (x, y) => { const i = (y * img.width + x) * img.channels; return [img.data[i], img.data[i + 1], img.data[i + 2]]; };
  const luma = ([r, g, b]) => 0.299 * r + 0.587 * g + 0.114 * b;
  const count = (x0, y0, x1, y1, pred) => {
    let n = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (pred(px(x, y))) n++;
    return n;
  };
  const dark = (p) => luma(p) < 110;
  const H = img.height, W = img.width;
  assert(count(0, 0, 200, 18, dark) > 20, 'no menu-bar text in the top-left corner');
  assert(count(0, 40, 200, 140, dark) > 200, 'no service names in the palette on the left');
  assert(count(0, H - 18, 400, H, dark) > 50, 'no status-line text at the bottom');
  // The grid: many canvas rows hold a line colour differing from the canvas background.
  const bg = px(W - 5, Math.floor(H / 2) + 5);
  const differs = (p) => Math.abs(luma(p) - luma(bg)) > 4;
  const gridRows = count(W - 300, 60, W - 299, H - 60, differs);
  assert(gridRows >= 10, `no grid lines on the canvas (${gridRows} line pixels in a column)`);

  // Let a few more frames run so errors raised after start-up are caught too.
  await page.waitForTimeout(500);
  assert(page.problems.length === 0, `console errors or uncaught exceptions:\n  ${page.problems.join('\n  ')}`);
});

test('served files are what the page needs', async () => {
  const url = await serve();
  for (const f of ['index.html', 'loader.js', 'style.css', 'cloudplay.js', 'cloudplay.wasm', 'cloudplay.data']) {
    const r = await fetch(url + f, { method: 'HEAD' });
    assertEqual(r.status, 200, `HTTP status of ${f}`);
  }
  const r = await fetch(url + 'cloudplay.wasm');
  assertEqual(r.headers.get('content-type'), 'application/wasm', 'content type of cloudplay.wasm');
  const bytes = Buffer.from(await r.arrayBuffer());
  assert(bytes.subarray(0, 4).equals(Buffer.from([0, 0x61, 0x73, 0x6d])), 'cloudplay.wasm does not start with \\0asm');
  assert(fs.existsSync(artifactPath('.')), 'artifacts folder missing');
});

await run();
