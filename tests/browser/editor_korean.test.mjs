// The editor in Korean: switch the language from the menu, see Hangul rendered
// (menus, palette, frames, inspector), and name a service in Korean through an
// IME (Chromium's composition events, driven over CDP as a Korean keyboard would).
// Screenshots: $CLOUDPLAY_ARTIFACTS/editor-korean*.png — look at them.
import { test, run, artifactPath, assert, assertEqual, decodePng } from './lib.mjs';
import { openEditor, frames, state, documentOf, frameRect, click, press, dropService, center } from './editor_lib.mjs';

// Share of dark "ink" pixels in a rectangle of a screenshot.
function ink(img, r) {
  let n = 0, dark = 0;
  for (let y = Math.floor(r.y); y < r.y + r.h; y++) {
    for (let x = Math.floor(r.x); x < r.x + r.w; x++) {
      const i = (y * img.width + x) * img.channels;
      const l = 0.299 * img.data[i] + 0.587 * img.data[i + 1] + 0.114 * img.data[i + 2];
      n++;
      if (l < 140) dark++;
    }
  }
  return dark / n;
}

test('switching to Korean from the menu renders Hangul', async () => {
  const page = await openEditor();
  let s = await state(page);
  assertEqual(s.language, 'en', 'language of a browser set to English');
  assert(s.hangulFont, 'the Hangul font (NanumGothic subset) was not loaded from /assets/fonts');
  assert(s.warningGlyph, 'the ⚠ glyph (DejaVu Sans subset merged into the UI font) is missing: help texts would show "?"');
  await click(page, center(s.menus['menu.language']));
  s = await state(page);
  assert(s.menus['lang.ko'], 'the Language menu did not open');
  await click(page, center(s.menus['lang.ko']));
  s = await state(page);
  assertEqual(s.language, 'ko', 'language after choosing 한국어');

  const az1 = await frameRect(page, 'use1-az1');
  await dropService(page, 'ec2', { x: az1.x + az1.w / 2, y: az1.y + 120 });
  await frames(page, 2);
  const png = await page.screenshot({ path: artifactPath('editor-korean.png') });
  const img = decodePng(png);
  s = await state(page);
  // Hangul glyphs are dense: the menu bar text and the palette names carry ink (a
  // missing font would draw nothing or '?' boxes at a very different density).
  const palette = s.palette[0];
  const inkNames = ink(img, { x: palette.x + 40, y: palette.y, w: 120, h: palette.h });
    console.log(`     ink: palette names ${(inkNames * 100).toFixed(1)}%`);
  assert(inkNames > 0.005, `no text in the Korean palette (${inkNames})`);
  const d = await documentOf(page);
  assert(/[\uac00-\ud7a3]/.test(d.nodes[0].name), `a node added in Korean gets a Korean name: ${d.nodes[0].name}`);
  assert(page.problems.length === 0, `console errors:\n  ${page.problems.join('\n  ')}`);
});

test('the browser language picks the default; a Korean name typed through the IME', async () => {
  const page = await openEditor({
    initScript: () => Object.defineProperty(navigator, 'language', { get: () => 'ko-KR' }),
  });
  let s = await state(page);
  assertEqual(s.language, 'ko', 'language of a browser set to ko-KR');
  const az1 = await frameRect(page, 'use1-az1');
  const node = await dropService(page, 'ec2', { x: az1.x + az1.w / 2, y: az1.y + 120 });
  s = await state(page);
  await click(page, center(s.inspector.fields.name));
  await press(page, 'Control+a');
  await press(page, 'Backspace');
  // A Korean IME: composition updates, then the committed syllables.
  const cdp = await page.context().newCDPSession(page);
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  assertEqual(focused, 'cloudplay-text-input', 'element focused while the name field is active');
  for (const [composing, commit] of [['ㅇ', null], ['웨', null], ['웹', '웹'], [' ', ' '], ['ㅅ', null], ['서', '서'], ['ㅂ', null], ['버', '버']]) {
    await cdp.send('Input.imeSetComposition', { text: composing, selectionStart: composing.length, selectionEnd: composing.length });
    if (commit) await cdp.send('Input.insertText', { text: commit });
    await frames(page, 1);
  }
  await cdp.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 });
  await frames(page, 2);
  await page.screenshot({ path: artifactPath('editor-korean-ime.png') });
  await press(page, 'Enter');
  const d = await documentOf(page);
  assertEqual(d.nodes.find((n) => n.id === node.id).name, '웹 서버', 'node name typed through the IME');
  s = await state(page);
  assert(s.canUndo, 'the rename is an undo step');
  await page.screenshot({ path: artifactPath('editor-korean-named.png') });
});

await run();
