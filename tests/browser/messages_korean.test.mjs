// What a Korean-speaking newcomer meets first: the chosen language survives a
// reload, and the messages for a file that is not a document or is too big are
// in Korean, each saying the one true thing (no "line 1, column 2", no 20,000
// false follow-on lines).
// Screenshots: $CLOUDPLAY_ARTIFACTS/messages-korean-*.png — look at them.
import { test, run, artifactPath, assert, assertEqual } from './lib.mjs';
import { openEditor, frames, state, click, center } from './editor_lib.mjs';

const openMessages = async (page) => (await page.evaluate(() => window.cloudplay.getMessages())).filter((m) => m.open);

async function chooseKorean(page) {
  let s = await state(page);
  await click(page, center(s.menus['menu.language']));
  s = await state(page);
  assert(s.menus['lang.ko'], 'the Language menu did not open');
  await click(page, center(s.menus['lang.ko']));
  assertEqual((await state(page)).language, 'ko', 'language after choosing 한국어');
}

test('the chosen language is kept across a reload', async () => {
  const page = await openEditor();
  assertEqual((await state(page)).language, 'en', 'language of a browser set to English');
  await chooseKorean(page);
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => window.cloudplay && window.cloudplay.frames >= 3, null, { timeout: 30000 });
  await frames(page, 3);
  assertEqual((await state(page)).language, 'ko', 'language after a reload');
  await page.screenshot({ path: artifactPath('messages-korean-after-reload.png') });
  assert(page.problems.length === 0, `console errors:\n  ${page.problems.join('\n  ')}`);
});

test('opening random bytes or a 10,000-node file: one plain Korean line each', async () => {
  const page = await openEditor();
  await chooseKorean(page);
  // 64 KiB of bytes that are not text (fixed, with NULs and invalid UTF-8).
  const bytes = Buffer.alloc(64 * 1024);
  let x = 12345;
  for (let i = 0; i < bytes.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = (x >>> 16) & 0xff;
  }
  await page.locator('#cloudplay-file-input').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: bytes });
  await page.waitForFunction(() => window.cloudplay.getMessages().some((m) => m.open && m.id === 'import_error'),
    null, { timeout: 10000 });
  let msg = (await openMessages(page)).find((m) => m.id === 'import_error');
  assertEqual(msg.lines.length, 1, `one line: ${JSON.stringify(msg.lines)}`);
  assert(msg.lines[0].startsWith('cloudplay 문서가 아닙니다.'), `says it is not a document, in Korean: ${msg.lines[0]}`);
  assert(!/line|column|줄/.test(msg.lines[0]), `no line and column: ${msg.lines[0]}`);
  await frames(page, 2);
  await page.screenshot({ path: artifactPath('messages-korean-not-a-document.png') });

  // 10,000 nodes, every connection from "users" (which exists): only the limit error.
  const nodes = [{ id: 'users', type: 'users', region: 'us-east-1', params: {} }];
  const connections = [];
  for (let i = 1; i < 10000; i++) {
    nodes.push({ id: `web${i}`, type: 'compute', region: 'us-east-1', az: 'use1-az1' });
    connections.push({ from: 'users', to: `web${i}` });
  }
  const big = JSON.stringify({ version: 1, regions: [{ code: 'us-east-1', azs: ['use1-az1'] }], nodes, connections });
  const errors = await page.evaluate((t) => window.cloudplay.loadDocument(t), big);
  assertEqual(errors.length, 1, `one error: ${JSON.stringify(errors.slice(0, 3))}`);
  assertEqual(errors[0].message, 'has 10000 nodes; a document may have at most 2000.', 'the English text');
  msg = (await openMessages(page)).find((m) => m.id === 'import_error');
  assertEqual(msg.lines.length, 1, `one line: ${JSON.stringify(msg.lines.slice(0, 3))}`);
  assertEqual(msg.lines[0], 'nodes: 노드가 10000개입니다. 문서 하나에는 노드를 최대 2000개까지 둘 수 있습니다.',
    'the limit error in Korean');
  await frames(page, 2);
  await page.screenshot({ path: artifactPath('messages-korean-too-many-nodes.png') });
  assert(page.problems.length === 0, `console errors:\n  ${page.problems.join('\n  ')}`);
});

await run();
