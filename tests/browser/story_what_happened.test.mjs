// The run view's "What happened" tab (ui/what_happened_panel.cpp): an example run to its
// end is told in a few lines in the UI language; clicking a line jumps the replay there and
// plays on, and the later lines stay (greyed) after the jump.
// Saves what-happened-en.png and what-happened-ko.png in $CLOUDPLAY_ARTIFACTS: look at them.
import { test, run, artifactPath, assert, assertEqual } from './lib.mjs';
import { openEditor, frames, click, center } from './editor_lib.mjs';
import { KO, waitRun, openExample } from './run_lib.mjs';

const HANGUL = /[\uac00-\ud7a3]/;
const story = (page) => page.evaluate(() => window.cloudplay.run.story());

for (const lang of ['en', 'ko']) {
  test(`what happened: three-tier-web told in ${lang}, each line jumps the replay`, async () => {
    const page = await openEditor({ width: 1280, height: 800, initScript: lang === 'ko' ? KO : null });
    await openExample(page, 'three-tier-web.json');  // use1-az1 fails at 5:00
    await page.evaluate(() => window.cloudplay.run.seek(1200));
    await waitRun(page, (x) => !x.seeking && x.t_s >= 1200, 'the run at its end', 300000);
    await page.evaluate(() => window.cloudplay.run.tab(5));
    await frames(page, 4);
    let st = await story(page);
    assertEqual(st.tab, 5, 'the What happened tab is shown');
    assert(st.lines.length >= 6 && st.lines.length <= 14, `a short story: ${st.lines.length} lines`);
    const ko = lang === 'ko';
    for (const l of st.lines) assert(ko ? HANGUL.test(l.text) : !HANGUL.test(l.text), `in the UI language: ${l.text}`);
    assertEqual(st.lines[st.lines.length - 1].kind, 'end', 'the last line closes the run');
    const i = st.lines.findIndex((l) => l.kind === 'fault' && l.clock === '5:00');
    assert(i >= 0, `the AZ fault at 5:00 is told: ${JSON.stringify(st.lines.map((l) => l.clock + ' ' + l.text))}`);
    assert(st.lines[i].text.includes('use1-az1'), 'it names the AZ');
    assert(st.lines[i].w > 100 && st.lines[i].h > 5, `the line is on screen: ${JSON.stringify(st.lines[i])}`);
    await page.screenshot({ path: artifactPath(`what-happened-${lang}.png`) });

    // Clicking the line jumps the replay to 5:00 and plays on from there.
    await click(page, center(st.lines[i]));
    const r = await waitRun(page, (x) => !x.seeking && x.t_s >= 300, 'the jump to 5:00', 120000);
    assert(r.playing, 'the run plays on from the line\'s moment');
    await page.evaluate(() => window.cloudplay.run.pause());
    const at = (await waitRun(page, (x) => !x.playing, 'paused')).t_s;
    assert(at >= 300 && at < 400, `the replay is at the line's moment (${at} s)`);
    await frames(page, 3);
    st = await story(page);
    assert(st.lines.length >= i + 3, 'the later lines stay after the jump (the same run)');
    assert(st.current >= i && st.lines[st.current].t_s <= at, `the line the replay is in is marked (${st.current})`);
    // Through the hook too: the last line's moment (the end of the run).
    assert((await page.evaluate((n) => window.cloudplay.run.storyJump(n), st.lines.length - 1)).ok, 'storyJump');
    await waitRun(page, (x) => !x.seeking && x.t_s >= 1200, 'the jump to the end', 300000);
    await page.close();
  });
}

await run();
