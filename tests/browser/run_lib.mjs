// Helpers shared by the run view's browser tests (run*.test.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, assert } from './lib.mjs';
import { frames } from './editor_lib.mjs';

// An init script that makes the page start in Korean.
export const KO = "Object.defineProperty(navigator, 'language', {get: () => 'ko-KR'});";

export const runState = (page) => page.evaluate(() => window.cloudplay.run.state());

export const node = (s, id) => s.nodes.find((n) => n.id === id);

// Polls the run's state until pred(state) holds; the error names what was awaited.
export async function waitRun(page, pred, what, timeout = 60000) {
  const t0 = Date.now();
  let s;
  while (Date.now() - t0 < timeout) {
    s = await runState(page);
    if (pred(s)) return s;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last state: t=${s && s.t_s} playing=${s && s.playing} seeking=${s && s.seeking}`);
}

// Loads examples/<file> into the editor through the test hook; it must load without errors.
export async function openExample(page, file = 'three-tier-web.json') {
  const text = fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8');
  const errors = await page.evaluate((t) => window.cloudplay.loadDocument(t), text);
  assert(Array.isArray(errors) && errors.length === 0, `example ${file} did not load: ${JSON.stringify(errors)}`);
  await frames(page, 3);
}
