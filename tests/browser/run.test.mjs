// The live run view in the real page: open an example, press Play, see traffic
// (badges, plots), fail an AZ (event log, nodes marked down), scrub back (the
// earlier state: rewound to a checkpoint and replayed exactly), and reload a shared run link (same run, same moment).
// Then the event log filtered by a query of typed fields (reason, instance).
// Saves run-playing.png, run-az-down.png, run-scrubbed.png, run-log.png, run-log-query.png in $CLOUDPLAY_ARTIFACTS: look at them.
import { test, run, ROOT, artifactPath, newPage, assert, assertEqual } from './lib.mjs';
import { openEditor, frames, nodeInfo, click, center, press } from './editor_lib.mjs';
import { runState, node, waitRun, openExample } from './run_lib.mjs';





let shared = null;  // {url, t_s, traceHash} from the first test, for the reload test

test('play shows traffic; an AZ failure is logged and marks nodes down; scrubbing back replays the earlier state', async () => {
  const page = await openEditor({ width: 1400, height: 900 });
  await openExample(page, 'three-tier-web.json');
  let s = await runState(page);
  assert(s.ready, `the example should be runnable: ${JSON.stringify(s.errors)}`);
  assert(!s.started && s.t_s === 0, 'the run starts at 0 s, not playing');
  // Checkpoints every 5,000 events (the default, 2 M, is for big designs), so that
  // scrubbing back below rewinds to one instead of replaying from 0 s.
  await page.evaluate(() => window.cloudplay.run.budget(undefined, undefined, 5000));

  // Press the real Play button.
  const r = s.rects.play;
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await frames(page, 3);
  s = await runState(page);
  assert(s.playing, 'clicking Play starts the run');
  await page.evaluate(() => window.cloudplay.run.speed(20));
  s = await waitRun(page, (x) => x.t_s >= 40, '40 simulated seconds');
  const alb = node(s, 'alb'), web = node(s, 'web');
  assert(alb.ok_per_s > 50, `ALB throughput should be > 50/s, got ${alb.ok_per_s}`);
  assert(web.p99_ms > 0, `web p99 should be > 0, got ${web.p99_ms}`);
  assert(web.metrics.instances >= 3 && web.metrics.healthy_instances >= 3, `web should have 3 healthy instances: ${JSON.stringify(web)}`);
  assert(node(s, 'alb').points >= 30, 'the series (plots) should hold a point per second');
  assert(/^3\/3 targets healthy/.test(node(s, 'alb').status) && /^정상 대상 3\/3/.test(node(s, 'alb').status_ko),
    `the ALB's live status in English and Korean: ${node(s, 'alb').status} / ${node(s, 'alb').status_ko}`);
  // Selecting the ALB shows that status at the top of the properties panel.
  const albCard = await nodeInfo(page, 'alb');
  await page.mouse.click(albCard.center[0], albCard.center[1]);
  await frames(page, 3);
  await page.evaluate(() => window.cloudplay.editorState());  // keep the hook warm
  await frames(page, 5);
  // The inspector's live line says what the ALB served and how fast, apart from refusals.
  const live = (await page.evaluate(() => window.cloudplay.editorState())).liveStatus;
  assert(live.shown && /3\/3 targets healthy/.test(live.text), `the live line shows the ALB's status: ${JSON.stringify(live)}`);
  const served = /Served: (\d+) requests, p50 ([\d.]+) ms, p99 ([\d.]+) ms/.exec(live.text);
  assert(served && Number(served[1]) > 1000 && Number(served[3]) >= Number(served[2]) && Number(served[2]) > 0,
    `the live line counts served requests with p50 <= p99: ${live.text}`);
  await page.screenshot({ path: artifactPath('run-playing.png') });

  // Fail use1-az2 (the database's AZ) live, at the current moment.
  await page.evaluate(() => window.cloudplay.run.pause());
  const before = await runState(page);
  const f = await page.evaluate(() => window.cloudplay.run.fault('az_down', 'use1-az2', 0, true));
  assert(f.ok, 'the AZ fault should apply');
  s = await runState(page);
  assert(s.azs.find((a) => a.id === 'use1-az2').down, 'use1-az2 is marked down');
  assert(!node(s, 'db').up, 'the database (in use1-az2) is marked down');
  assert(s.log.some((e) => e.kind === 'az_down' && /use1-az2/.test(e.text)), 'the event log records the AZ failure');
  await page.evaluate(() => window.cloudplay.run.play());
  s = await waitRun(page, (x) => x.t_s >= before.t_s + 20, '20 s after the fault');
  assert(node(s, 'db').errors_per_s > 0 || node(s, 'web').errors_per_s > 0 || node(s, 'users').errors_per_s > 0,
    'errors appear after the database AZ failed');
  await frames(page, 5);
  await page.screenshot({ path: artifactPath('run-az-down.png') });
  await page.evaluate(() => window.cloudplay.run.tab(1));
  await frames(page, 5);
  await page.screenshot({ path: artifactPath('run-log.png') });

  // Pause, remember this moment, scrub back before the fault, then forward again.
  await page.evaluate(() => window.cloudplay.run.pause());
  const at = await runState(page);
  await page.evaluate(() => window.cloudplay.run.seek(10));
  s = await waitRun(page, (x) => !x.seeking, 'the seek back');
  assert(Math.abs(s.t_s - 10) < 1e-6, `scrubbed to 10 s, got ${s.t_s}`);
  assert(s.checkpoints > 0 && s.rewoundFrom > 0 && s.rewoundFrom <= 10,
    `scrubbing back rewound to a checkpoint before 10 s (checkpoints ${s.checkpoints}, from ${s.rewoundFrom} s)`);
  assert(!s.azs.find((a) => a.id === 'use1-az2').down, 'at 10 s use1-az2 is up again');
  assert(node(s, 'db').up, 'at 10 s the database is up');
  assert(!s.log.some((e) => e.kind === 'az_down'), 'at 10 s the log has no AZ failure yet');
  assert(node(s, 'alb').points <= 11, `at 10 s the series has <= 11 points, got ${node(s, 'alb').points}`);
  await page.evaluate(() => window.cloudplay.run.tab(0));
  await frames(page, 5);
  await page.screenshot({ path: artifactPath('run-scrubbed.png') });
  await page.evaluate((t) => window.cloudplay.run.seek(t), at.t_s);
  s = await waitRun(page, (x) => !x.seeking, 'the seek forward');
  assert(s.traceHash === at.traceHash && s.events === at.events,
    `replaying to ${at.t_s} s reproduces the run exactly (trace ${s.traceHash} vs ${at.traceHash}, events ${s.events} vs ${at.events})`);
  assert(s.azs.find((a) => a.id === 'use1-az2').down, 'the replayed run has the live AZ failure again');

  // A share link carries the run (seed, moment, live faults).
  await page.waitForTimeout(700);  // the link's run settings are refreshed twice a second
  const url = await page.evaluate(() => window.cloudplay.shareLink());
  assert(/#v1\./.test(url), `share link: ${url}`);
  shared = { url, t_s: s.t_s, traceHash: s.traceHash };
  assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
});

test('a shared run link reopens the same run at the same moment', async () => {
  assert(shared, 'needs the first test');
  const page = await newPage({ width: 1400, height: 900 });
  await page.goto(shared.url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.cloudplay && window.cloudplay.frames > 3, null, { timeout: 60000 });
  const s = await waitRun(page, (x) => x.ready && !x.seeking && x.t_s > 0, 'the shared run to reach its moment');
  assert(Math.abs(s.t_s - shared.t_s) < 1e-6, `shared moment ${shared.t_s}, got ${s.t_s}`);
  assert(s.faults.some((f) => f.action === 'az_down' && f.target === 'use1-az2'), 'the live fault came with the link');
  assert(s.traceHash === shared.traceHash, `same run: trace ${s.traceHash} vs ${shared.traceHash}`);
  assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
});

test('the event log answers a query of typed fields, and says which word of a wrong one is wrong', async () => {
  const page = await openEditor({ width: 1400, height: 900 });
  await openExample(page, 'three-tier-web.json');  // use1-az1 fails at 5:00
  await page.evaluate(() => window.cloudplay.run.seek(420));
  let s = await waitRun(page, (x) => !x.seeking && x.t_s >= 420, 'the seek to 7:00');
  await page.evaluate(() => window.cloudplay.run.tab(1));
  await frames(page, 4);
  s = await runState(page);
  assert(s.logSize <= 200, `the state holds the whole log (${s.logSize} entries)`);
  const want = s.log.filter((e) => e.kind === 'instance_died' && e.reason === 'az_down' && e.node === 'web');
  assert(want.length > 0 && want.every((e) => e.instance > 0), `instances died with the AZ, each named: ${JSON.stringify(want)}`);
  assert(s.rects.logFilter, 'the event log has a filter box');

  await click(page, center(s.rects.logFilter));
  await page.keyboard.type('kind=instance_died reason=az_down node=web');
  await frames(page, 4);
  s = await runState(page);
  assertEqual(s.logQueryError, '', 'no error for a good query');
  assertEqual(s.logRows, want.length, 'rows the query leaves');
  await page.screenshot({ path: artifactPath('run-log-query.png') });

  // One instance's story: the query by its id finds only entries about it.
  await press(page, 'Control+a');
  await page.keyboard.type(`instance=i-${want[0].instance}`);
  await frames(page, 4);
  s = await runState(page);
  const about = s.log.filter((e) => e.instance === want[0].instance);
  assertEqual(s.logRows, about.length, `rows about i-${want[0].instance}`);

  // A misspelt kind: nothing is hidden by a half-read query, and the box says what is wrong.
  await press(page, 'Control+a');
  await page.keyboard.type('kind=instance_dead');
  await frames(page, 4);
  s = await runState(page);
  assert(/instance_dead/.test(s.logQueryError) && /Did you mean "instance_died"/.test(s.logQueryError),
    `the error names the word and the right one: ${s.logQueryError}`);
  assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
});

await run();
