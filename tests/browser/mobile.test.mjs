// A shared link on a phone (390×844, touch, devicePixelRatio 3): it opens as a
// view (no palette, the diagram fitted), one finger pans, two fingers pinch-zoom,
// a tap on Play runs it with the plots below. Saves mobile-*.png in
// $CLOUDPLAY_ARTIFACTS: look at them.
import fs from 'node:fs';
import path from 'node:path';
import { test, run, serve, browser, waitForFrames, artifactPath, assert, assertEqual, ROOT } from './lib.mjs';
import { openEditor, frames, state } from './editor_lib.mjs';
import { KO, runState, waitRun } from './run_lib.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 };

// A share link of an example, made by the desktop app.
async function shareLinkOf(file) {
  const page = await openEditor();
  const text = fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8');
  const errors = await page.evaluate((t) => window.cloudplay.loadDocument(t), text);
  assert(Array.isArray(errors) && errors.length === 0, `example ${file}: ${JSON.stringify(errors)}`);
  await frames(page, 3);
  const link = await page.evaluate(() => window.cloudplay.shareLink());
  assert(link.includes('#'), `a share link: ${link.slice(0, 80)}`);
  await page.context().close();
  return link;
}

async function openOnPhone(link, initScript = null) {
  const b = await browser();
  const context = await b.newContext({ ...PHONE, locale: 'en-US' });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.problems = [];
  page.logs = [];
  page.on('console', (m) => { page.logs.push(m.text()); if (m.type() === 'error') page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(`uncaught exception: ${e.message}`));
  await page.goto(link, { waitUntil: 'load' });
  await waitForFrames(page, 3);
  await frames(page, 5);
  page.cdp = await context.newCDPSession(page);
  return page;
}

const onCanvas = (n, c) => n.x >= c.x - 0.5 && n.y >= c.y - 0.5 && n.x + n.w <= c.x + c.w + 0.5 && n.y + n.h <= c.y + c.h + 0.5;

// Touches through the DevTools protocol (real TouchEvents, as a phone sends them);
// each step lasts a frame, as ImGui reads input once per frame.
async function touch(page, type, points) {
  await page.cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, i) => ({ x: p.x, y: p.y, id: i })) });
  await frames(page, 1);
}
async function drag(page, from, to, steps = 6) {
  await touch(page, 'touchStart', [from]);
  for (let i = 1; i <= steps; i++)
    await touch(page, 'touchMove', [{ x: from.x + (to.x - from.x) * i / steps, y: from.y + (to.y - from.y) * i / steps }]);
  await touch(page, 'touchEnd', []);
}
async function pinch(page, c, d0, d1, steps = 6) {
  const at = (d) => [{ x: c.x - d / 2, y: c.y }, { x: c.x + d / 2, y: c.y }];
  await touch(page, 'touchStart', at(d0));
  for (let i = 1; i <= steps; i++) await touch(page, 'touchMove', at(d0 + (d1 - d0) * i / steps));
  await touch(page, 'touchEnd', []);
}

let link = '';

test('a shared link opens on a phone as a view: no palette, the whole diagram on screen', async () => {
  link = await shareLinkOf('three-tier-web.json');
  const page = await openOnPhone(link);
  const s = await state(page);
  assert(s.viewOnly, 'a 390-px touch screen is view only');
  assertEqual(s.palette.length, 0, 'palette items drawn');
  assert(s.nodes.length >= 4, `the example's nodes (${s.nodes.length})`);
  for (const n of s.nodes) assert(onCanvas(n, s.canvas), `node ${n.id} ${JSON.stringify(n)} is on the canvas ${JSON.stringify(s.canvas)}`);
  assert(s.canvas.w >= 380, `the canvas takes the phone's width (${s.canvas.w})`);
  assert(!s.menus['menu.edit'] && !s.menus['menu.regions'], `no editing menus: ${Object.keys(s.menus)}`);
  await page.screenshot({ path: artifactPath('mobile-open.png') });
  assert(page.problems.length === 0, page.problems.join('; '));
});

test('one finger pans, two fingers pinch-zoom', async () => {
  const page = await openOnPhone(link);
  const s0 = await state(page);
  const c = { x: s0.canvas.x + s0.canvas.w / 2, y: s0.canvas.y + s0.canvas.h / 2 };
  await drag(page, c, { x: c.x + 60, y: c.y + 40 });
  await frames(page, 2);
  const s1 = await state(page);
  const n0 = s0.nodes[0], n1 = s1.nodes.find((n) => n.id === n0.id);
  assert(Math.abs(n1.x - n0.x - 60) < 3 && Math.abs(n1.y - n0.y - 40) < 3,
    `a one-finger drag of (60, 40) moved ${n0.id} by (${(n1.x - n0.x).toFixed(1)}, ${(n1.y - n0.y).toFixed(1)})`);
  assertEqual(JSON.stringify((await state(page)).selection.nodes), '[]', 'a drag selects nothing');
  await pinch(page, c, 80, 240);
  await frames(page, 2);
  const s2 = await state(page);
  const ratio = s2.zoom / s1.zoom;
  assert(ratio > 2.6 && ratio < 3.4, `spreading two fingers from 80 to 240 px zooms about 3x (${ratio.toFixed(2)})`);
  await page.screenshot({ path: artifactPath('mobile-pinched.png') });
  // The document did not change: a phone only looks.
  assert(!s2.canUndo, 'nothing was edited');
  assert(page.problems.length === 0, page.problems.join('; '));
});

for (const lang of ['en', 'ko']) {
  test(`tapping Play runs the link on a phone, plots below (${lang})`, async () => {
    const page = await openOnPhone(link, lang === 'ko' ? KO : null);
    const r0 = await runState(page);
    const play = r0.rects.play;
    assert(play && play.x >= 0 && play.x + play.w <= 390, `Play is on screen: ${JSON.stringify(play)}`);
    await page.touchscreen.tap(play.x + play.w / 2, play.y + play.h / 2);
    const r1 = await waitRun(page, (x) => x.playing && x.t_s > 2, 'the run to play 2 s after a tap on Play');
    assert(r1.playing, 'playing');
    await frames(page, 10);
    const s = await state(page);
    for (const n of s.nodes) assert(n.y + n.h <= s.canvas.y + s.canvas.h + 0.5, `node ${n.id} stays above the plots`);
    const R = (await runState(page)).rects;
    assert(R.bar.x + R.bar.w <= 390.5, `the toolbar fits the phone (${JSON.stringify(R.bar)})`);
    await page.screenshot({ path: artifactPath(`mobile-playing-${lang}.png`) });
    assert(page.problems.length === 0, page.problems.join('; '));
  });
}

await run();
