// When the app cannot start, the page says why in words (#fatal), never a blank screen.
import {
  test, run, serve, newPage, copyWebDir, artifactPath, assert,
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
