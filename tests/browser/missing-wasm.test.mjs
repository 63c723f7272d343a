// When the app cannot start, the page says why in words (#fatal), never a blank screen.
import {
  test, run, serve, newPage, copyWebDir, artifactPath, assert, assertEqual,
} from './lib.mjs';

async function fatalText(page) {
  const fatal = page.locator('#fatal');
  await fatal.waitFor({ state: 'visible', timeout: 30000 });
  const text = (await fatal.innerText()).trim();
  assert(!(await page.locator('#canvas').isVisible()), 'the canvas is still shown behind the error');
  assert(!(await page.locator('#status').isVisible()), 'the "Loading…" line is still shown with the error');
  return text;
}

test('a missing cloudplay.wasm shows a readable message naming the file', async () => {
  const url = await serve(copyWebDir(['cloudplay.wasm']));
  const page = await newPage();
  await page.goto(url, { waitUntil: 'load' });
  const text = await fatalText(page);
  await page.screenshot({ path: artifactPath('missing-wasm.png') });
  assert(/could not start/i.test(text), `no headline in the message: ${JSON.stringify(text)}`);
  assert(text.includes('cloudplay.wasm'), `the message should name cloudplay.wasm: ${JSON.stringify(text)}`);
  assert(text.includes('404'), `the message should give the HTTP status: ${JSON.stringify(text)}`);
  const uncaught = page.problems.filter((p) => p.startsWith('uncaught'));
  assert(uncaught.length === 0, `uncaught exceptions:\n  ${uncaught.join('\n  ')}`);
});

test('in Korean, a missing cloudplay.wasm is explained in Korean, naming the file', async () => {
  const url = await serve(copyWebDir(['cloudplay.wasm']));
  const page = await newPage({ initScript: () => localStorage.setItem('cloudplay.language', 'ko') });
  await page.goto(url, { waitUntil: 'load' });
  const text = await fatalText(page);
  await page.screenshot({ path: artifactPath('missing-wasm-ko.png') });
  assert(text.includes('cloudplay를 시작할 수 없습니다'), `no Korean headline: ${JSON.stringify(text)}`);
  assert(text.includes('cloudplay.wasm 파일을 불러오지 못했습니다(HTTP 404)'), `the Korean message should name the file and the status: ${JSON.stringify(text)}`);
  assert(text.includes('저장된 작업은 이 브라우저에 그대로 남아 있습니다'), `no Korean hint: ${JSON.stringify(text)}`);
  assert(!/could not|saved work/.test(text), `English left on the Korean page: ${JSON.stringify(text)}`);
  assertEqual(await page.evaluate(() => document.documentElement.lang), 'ko', 'the page is marked Korean');
});

test('a missing cloudplay.js shows a readable message naming the file', async () => {
  const url = await serve(copyWebDir(['cloudplay.js']));
  const page = await newPage();
  await page.goto(url, { waitUntil: 'load' });
  const text = await fatalText(page);
  assert(text.includes('cloudplay.js'), `the message should name cloudplay.js: ${JSON.stringify(text)}`);
});

test('a missing cloudplay.data shows a readable message naming the file', async () => {
  const url = await serve(copyWebDir(['cloudplay.data']));
  const page = await newPage();
  await page.goto(url, { waitUntil: 'load' });
  const text = await fatalText(page);
  assert(text.includes('cloudplay.data'), `the message should name cloudplay.data: ${JSON.stringify(text)}`);
});

test('a browser without WebGL2 shows a readable message', async () => {
  const url = await serve();
  const page = await newPage({
    initScript: () => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        if (type === 'webgl2' || type === 'experimental-webgl2') return null;
        return original.call(this, type, ...rest);
      };
    },
  });
  await page.goto(url, { waitUntil: 'load' });
  const text = await fatalText(page);
  await page.screenshot({ path: artifactPath('no-webgl2.png') });
  assert(text.includes('WebGL2'), `the message should mention WebGL2: ${JSON.stringify(text)}`);
  const uncaught = page.problems.filter((p) => p.startsWith('uncaught'));
  assert(uncaught.length === 0, `uncaught exceptions:\n  ${uncaught.join('\n  ')}`);
});

await run();
