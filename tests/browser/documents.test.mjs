// Documents on the real page: autosave across reloads, share links opened in a
// new page, broken links and a damaged autosave (messages, saved work untouched),
// importing files (picker and drag-and-drop), exporting JSON and PNG.
// Screenshots of every message state go to $CLOUDPLAY_ARTIFACTS/documents-*.png.
import fs from 'node:fs';
import path from 'node:path';
import {
  test, run, serve, browser, waitForFrames, artifactPath, decodePng, assert, assertEqual, ROOT,
} from './lib.mjs';

const AUTOSAVE = 'cloudplay.autosave.v1';

// A context of our own (locale for Korean; storage shared by its pages).
async function newContext({ locale = 'en-US', width = 1280, height = 800 } = {}) {
  const b = await browser();
  const context = await b.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale, acceptDownloads: true });
  return context;
}

async function open(context, url) {
  const page = await context.newPage();
  page.problems = [];
  page.logs = [];
  page.on('console', (m) => {
    page.logs.push(`[${m.type()}] ${m.text()}`);
    if (m.type() === 'error') page.problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`uncaught exception: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  await waitForFrames(page, 3);
  return page;
}

const getDocument = (page) => page.evaluate(() => window.cloudplay.getDocument());
const getMessages = (page) => page.evaluate(() => window.cloudplay.getMessages());
const storage = (page, key) => page.evaluate((k) => window.localStorage.getItem(k), key);
const openMessages = async (page) => (await getMessages(page)).filter((m) => m.open);

// The first example the engine accepts (examples/ grows while the engine is built).
async function loadSomeExample(page) {
  const files = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort();
  const tried = [];
  for (const f of files.sort((a, b) => (a === 'three-tier-web.json' ? -1 : b === 'three-tier-web.json' ? 1 : 0))) {
    const text = fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8');
    const errors = await page.evaluate((t) => window.cloudplay.loadDocument(t), text);
    if (errors.length === 0) return { file: f, text };
    tried.push(`${f}: ${errors[0].path}: ${errors[0].message}`);
  }
  throw new Error(`no example in examples/ loads:\n  ${tried.join('\n  ')}`);
}

async function waitForAutosave(page, expected, timeout = 5000) {
  await page.waitForFunction(([k, want]) => window.localStorage.getItem(k) === want, [AUTOSAVE, expected],
    { timeout, polling: 100 });
}

async function shot(page, name) {
  await page.waitForTimeout(150);  // a couple of frames, so the banner is drawn
  await page.locator('#canvas').screenshot({ path: artifactPath(name) });
  console.log(`     screenshot ${artifactPath(name)}`);
}

test('autosave: the work comes back after a reload, and nothing is saved before an edit', async () => {
  const url = await serve();
  const context = await newContext();
  try {
    const page = await open(context, url);
    assertEqual(await storage(page, AUTOSAVE), null, 'autosave written before any edit');
    const { file } = await loadSomeExample(page);
    const doc = await getDocument(page);
    await waitForAutosave(page, doc);
    await page.reload({ waitUntil: 'load' });
    await waitForFrames(page, 3);
    assertEqual(await getDocument(page), doc, `document after reload (${file})`);
    assertEqual((await openMessages(page)).length, 0, 'messages after a normal reload');
    // An edit followed at once by a reload (before the 1 s autosave delay) is not lost:
    // the page saves when it is hidden.
    const errors = await page.evaluate(() => window.cloudplay.loadDocument('{"version": 1, "name": "Quick edit"}'));
    assertEqual(errors.length, 0, 'load errors');
    const quick = await getDocument(page);
    await page.reload({ waitUntil: 'load' });
    await waitForFrames(page, 3);
    assertEqual(await getDocument(page), quick, 'document after an immediate reload');
    assert(page.problems.length === 0, page.problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('share link: opened in a new page, it yields the identical document', async () => {
  const url = await serve();
  const sender = await newContext();
  const receiver = await newContext();
  try {
    const a = await open(sender, url);
    await loadSomeExample(a);
    const doc = await getDocument(a);
    const link = await a.evaluate(() => window.cloudplay.shareLink());
    assert(link.startsWith(url + '#v1.'), `share link should be ${url}#v1..., got ${link.slice(0, 80)}`);
    console.log(`     link: ${link.length} characters`);
    assertEqual(await a.evaluate(() => window.location.hash.slice(1)), link.split('#')[1], 'address bar fragment');
    assertEqual(await a.evaluate(() => window.cloudplayLastCopied), link, 'text put on the clipboard');
    const b = await open(receiver, link);
    assertEqual(await getDocument(b), doc, 'document opened from the link');
    assertEqual((await openMessages(b)).length, 0, 'messages after opening a good link');
    // Opening a link writes nothing until the user edits.
    assertEqual(await storage(b, AUTOSAVE), null, 'autosave in the receiving browser before an edit');
    assert(a.problems.length === 0 && b.problems.length === 0, [...a.problems, ...b.problems].join('\n'));
  } finally {
    await sender.close();
    await receiver.close();
  }
});

test('broken links: a clear message, and the autosaved work is untouched', async () => {
  const url = await serve();
  const context = await newContext();
  try {
    const page = await open(context, url);
    await loadSomeExample(page);
    const doc = await getDocument(page);
    await waitForAutosave(page, doc);
    const saved = await storage(page, AUTOSAVE);
    const link = await page.evaluate(() => window.cloudplay.shareLink());
    const frag = link.split('#')[1];
    const tampered = frag.slice(0, 60) + (frag[60] === 'A' ? 'B' : 'A') + frag.slice(61, 70) + '!' + frag.slice(71);
    const cases = [
      { name: 'truncated', frag: frag.slice(0, Math.floor(frag.length / 2)), expect: /cut off|damaged/ },
      { name: 'tampered', frag: tampered, expect: /position 71/ },
      { name: 'unknown-prefix', frag: 'x1.' + frag.slice(3), expect: /not a cloudplay share link/ },
      { name: 'newer-version', frag: 'v7.' + frag.slice(3), expect: /newer version/ },
    ];
    for (const c of cases) {
      const p = await open(context, url + '#' + c.frag);
      const msgs = await openMessages(p);
      assertEqual(msgs.length, 1, `${c.name}: open messages`);
      assertEqual(msgs[0].id, 'link_error', `${c.name}: message id`);
      assert(c.expect.test(msgs[0].text), `${c.name}: message should match ${c.expect}: ${msgs[0].text}`);
      assert(/unchanged/.test(msgs[0].text), `${c.name}: message should say the work is unchanged: ${msgs[0].text}`);
      assertEqual(await getDocument(p), doc, `${c.name}: the autosaved work is what the page shows`);
      assertEqual(await storage(p, AUTOSAVE), saved, `${c.name}: autosave in storage`);
      if (c.name === 'truncated' || c.name === 'tampered') await shot(p, `documents-link-${c.name}.png`);
      // Dismissing the message, then waiting past the autosave delay, still writes nothing.
      await p.waitForTimeout(1300);
      assertEqual(await storage(p, AUTOSAVE), saved, `${c.name}: autosave after 1.3 s`);
      assert(p.problems.length === 0, p.problems.join('\n'));
      await p.close();
    }
  } finally {
    await context.close();
  }
});

test('broken link in Korean: the message is in Korean', async () => {
  const url = await serve();
  const context = await newContext({ locale: 'ko-KR' });
  try {
    const page = await open(context, url + '#v1.AAAA%%%');
    const msgs = await openMessages(page);
    assertEqual(msgs.length, 1, 'open messages');
    assert(/공유 링크를 열 수 없습니다/.test(msgs[0].title), `Korean title: ${msgs[0].title}`);
    assert(/문자/.test(msgs[0].text), `Korean text: ${msgs[0].text}`);
    await shot(page, 'documents-link-error-ko.png');
  } finally {
    await context.close();
  }
});

test('a damaged autosave: a message, and the damaged text is kept aside, never overwritten', async () => {
  const url = await serve();
  const context = await newContext();
  try {
    const page = await open(context, url);
    const broken = '{"version": 1, "nodes": [{"id": "web", "type": "compute"';  // cut off mid-way
    await page.evaluate(([k, v]) => window.localStorage.setItem(k, v), [AUTOSAVE, broken]);
    await page.reload({ waitUntil: 'load' });
    await waitForFrames(page, 3);
    const msgs = await openMessages(page);
    assertEqual(msgs.length, 1, 'open messages');
    assertEqual(msgs[0].id, 'autosave_corrupt', 'message id');
    const kept = await page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith('cloudplay.autosave.corrupt.')));
    assertEqual(kept.length, 1, 'kept-aside copies');
    assertEqual(await storage(page, kept[0]), broken, 'the kept-aside copy');
    assert(msgs[0].text.includes(kept[0]), `the message names the kept copy ${kept[0]}: ${msgs[0].text}`);
    await shot(page, 'documents-autosave-corrupt.png');
    // An edit autosaves again; the kept copy stays.
    await loadSomeExample(page);
    const doc = await getDocument(page);
    await waitForAutosave(page, doc);
    assertEqual(await storage(page, kept[0]), broken, 'the kept-aside copy after autosave');
  } finally {
    await context.close();
  }
});

test('import: the file picker and drag-and-drop load a file; a bad file lists its problems', async () => {
  const url = await serve();
  const context = await newContext();
  try {
    const page = await open(context, url);
    const { file, text } = await loadSomeExample(page);
    const expected = await getDocument(page);
    await page.evaluate(() => window.cloudplay.loadDocument('{"version": 1}'));  // back to an empty document
    assert((await getDocument(page)) !== expected, 'document should differ before the import');
    // File picker: the hidden <input type=file> the File > Import item opens.
    await page.locator('#cloudplay-file-input').setInputFiles(path.join(ROOT, 'examples', file));
    await page.waitForFunction((want) => window.cloudplay.getDocument() === want, expected, { timeout: 5000 });
    // Drag and drop onto the canvas.
    await page.evaluate(() => window.cloudplay.loadDocument('{"version": 1}'));
    await page.evaluate(([name, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], name, { type: 'application/json' }));
      const canvas = document.getElementById('canvas');
      for (const type of ['dragenter', 'dragover', 'drop'])
        canvas.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [file, text]);
    await page.waitForFunction((want) => window.cloudplay.getDocument() === want, expected, { timeout: 5000 });
    // A file with problems: nothing changes, the message lists "path: problem" lines.
    const bad = JSON.parse(text);
    bad.nodes = (bad.nodes || []).concat([{ id: 'x y', type: 'no-such-service' }]);
    bad.settings = { ...(bad.settings || {}), duration_s: -5 };
    await page.locator('#cloudplay-file-input').setInputFiles({
      name: 'broken-design.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad, null, 2)) });
    await page.waitForFunction(() => window.cloudplay.getMessages().some((m) => m.open && m.id === 'import_error'),
      null, { timeout: 5000 });
    const msg = (await openMessages(page)).find((m) => m.id === 'import_error');
    assert(msg.title.includes('broken-design.json'), `title names the file: ${msg.title}`);
    assert(msg.lines.length >= 2, `problem lines: ${JSON.stringify(msg.lines)}`);
    assert(msg.lines.some((l) => /^nodes\[\d+\]\.(id|type): /.test(l)), `a nodes[..] line: ${JSON.stringify(msg.lines)}`);
    assert(msg.lines.some((l) => /^settings\.duration_s: /.test(l)), `a settings line: ${JSON.stringify(msg.lines)}`);
    assertEqual(await getDocument(page), expected, 'document after a failed import');
    await shot(page, 'documents-import-error.png');
    assert(page.problems.length === 0, page.problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('export: JSON and PNG downloads', async () => {
  const url = await serve();
  const context = await newContext();
  try {
    const page = await open(context, url);
    await loadSomeExample(page);
    const doc = await getDocument(page);
    const [json] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.cloudplay.exportJson())]);
    assert(json.suggestedFilename().endsWith('.json'), `JSON file name: ${json.suggestedFilename()}`);
    const jsonPath = artifactPath('documents-export.json');
    await json.saveAs(jsonPath);
    assertEqual(fs.readFileSync(jsonPath, 'utf8'), doc, 'exported JSON');
    const [png] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.cloudplay.exportPng())]);
    assert(png.suggestedFilename().endsWith('.png'), `PNG file name: ${png.suggestedFilename()}`);
    const pngPath = artifactPath('documents-export.png');
    await png.saveAs(pngPath);
    const img = decodePng(fs.readFileSync(pngPath));
    console.log(`     exported PNG ${img.width}x${img.height}: ${pngPath}`);
    assert(img.width >= 1920 && img.height > 300, `PNG size ${img.width}x${img.height} (the whole diagram at slide size)`);
    assert(page.problems.length === 0, page.problems.join('\n'));
  } finally {
    await context.close();
  }
});

await run();
