// The example's story in the app: the "What to watch" panel opens with the example
// in the UI language, closes with its close box and comes back (button, View menu);
// a moment's button jumps the run there and plays; opening an example sets its
// speed. Also the keep-up notice (what the run reaches, a speed it keeps) and the
// frame time, hidden until View > Frame time.
// Saves story-en.png, story-ko.png and run-keep-up.png in $CLOUDPLAY_ARTIFACTS: look at them.
import fs from 'node:fs';
import path from 'node:path';
import { test, run, ROOT, artifactPath, assert, assertEqual } from './lib.mjs';
import { openEditor, frames, state, click, center } from './editor_lib.mjs';
import { KO, runState, waitRun } from './run_lib.mjs';

const HANGUL = /[\uac00-\ud7a3]/;
const storyState = (page) => page.evaluate(() => window.cloudplay.story.state());
const exampleJson = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'));

// Opens an example the way the File menu does (Documents::open_example).
async function openExampleFromMenu(page, file) {
  const ok = await page.evaluate((f) => window.cloudplay.openExample(f), file);
  assert(ok === true, `the example ${file} should open`);
  await frames(page, 4);
}

for (const lang of ['en', 'ko']) {
  test(`the story panel opens with the example, in ${lang}, and its moments jump the run`, async () => {
    const page = await openEditor({ width: 1280, height: 800, initScript: lang === 'ko' ? KO : null });
    assertEqual((await state(page)).language, lang, 'language');
    const file = 'route53-failover-two-regions.json';
    const ex = exampleJson(file);
    await openExampleFromMenu(page, file);
    await page.screenshot({ path: artifactPath(`story-${lang}.png`) });
    let st = await storyState(page);
    assert(st.available && st.open, `the panel opens with the example: ${JSON.stringify({ available: st.available, open: st.open })}`);
    const ko = lang === 'ko';
    assertEqual(st.title, ko ? ex.story.name_ko : ex.name, 'the panel title');
    assertEqual(st.text, ko ? ex.story.ko : ex.story.en, 'the story text');
    assert(ko ? HANGUL.test(st.text) : !HANGUL.test(st.text), 'the story is in the UI language');
    assertEqual(st.moments.length, ex.story.moments.length, 'moments listed');
    assertEqual(st.moments[0].clock, '2:00', 'the first moment\'s time');
    assertEqual(st.moments[0].text, ko ? ex.story.moments[0].ko : ex.story.moments[0].en, 'the first moment\'s text');
    assert(st.rects.panel && st.rects.moments && st.rects.moments.length === ex.story.moments.length,
      'every moment has its button on screen');
    const canvas = (await state(page)).canvas;
    const p = st.rects.panel;
    // Beside the canvas, which gave it room: the diagram is not hidden under it.
    assert(p.x >= canvas.x + canvas.w - 1 && p.x + p.w <= 1280 && p.y >= canvas.y - 1 && p.y + p.h <= canvas.y + canvas.h + 1,
      `the panel sits at the canvas' right: ${JSON.stringify(p)}, canvas ${JSON.stringify(canvas)}`);
    for (const n of (await state(page)).nodes)
      assert(n.x + n.w <= canvas.x + canvas.w + 1 && n.x >= canvas.x - 1, `node ${n.id} is on the canvas, not under the panel`);
    for (const m of st.rects.moments.slice(0, 4)) assert(m.y + m.h <= p.y + p.h + 1, `moment ${m.clock} is inside the panel`);
    // The example names its speed: the run starts at it.
    let r = await runState(page);
    assertEqual(r.speed, ex.settings.speed, 'the run\'s speed after opening the example');

    // A moment's button jumps the run there (replayed: the same moment every time) and plays on.
    const m = st.rects.moments[3];
    await click(page, center(m));
    r = await waitRun(page, (x) => !x.seeking && x.t_s >= m.at_s, `the jump to ${m.clock}`);
    assert(r.playing, 'the run plays on from the moment');
    await page.evaluate(() => window.cloudplay.run.pause());
    r = await runState(page);
    assert(r.t_s >= m.at_s && r.t_s < m.at_s + 60, `the run is at the moment (${r.t_s} s, moment ${m.at_s} s)`);
    await frames(page, 2);
    st = await storyState(page);
    assertEqual(st.rects.current, 3, 'the moment the run is in is highlighted');
    // Same moment, same run: jumping back there again gives the same state.
    await page.evaluate(() => window.cloudplay.run.seek(200));
    const a = await waitRun(page, (x) => !x.seeking && Math.abs(x.t_s - 200) < 1e-6, 'seek to 200 s');
    assert((await page.evaluate(() => window.cloudplay.story.jump(3))).ok, 'jump through the hook');
    await page.evaluate(() => window.cloudplay.run.pause());
    await page.evaluate(() => window.cloudplay.run.seek(200));
    const b = await waitRun(page, (x) => !x.seeking && Math.abs(x.t_s - 200) < 1e-6, 'seek to 200 s again');
    assertEqual(b.traceHash, a.traceHash, 'the run at 3:20, before and after jumping around');

    // The close box hides the panel; the button in its corner brings it back.
    await click(page, center(st.rects.close));
    st = await storyState(page);
    assert(!st.open, 'the close box closes the panel');
    assert(st.rects.reopen, 'a button to bring it back is on the canvas');
    await click(page, center(st.rects.reopen));
    st = await storyState(page);
    assert(st.open, 'the button reopens the panel');
    // View > What to watch closes and reopens it too.
    await click(page, center((await state(page)).menus['menu.view']));
    const item = (await state(page)).menus['story.menu'];
    assert(item, 'the View menu has the story item');
    await click(page, center(item));
    assert(!(await storyState(page)).open, 'View > What to watch closes it');
    assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
  });
}

test('every example names its speed; opening it sets the run\'s speed, a document without one starts at 1×', async () => {
  const page = await openEditor({ width: 1280, height: 800 });
  const list = await page.evaluate(() => window.cloudplay.examples());
  assert(list.length >= 9, `examples in the menu: ${list.length}`);
  for (const e of list) {
    await openExampleFromMenu(page, e.file);
    const ex = exampleJson(e.file);
    const r = await runState(page);
    assertEqual(r.speed, ex.settings.speed, `speed after opening ${e.file}`);
    const st = await storyState(page);
    assert(st.open && st.moments.length >= 2, `${e.file}: the story panel is open with its moments`);
    assert(!/--[a-z]/.test(st.text) && !/--[a-z]/.test(e.description), `${e.file}: no command-line flags in the story`);
  }
  // A user's speed is not kept into a document that names none: it starts at 1×.
  await page.evaluate(() => window.cloudplay.run.speed(200));
  const plain = exampleJson('mm1-queue.json');
  delete plain.settings.speed;
  delete plain.story;
  plain.name = 'My queue';
  const errors = await page.evaluate((t) => window.cloudplay.loadDocument(t), JSON.stringify(plain));
  assertEqual(errors.length, 0, 'the plain document loads');
  await frames(page, 3);
  assertEqual((await runState(page)).speed, 1, 'speed of a document without settings.speed');
  assert(!(await storyState(page)).available, 'no story, no description: no panel');
  assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
});

test('the examples menu speaks Korean: names and stories', async () => {
  const page = await openEditor({ width: 1280, height: 800, initScript: KO });
  const list = await page.evaluate(() => window.cloudplay.examples());
  for (const e of list) {
    assert(HANGUL.test(e.name), `${e.file}: Korean name in the menu (${e.name})`);
    assert(HANGUL.test(e.description), `${e.file}: Korean story in the menu's tooltip`);
  }
});

test('the keep-up notice says what the run reaches and offers a speed it keeps', async () => {
  const page = await openEditor({ width: 1280, height: 800 });
  await openExampleFromMenu(page, 'three-tier-web.json');
  // A tiny per-frame budget stands in for a slow computer.
  await page.evaluate(() => { window.cloudplay.run.budget(0.3, 2000); window.cloudplay.run.speed(1000); window.cloudplay.run.play(); });
  let r = await waitRun(page, (x) => x.keepUp && x.keepUp.cause === 'simulation' && x.rects.keepUp, 'the keep-up notice', 30000);
  const k = r.keepUp;
  assert(k.achieved > 0 && k.achieved < 1000, `the speed reached is measured: ${k.achieved}`);
  assert(k.suggested > 0 && k.suggested < k.achieved, `it offers a speed below what it reaches: ${k.suggested} (reaches ${k.achieved})`);
  assert(/reaches \d+(\.\d)?× of the 1000× chosen/.test(k.text), `the notice's words: ${k.text}`);
  await page.screenshot({ path: artifactPath('run-keep-up.png') });
  // The offer follows what the run reaches, frame by frame: on a loaded machine it may drop between
  // reading it and the click, so the speed set is at most an offer shown, and no longer the 1000× chosen.
  const shown = (await runState(page)).keepUp.suggested;
  await click(page, center(r.rects.keepUp));
  r = await runState(page);
  assert(r.speed > 0 && r.speed <= Math.max(shown, k.suggested) && r.speed !== 1000,
    `the button sets the offered speed: ${r.speed} (offered ${shown}, first ${k.suggested}, reaches ${k.achieved})`);
  await page.evaluate(() => window.cloudplay.run.pause());

  // Slow drawing (the page blocked 400 ms a frame): the notice says so, and offers no speed.
  await page.evaluate(() => { window.cloudplay.run.budget(6, 400000); window.cloudplay.run.speed(1); window.cloudplay.run.play(); });
  await page.evaluate(() => {
    window.__block = setInterval(() => { const t = performance.now(); while (performance.now() - t < 400); }, 0);
  });
  r = await waitRun(page, (x) => x.keepUp && x.keepUp.cause === 'drawing', 'the slow-drawing notice', 30000);
  await page.evaluate(() => clearInterval(window.__block));
  assert(r.keepUp.achieved < 0.9, `at 1× with ~2 frames a second the run reaches less than 1× (${r.keepUp.achieved})`);
  assert(!/reaches 1× of the 1× chosen/.test(r.keepUp.text), `not "1× of 1×": ${r.keepUp.text}`);
  assert(/frames a second/.test(r.keepUp.text), `the notice names the cause: ${r.keepUp.text}`);
  assertEqual(r.keepUp.suggested, 0, 'no speed to offer when drawing is the limit');
});

test('the frame time is hidden until View > Frame time turns it on (and it stays on)', async () => {
  const page = await openEditor({ width: 1280, height: 800 });
  let s = await state(page);
  assert(s.frameTimeShown === false, 'frame time hidden by default');
  await click(page, center(s.menus['menu.view']));
  s = await state(page);
  assert(s.menus['menu.frame_time'], 'the View menu has Frame time');
  await click(page, center(s.menus['menu.frame_time']));
  s = await state(page);
  assert(s.frameTimeShown === true, 'View > Frame time shows it');
  assertEqual(await page.evaluate(() => localStorage.getItem('cloudplay.frame_time')), 'on', 'the choice is kept');
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => window.cloudplay && window.cloudplay.frames > 3, null, { timeout: 60000 });
  assert((await state(page)).frameTimeShown === true, 'still shown after a reload');
});

await run();
