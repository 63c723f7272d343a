// Presenter mode and the scripted demo (ui/presenter.h): a link opens the Aurora example's
// demo at step 1 in presenter mode (chrome hidden, text 1.6x); Space and PageDown advance
// two steps, PageUp goes back one, and the step's moment is replayed exactly; A opens the
// audience window, which follows the presenter's steps and seeks over a BroadcastChannel and
// is read-only until the presenter allows editing; a share link with &present=1&step=4 opens
// at step 4; Esc leaves. Saves present.png (1920x1080, spotlight and laser pointer on) and
// present-audience.png in $CLOUDPLAY_ARTIFACTS: look at them.
import fs from 'node:fs';
import { test, run, serve, newPage, waitForFrames, artifactPath, assert, assertEqual, decodePng } from './lib.mjs';
import { frames, state } from './editor_lib.mjs';
import { runState } from './run_lib.mjs';

const FILE = 'aurora-survives-az-outage.json';
const present = (page) => page.evaluate(() => window.cloudplay.present.state());

async function openAt(hash, { width = 1920, height = 1080 } = {}) {
  const url = await serve();
  const page = await newPage({ width, height });
  await page.goto(`${url}#${hash}`, { waitUntil: 'load' });
  await waitForFrames(page, 3);
  await frames(page, 3);
  return page;
}

// Polls presenter mode's state until pred holds (and no seek is under way).
async function waitPresent(page, pred, what, timeout = 60000) {
  const t0 = Date.now();
  let s;
  while (Date.now() - t0 < timeout) {
    s = await present(page);
    if (!s.seeking && pred(s)) return s;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify({ step: s.step, t_s: s.t_s, active: s.active, received: s.received })}`);
}

// A key held for two frames: ImGui 1.86 reads key state once a frame, so a press and
// release inside one frame (a loaded machine) would never be seen.
async function press(page, key) {
  await page.keyboard.down(key);
  await frames(page, 2);
  await page.keyboard.up(key);
  await frames(page, 1);
}

const pixel = (img, x, y) => {
  const i = (Math.round(y) * img.width + Math.round(x)) * img.channels;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
};
const luma = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const meanLuma = (img, cx, cy, half) => {
  let sum = 0, n = 0;
  for (let y = cy - half; y <= cy + half; y += 2)
    for (let x = cx - half; x <= cx + half; x += 2) sum += luma(pixel(img, x, y)), n++;
  return sum / n;
};
// Mean absolute difference of two screenshots over a square round (cx, cy).
function meanDiff(a, b, cx, cy, half) {
  let sum = 0, n = 0;
  for (let y = cy - half; y <= cy + half; y += 2)
    for (let x = cx - half; x <= cx + half; x += 2) {
      const p = pixel(a, x, y), q = pixel(b, x, y);
      sum += Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]);
      n += 3;
    }
  return sum / n;
}

test('a demo link opens presenter mode; steps go forward and back, replayed; the audience window follows', async () => {
  const page = await openAt(`example=${FILE}&present=1&step=1`);
  let s = await waitPresent(page, (x) => x.active && x.step === 1 && Math.abs(x.t_s - 30) < 1e-6, 'step 1 at 0:30');
  assertEqual(s.steps, 6, 'the demo\'s steps');
  assert(s.chromeHidden && s.readOnly, 'presenter mode hides the editing chrome');
  assert(Math.abs(s.fontSize - 15 * 1.6) < 0.5, `text is 1.6x larger: font size ${s.fontSize}`);
  assertEqual(JSON.stringify(s.hidden), '["db"]', 'the database is revealed at step 2, hidden before');
  assert((await state(page)).viewOnly, 'the canvas takes no edits');
  // The run toolbar keeps what a demo needs; record, seed and CSV (editing tools) are gone.
  const bar = (await runState(page)).rects;
  assert(bar.play && bar.speed, `play and speed stay: ${JSON.stringify(Object.keys(bar))}`);
  for (const k of ['rec', 'seed', 'csv', 'more']) assert(!bar[k], `presenter mode's toolbar has no ${k}`);
  assert(s.overlay.w > 0 && s.overlay.x + s.overlay.w <= 1920, `the notes overlay is on screen: ${JSON.stringify(s.overlay)}`);

  // Forward two (Space, PageDown: a clicker), back one (PageUp).
  await press(page, 'Space');
  s = await waitPresent(page, (x) => x.step === 2, 'step 2');
  assertEqual(s.t_s, 60, 'step 2\'s moment');
  assertEqual(s.hidden.length, 0, 'step 2 reveals the database');
  await press(page, 'PageDown');
  s = await waitPresent(page, (x) => x.step === 3 && x.t_s >= 121, 'step 3');
  assert(s.playing, 'step 3 plays on (it names a speed)');
  await page.waitForTimeout(1500);
  await press(page, 'PageUp');
  s = await waitPresent(page, (x) => x.step === 2, 'back to step 2');
  assertEqual(s.t_s, 60, 'going back replays to step 2\'s moment exactly');
  assert(!s.playing, 'step 2 waits at its moment');
  assert(s.notes.includes('Aurora DB cluster'), `step 2's notes: ${s.notes}`);
  assert(s.next.startsWith('use1-az1'), `the next step's title: ${s.next}`);

  // The audience window (A): the same demo, following.
  const popupP = page.waitForEvent('popup', { timeout: 20000 });
  await press(page, 'a');
  const audience = await popupP;
  audience.problems = [];
  audience.on('pageerror', (e) => audience.problems.push(`uncaught exception: ${e.message}`));
  await audience.setViewportSize({ width: 1280, height: 800 });
  await waitForFrames(audience, 3);
  let a = await waitPresent(audience, (x) => x.active && x.step === 2 && Math.abs(x.t_s - 60) < 1e-6, 'the audience at step 2');
  assert(a.audience && a.readOnly, 'the audience window is read-only');
  assert((await state(audience)).viewOnly, 'the audience canvas takes no edits');
  await page.bringToFront();
  await press(page, 'ArrowRight');
  await waitPresent(page, (x) => x.step === 3, 'the presenter at step 3');
  a = await waitPresent(audience, (x) => x.step === 3 && x.t_s >= 121 && x.received > 0, 'the audience follows to step 3');
  await press(page, 'ArrowLeft');
  s = await waitPresent(page, (x) => x.step === 2, 'the presenter back at step 2');
  a = await waitPresent(audience, (x) => x.step === 2 && Math.abs(x.t_s - 60) < 1e-6 && !x.playing, 'the audience back at step 2');
  // A seek on the presenter's timeline, not a step: the audience follows it too.
  await page.evaluate(() => window.cloudplay.run.seek(90));
  a = await waitPresent(audience, (x) => Math.abs(x.t_s - 90) < 1e-6, 'the audience follows a seek to 1:30');
  await page.evaluate(() => window.cloudplay.present.allowEdit(true));
  a = await waitPresent(audience, (x) => x.allowEdit && !x.readOnly, 'the audience may edit');
  assert(!(await state(audience)).viewOnly, 'with editing allowed, the audience canvas edits');
  await audience.screenshot({ path: artifactPath('present-audience.png') });
  await page.evaluate(() => window.cloudplay.present.allowEdit(false));
  await waitPresent(audience, (x) => x.readOnly, 'the audience read-only again');

  // The scripted fault of step 6 (two more storage copies fail at 6:30) is in the run's timeline.
  await page.evaluate(() => window.cloudplay.present.go(6));
  s = await waitPresent(page, (x) => x.step === 6 && x.t_s === 400, 'step 6');
  const r = await page.evaluate(() => window.cloudplay.run.state());
  assert(JSON.stringify(r.faults).includes('fail_parts'), `the demo's scripted fault is in the timeline: ${JSON.stringify(r.faults)}`);
  await page.evaluate(() => window.cloudplay.present.go(2));
  await waitPresent(page, (x) => x.step === 2 && x.t_s === 60, 'step 2 again');

  // The 1920x1080 projector screenshot: laser pointer over the web tier, spotlight on.
  const web = (await state(page)).nodes.find((n) => n.id === 'web');
  const spot = { x: web.x + web.w / 2, y: web.y + web.h / 2 };
  await page.mouse.move(spot.x - 200, spot.y + 60);
  await frames(page, 2);
  for (let i = 1; i <= 8; ++i) {
    await page.mouse.move(spot.x - 200 + i * 25, spot.y + 60 - i * 7.5);
    await frames(page, 1);
  }
  await frames(page, 2);
  const plain = decodePng(await page.screenshot({ path: artifactPath('present-laser.png') }));
  await press(page, 's');
  await waitPresent(page, (x) => x.spotlight, 'the spotlight');
  await page.mouse.move(spot.x + 2, spot.y);
  await page.mouse.move(spot.x, spot.y);
  await frames(page, 3);
  const shot = await page.screenshot({ path: artifactPath('present.png') });
  const img = decodePng(shot);
  assertEqual(img.width, 1920, 'screenshot width');
  const dot = pixel(img, spot.x + 5, spot.y);  // the red ring round the dot's pale centre
  assert(dot[0] > 180 && dot[1] < 90 && dot[2] < 90, `the laser dot is red at the cursor: rgb ${dot}`);
  // Inside the spotlight the picture is as it was (not painted over); outside it is dark.
  const inner = meanDiff(img, plain, spot.x + 60, spot.y - 60, 30);
  assert(inner < 6, `inside the spotlight the view is unchanged: mean difference ${inner.toFixed(1)}`);
  const far = meanLuma(img, 60, 1000, 20), farBefore = meanLuma(plain, 60, 1000, 20);
  assert(far < farBefore * 0.5, `outside the spotlight it is dark: luma ${far.toFixed(0)} (was ${farBefore.toFixed(0)})`);
  console.log(`  present.png: laser rgb ${dot}, spotlight inside diff ${inner.toFixed(1)}, outside luma ${far.toFixed(0)} of ${farBefore.toFixed(0)}`);

  // Esc leaves: text and chrome come back.
  await press(page, 'Escape');
  s = await waitPresent(page, (x) => !x.active, 'leaving presenter mode');
  await frames(page, 3);
  assertEqual((await present(page)).fontZoom, 1, 'font zoom after leaving');
  assert(!(await state(page)).viewOnly, 'editing again after leaving');
  assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
  assert(audience.problems.length === 0, `audience problems: ${audience.problems.join('; ')}`);

  // A share link with &present=1&step=4 opens the demo at step 4, in another browser.
  const link = await page.evaluate(() => window.cloudplay.shareLink());
  assert(link.includes('#v1.'), `a share link: ${link.slice(0, 60)}`);
  const student = await newPage({ width: 1280, height: 800 });
  await student.goto(`${link}&present=1&step=4`, { waitUntil: 'load' });
  await waitForFrames(student, 3);
  const st = await waitPresent(student, (x) => x.active && x.step === 4 && x.t_s === 145, 'the share link at step 4');
  assert(!st.audience, 'a student steps on their own');
  await press(student, 'ArrowRight');
  await waitPresent(student, (x) => x.step === 5 && x.t_s >= 305, 'the student at step 5');
  assert(fs.existsSync(artifactPath('present.png')), 'present.png saved');
});

await run();
