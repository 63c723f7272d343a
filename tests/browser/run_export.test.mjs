// The run view's toolbar on a small window, the recorded WebM clip, and saving live
// faults into the document's fault timeline. Saves run-toolbar-1024-en.png,
// run-toolbar-1024-ko.png, run-toolbar-more.png, run-recording.png,
// run-fault-timeline.png and run-clip.webm in $CLOUDPLAY_ARTIFACTS: look at them.
import fs from 'node:fs';
import { test, run, ROOT, artifactPath, assert, assertEqual } from './lib.mjs';
import { openEditor, frames, state, documentOf, click, press, center } from './editor_lib.mjs';
import { KO, runState, node, waitRun, openExample } from './run_lib.mjs';




const inside = (r, box) => r.x >= box.x - 0.5 && r.y >= box.y - 0.5 && r.x + r.w <= box.x + box.w + 0.5 &&
  r.y + r.h <= box.y + box.h + 0.5;

for (const lang of ['en', 'ko']) {
  test(`toolbar at 1024×768 (${lang}): every command is on screen or in the "more" menu`, async () => {
    const page = await openEditor({ width: 1024, height: 768, initScript: lang === 'ko' ? KO : null });
    assertEqual((await state(page)).language, lang, 'language');
    await openExample(page);
    await page.evaluate(() => { window.cloudplay.run.play(); window.cloudplay.run.speed(10); });
    await waitRun(page, (x) => x.t_s > 5, '5 simulated seconds');
    await frames(page, 3);
    const s = await runState(page);
    const R = s.rects;
    assert(R.bar.w < 700, `the canvas column is narrow at 1024 px (${R.bar.w})`);
    // Play, speed, the timeline and the clock are always in the bar, inside it.
    for (const k of ['play', 'speed', 'timeline', 'clock', 'panel']) {
      assert(R[k], `${k} is drawn`);
      assert(inside(R[k], R.bar), `${k} ${JSON.stringify(R[k])} lies inside the toolbar ${JSON.stringify(R.bar)}`);
    }
    assert(R.timeline.w >= 200, `the timeline keeps a usable width (${R.timeline.w} px)`);
    // Every other command: in the bar (wholly visible) or listed as overflow.
    for (const k of ['step', 'reset', 'max', 'rec', 'seed', 'csv']) {
      if (R.overflow.includes(k)) assert(!R[k], `${k} is not drawn when it is in the overflow menu`);
      else assert(R[k] && inside(R[k], R.bar), `${k} ${JSON.stringify(R[k])} lies inside the toolbar`);
    }
    await page.screenshot({ path: artifactPath(`run-toolbar-1024-${lang}.png`) });
    if (R.overflow.length) {
      assert(R.more && inside(R.more, R.bar), 'the "more" button is inside the toolbar');
      await click(page, center(R.more));
      await frames(page, 2);
      const m = (await runState(page)).rects.more_items;
      for (const k of R.overflow.filter((x) => x !== 'speed_label')) {
        assert(m && m[k], `the "more" menu offers ${k}: ${JSON.stringify(m)}`);
        assert(m[k].x >= 0 && m[k].y >= 0 && m[k].x + m[k].w <= 1024 && m[k].y + m[k].h <= 768, `${k} is on screen`);
      }
      if (lang === 'en') await page.screenshot({ path: artifactPath('run-toolbar-more.png') });
      // An overflowed command works from the menu: Max (if it is there) turns "as fast as possible" on.
      if (m.max) {
        await click(page, center(m.max));
        assert((await runState(page)).max, 'Max from the "more" menu');
      } else if (m.csv) {
        const [dl] = await Promise.all([page.waitForEvent('download'), click(page, center(m.csv))]);
        assert(/^cloudplay-.*\.csv$/.test(dl.suggestedFilename()), `CSV name ${dl.suggestedFilename()}`);
      }
    }
    assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
  });
}

test('Record: a WebM clip of the canvas while playing, with a visible clock, downloaded', async () => {
  const page = await openEditor({ width: 1280, height: 800 });
  await openExample(page);
  await page.evaluate(() => { window.cloudplay.run.play(); window.cloudplay.run.speed(5); });
  await waitRun(page, (x) => x.t_s > 2, 'the run to play');
  let s = await runState(page);
  await click(page, center(s.rects.rec));
  s = await runState(page);
  assert(s.recording, 'clicking Record starts recording');
  await page.waitForTimeout(2200);
  await frames(page, 2);
  s = await runState(page);
  assert(s.recordingS >= 2, `the recording clock runs (${s.recordingS} s)`);
  await page.screenshot({ path: artifactPath('run-recording.png') });
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), click(page, center(s.rects.rec))]);
  s = await runState(page);
  assert(!s.recording, 'clicking again stops');
  const name = dl.suggestedFilename();
  assert(/^cloudplay-Three-tier-web-app.*\.webm$/.test(name), `clip name: ${name}`);
  const file = artifactPath('run-clip.webm');
  await dl.saveAs(file);
  const bytes = fs.readFileSync(file);
  assertEqual(bytes.subarray(0, 4).toString('hex'), '1a45dfa3', 'WebM (EBML) magic bytes');
  assert(bytes.length > 10000, `a ~2 s clip is more than 10 kB (${bytes.length} bytes)`);
  console.log(`     clip: ${name}, ${bytes.length} bytes`);

  // A clip stops by itself at its limit (30 s for users; 1.5 s here) and is downloaded.
  const t0 = Date.now();
  const [auto] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }),
    page.evaluate(() => window.cloudplay.run.record(true, 1.5))]);
  const took = (Date.now() - t0) / 1000;
  assert(!(await runState(page)).recording, 'stopped at the limit');
  assert(took >= 1.4, `the clip ran to its limit before stopping (${took} s)`);
  const file2 = artifactPath('run-clip-auto.webm');
  await auto.saveAs(file2);
  assertEqual(fs.readFileSync(file2).subarray(0, 4).toString('hex'), '1a45dfa3', 'the auto-stopped clip is WebM');
  assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
});

test('live faults saved into the fault timeline (undoable), listed, replayed and deleted', async () => {
  const page = await openEditor({ width: 1400, height: 900 });
  await openExample(page);
  const original = (await documentOf(page)).faults;
  assertEqual(original.length, 1, 'the example schedules one fault');
  await page.evaluate(() => window.cloudplay.run.speed(20));
  await page.evaluate(() => window.cloudplay.run.seek(20));
  await waitRun(page, (x) => !x.seeking && x.t_s >= 20, 'the seek to 20 s');
  assert((await page.evaluate(() => window.cloudplay.run.fault('az_down', 'use1-az2', 0, true))).ok, 'AZ down');
  await page.evaluate(() => window.cloudplay.run.seek(30));
  await waitRun(page, (x) => !x.seeking && x.t_s >= 30, 'the seek to 30 s');
  assert((await page.evaluate(() => window.cloudplay.run.fault('az_down', 'use1-az2', 0, false))).ok, 'AZ up');
  assert((await page.evaluate(() => window.cloudplay.run.fault('add_latency', 'c-web-db', 200, true))).ok, 'latency');
  await page.evaluate(() => window.cloudplay.run.tab(3));
  await frames(page, 3);
  let s = await runState(page);
  assertEqual(s.faults.length, 3, 'three live fault events');
  const undoBefore = (await state(page)).undoDepth;
  // The real button.
  assert(s.rects.save_faults, 'the fault timeline tab shows the save button');
  await click(page, center(s.rects.save_faults));
  await frames(page, 3);
  let d = await documentOf(page);
  s = await runState(page);
  assertEqual(s.faults.length, 0, 'the live faults became the document\'s (not applied twice)');
  assertEqual(d.faults.length, 3, 'document faults after saving (1 + the AZ failure + the latency)');
  const az = d.faults.find((f) => f.action === 'az_down' && f.target === 'use1-az2');
  assert(az && Math.abs(az.at_s - 20) < 1e-6 && Math.abs(az.until_s - 30) < 1e-6, `AZ fault 20 s → 30 s: ${JSON.stringify(az)}`);
  const lat = d.faults.find((f) => f.action === 'add_latency');
  assert(lat && lat.target === 'c-web-db' && lat.value === 200 && Math.abs(lat.at_s - 30) < 1e-6 && lat.until_s === undefined,
    `latency fault: ${JSON.stringify(lat)}`);
  assert(d.faults.every((f, i) => i === 0 || d.faults[i - 1].at_s <= f.at_s), 'the timeline is sorted by time');
  assertEqual((await state(page)).undoDepth, undoBefore + 1, 'saving is one undo step');
  await page.screenshot({ path: artifactPath('run-fault-timeline.png') });

  // The document now replays them: scrub to 25 s and the AZ is down, at 35 s up again.
  await page.evaluate(() => window.cloudplay.run.seek(25));
  s = await waitRun(page, (x) => !x.seeking && Math.abs(x.t_s - 25) < 1e-6, 'the seek to 25 s');
  assert(s.azs.find((a) => a.id === 'use1-az2').down, 'at 25 s use1-az2 is down (from the document\'s timeline)');
  await page.evaluate(() => window.cloudplay.run.seek(35));
  s = await waitRun(page, (x) => !x.seeking && Math.abs(x.t_s - 35) < 1e-6, 'the seek to 35 s');
  assert(!s.azs.find((a) => a.id === 'use1-az2').down, 'at 35 s use1-az2 is back');

  // Undo brings back the example's timeline; redo the saved one.
  await press(page, 'Control+z');
  d = await documentOf(page);
  assertEqual(JSON.stringify(d.faults), JSON.stringify(original), 'undo restores the original fault timeline');
  await press(page, 'Control+Shift+z');
  d = await documentOf(page);
  assertEqual(d.faults.length, 3, 'redo');

  // Delete the latency fault with its × button.
  await frames(page, 2);
  s = await runState(page);
  const i = d.faults.findIndex((f) => f.action === 'add_latency');
  assert(s.rects[`fault_del_${i}`], `a delete button for entry ${i}: ${Object.keys(s.rects).join(', ')}`);
  await click(page, center(s.rects[`fault_del_${i}`]));
  d = await documentOf(page);
  assertEqual(d.faults.length, 2, 'deleted');
  assert(!d.faults.some((f) => f.action === 'add_latency'), 'the latency fault is gone');
  await press(page, 'Control+z');
  assertEqual((await documentOf(page)).faults.length, 3, 'undo brings the deleted fault back');
  assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
});

test('View > Fault timeline shows the document\'s scheduled faults before any run', async () => {
  const page = await openEditor({ width: 1024, height: 768, initScript: KO });
  await openExample(page);
  let s = await state(page);
  assert(!s.run.started, 'no run yet');
  await click(page, center(s.menus['menu.view']));
  s = await state(page);
  assert(s.menus['run.t_open'], 'the View menu has Fault timeline');
  await click(page, center(s.menus['run.t_open']));
  await frames(page, 3);
  const r = await runState(page);
  assert(r.panelOpen && r.tab === 3, `the fault timeline tab is open (tab ${r.tab})`);
  assert(r.rects.fault_del_0 && r.rects.fault_del_0.y + r.rects.fault_del_0.h <= 768,
    'the example\'s scheduled AZ failure is listed with its delete button');
  assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
});

await run();
