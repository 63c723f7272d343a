// The document's goals in the app: a Goals tab (second, only when the document has goals)
// lists each goal in the UI language, waiting / measuring while the run goes, and at
// the end the same verdicts and values the CLI reports (`cloudplay run --json`, the
// same wasm engine under Node). Scrubbing back reopens a window; a goal's button
// moves the run to its window. Saves goals-en.png and goals-ko.png in
// $CLOUDPLAY_ARTIFACTS: look at them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, run, ROOT, WEB_DIR, artifactPath, assert, assertEqual } from './lib.mjs';
import { openEditor, frames, state } from './editor_lib.mjs';
import { KO, runState, waitRun, openExample } from './run_lib.mjs';

const FILE = 'two-regions-az-failure.json';
const HANGUL = /[\uac00-\ud7a3]/;

// The CLI's goals for the example (wasm build of the engine, run under Node).
function cliGoals() {
  const cli = path.join(path.dirname(WEB_DIR), 'cloudplay-cli.js');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cloudplay-goals-')), 'report.json');
  // As tests/wasm_determinism.sh runs it: Node's fetch would make Emscripten's loader fetch the wasm file.
  const r = spawnSync('node', ['--no-experimental-fetch', cli, 'run', path.join(ROOT, 'examples', FILE), '--json', out],
    { encoding: 'utf8', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
  assert(r.status === 0 || r.status === 4, `the CLI ran the example (status ${r.status}): ${(r.stderr || '').slice(-400)}`);
  return JSON.parse(fs.readFileSync(out, 'utf8')).goals;
}

for (const lang of ['en', 'ko']) {
  test(`goals tab (${lang}): measured while the run goes, the CLI's verdicts at the end`, async () => {
    const expected = cliGoals();
    assert(expected && expected.length >= 2, 'the example has goals');
    const page = await openEditor({ width: 1280, height: 800, initScript: lang === 'ko' ? KO : null });
    assertEqual((await state(page)).language, lang, 'language');
    await openExample(page, FILE);
    let s = await runState(page);
    assertEqual(s.goals.length, expected.length, 'goals listed before the run');
    assert(s.goals.some((g) => g.state === 'waiting'), 'a later window waits before the run');

    await page.evaluate(() => { window.cloudplay.run.tab(4); window.cloudplay.run.play(); window.cloudplay.run.speed(20); });
    s = await waitRun(page, (x) => x.t_s > 150, 'the run inside the failure window');
    assertEqual(s.tab, 4, 'the goals tab is selected');
    assert(s.goals.some((g) => g.state === 'measuring'), `a goal is measuring at ${s.t_s} s: ${JSON.stringify(s.goals.map((g) => g.state))}`);

    await page.evaluate(() => window.cloudplay.run.max(true));
    s = await waitRun(page, (x) => !x.playing && x.t_s >= 300, 'the end of the run', 120000);
    await frames(page, 3);
    await page.screenshot({ path: artifactPath(`goals-${lang}.png`) });
    for (let i = 0; i < expected.length; ++i) {
      const a = s.goals[i], e = expected[i];
      assertEqual(a.state, e.state, `goal ${i}'s verdict (${e.text_en})`);
      assertEqual(a.text, e.text_en, `goal ${i}'s text, as the CLI prints it`);
      assertEqual(a.text_ko, e.text_ko, `goal ${i}'s Korean text`);
    }
    assert(s.goals.some((g) => g.state === 'passed') && s.goals.some((g) => g.state === 'failed'),
      'the example passes one goal and fails another (the design has no health checks)');
    assert(HANGUL.test(s.goals[0].text_ko), 'the Korean text is Korean');

    // Back into the failure window: its goal is open again; played to the end, the same verdicts.
    await page.evaluate(() => { window.cloudplay.run.max(false); window.cloudplay.run.pause(); window.cloudplay.run.seek(180); });
    s = await waitRun(page, (x) => !x.seeking && Math.abs(x.t_s - 180) < 1e-6, 'the seek back to 3:00');
    assert(s.goals.some((g) => g.state === 'measuring'), `a goal measures again at 3:00: ${JSON.stringify(s.goals.map((g) => g.state))}`);
    await page.evaluate(() => { window.cloudplay.run.max(true); window.cloudplay.run.play(); });
    s = await waitRun(page, (x) => !x.playing && x.t_s >= 300, 'the end of the run again', 120000);
    for (let i = 0; i < expected.length; ++i) assertEqual(s.goals[i].text, expected[i].text_en, `goal ${i} after scrubbing back`);
    await page.close();
  });
}

await run();
