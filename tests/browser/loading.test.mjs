// The loading screen: a progress bar and words a person understands, in English
// or Korean (the stored language, else the browser's), never Emscripten's
// "Downloading data... (766685/766685)". The engine's download is slowed down so
// that the screen can be seen. Saves loading-en.png and loading-ko.png in
// $CLOUDPLAY_ARTIFACTS: look at them.
import { test, run, serve, newPage, waitForFrames, artifactPath, assert } from './lib.mjs';
import { KO } from './run_lib.mjs';

const HANGUL = /[\uac00-\ud7a3]/;

// Records every text and bar width the loading screen shows.
const RECORD = `
  window.__loading = [];
  document.addEventListener('DOMContentLoaded', () => {
    const s = document.getElementById('status');
    const note = () => window.__loading.push({
      text: s.innerText, bar: document.getElementById('status-bar').style.width, hidden: s.hidden });
    new MutationObserver(note).observe(s, { subtree: true, childList: true, characterData: true, attributes: true });
    note();
  });`;

async function load(lang, { stored = null } = {}) {
  const url = await serve();
  let init = RECORD;
  if (lang === 'ko' && !stored) init += KO;
  if (stored) init += `localStorage.setItem('cloudplay.language', '${stored}');`;
  const page = await newPage({ width: 1280, height: 800, initScript: init });
  // The engine arrives slowly (in pieces, over ~2 s), as on a slow connection.
  await page.route('**/cloudplay.wasm', async (route) => {
    if (route.request().method() === 'HEAD') return route.continue();
    const response = await route.fetch();
    const body = await response.body();
    await new Promise((r) => setTimeout(r, 1500));
    await route.fulfill({ status: 200, headers: { 'Content-Type': 'application/wasm', 'Content-Length': String(body.length) }, body });
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.getElementById('status-words') && document.getElementById('status-words').textContent.length > 0,
    null, { timeout: 20000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: artifactPath(`loading-${lang}${stored ? '-stored' : ''}.png`) });
  await waitForFrames(page, 2);
  const seen = await page.evaluate(() => window.__loading);
  return { page, seen };
}

for (const lang of ['en', 'ko']) {
  test(`loading (${lang}): a progress bar and plain words, then the app`, async () => {
    const { page, seen } = await load(lang);
    const texts = seen.map((x) => x.text).filter((t) => t && t.trim());
    assert(texts.length > 0, 'the loading screen showed something');
    for (const t of texts) {
      assert(!/Downloading data|\(\d+\/\d+\)|Running\.\.\./.test(t), `Emscripten's own status leaked to the screen: ${JSON.stringify(t)}`);
      if (lang === 'ko') assert(HANGUL.test(t), `Korean loading text: ${JSON.stringify(t)}`);
    }
    assert(texts.some((t) => /MB/.test(t)), `the download is shown in MB: ${JSON.stringify(texts.slice(0, 4))}`);
    assert(seen.some((x) => x.bar === '100%' || x.bar === '100.0%'), `the bar reaches the end: ${JSON.stringify(seen.map((x) => x.bar))}`);
    const widths = seen.map((x) => parseFloat(x.bar) || 0);
    assert(widths.some((w) => w > 0 && w < 100), `the bar moves through the download: ${JSON.stringify(widths)}`);
    assert(!(await page.locator('#status').isVisible()), 'the loading screen goes when the app draws');
    assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
  });
}

test('loading: the language chosen in the app (stored) wins over the browser\'s', async () => {
  const { seen } = await load('ko', { stored: 'ko' });
  const texts = seen.map((x) => x.text).filter((t) => t && t.trim());
  assert(texts.every((t) => HANGUL.test(t)), `Korean, as stored: ${JSON.stringify(texts.slice(0, 3))}`);
});

await run();
