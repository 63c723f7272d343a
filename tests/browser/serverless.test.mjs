// A serverless pipeline built with the mouse on the real page (headless Chromium):
// users → API Gateway → Lambda → SQS → Lambda, the queue's consumer on a poll wire.
// Run it, then read the live state each service shows: the run state's rows (both
// languages), the card's line and the rows at the top of the properties panel.
// Saves serverless-built.png and serverless-run.png in $CLOUDPLAY_ARTIFACTS: look at them.
import { test, run, artifactPath, assert, assertEqual } from './lib.mjs';
import { overlaps } from './canvas_lib.mjs';
import { openEditor, frames, state, documentOf, frameRect, nodeInfo, drag, dropService } from './editor_lib.mjs';
import { runState, waitRun, node } from './run_lib.mjs';

const row = (n, key) => (n.live || []).find((r) => r.key === key);

test('API Gateway → Lambda → SQS → Lambda, wired with the mouse, runs and shows its live state', async () => {
  const page = await openEditor({ width: 1400, height: 900 });
  const reg = await frameRect(page, 'us-east-1');
  const users = await dropService(page, 'users', { x: Math.max(reg.x - 100, 330), y: reg.y + 60 });
  // Regional services go to the Region's band whatever AZ they are dropped on.
  const at = (f) => ({ x: reg.x + reg.w * f, y: reg.y + 90 });
  const api = await dropService(page, 'api_gateway', at(0.12));
  const front = await dropService(page, 'lambda', at(0.37));
  const q = await dropService(page, 'sqs', at(0.62));
  const worker = await dropService(page, 'lambda', at(0.87));
  for (const n of [api, front, q, worker]) assertEqual(n.region, 'us-east-1', `${n.id} is in the Region`);
  // A card dropped onto another takes the nearest free spot: no card hides another.
  const built = await state(page);
  const cards = built.nodes;
  // ... and a full band grows a row rather than putting a regional service in one AZ.
  for (const f of built.frames.filter((x) => x.kind === 'az'))
    for (const c of cards.filter((x) => x.id !== users.id))
      assert(!overlaps(c, f), `the regional ${c.id} is drawn inside the AZ frame ${f.key}: ${JSON.stringify([c, f])}`);
  for (const c1 of cards)
    for (const c2 of cards)
      assert(c1.id === c2.id || !overlaps(c1, c2), `cards ${c1.id} and ${c2.id} overlap: ${JSON.stringify([c1, c2])}`);

  const wire = async (a, b) => {
    const na = await nodeInfo(page, a.id), nb = await nodeInfo(page, b.id);
    await drag(page, { x: na.out[0], y: na.out[1] }, { x: nb.center[0], y: nb.center[1] });
  };
  await wire(users, api);
  await wire(api, front);
  await wire(front, q);
  await wire(q, worker);
  const d = await documentOf(page);
  const roles = d.connections.map((c) => `${c.from}>${c.to}:${c.role || 'call'}`);
  assertEqual(d.connections.length, 4, `four wires (${roles.join(', ')})`);
  const poll = d.connections.find((c) => c.from === q.id);
  assert(poll && poll.to === worker.id && poll.role === 'poll',
    `the wire from the queue to the function is a poll (the function pulls): ${roles.join(', ')}`);
  await page.screenshot({ path: artifactPath('serverless-built.png') });

  let s = await runState(page);
  assert(s.ready, `the pipeline runs as built: ${JSON.stringify(s.errors)}`);
  await page.mouse.click(s.rects.play.x + s.rects.play.w / 2, s.rects.play.y + s.rects.play.h / 2);
  await frames(page, 3);
  await page.evaluate(() => window.cloudplay.run.speed(10));
  s = await waitRun(page, (x) => x.t_s >= 30, '30 simulated seconds');
  await page.evaluate(() => window.cloudplay.run.pause());
  s = await runState(page);

  // The API: its requests per second, in both languages.
  const a = node(s, api.id);
  const reqs = row(a, 'api_requests');
  assert(reqs && reqs.v > 0 && /requests\/s$/.test(reqs.value) && /^초당 /.test(reqs.value_ko),
    `the API's live requests/s: ${JSON.stringify(a.live)}`);
  // The queue: what is visible, in flight, and how old its oldest message is.
  const qn = node(s, q.id);
  assertEqual((qn.live || []).map((r) => r.key).join(','), 'visible,in_flight,delayed,oldest_age_s,duplicates',
    'the queue\'s live rows (no DLQ set: no DLQ row)');
  assert(qn.totals.sent > 0 && qn.totals.deleted > 0, `the queue got messages and its consumer deleted them: ${JSON.stringify(qn.totals)}`);
  // The consumer function: invocations, cold starts, concurrency in use.
  const w = node(s, worker.id);
  assert(row(w, 'invocations') && row(w, 'cold_starts') && row(w, 'cold_starts').v >= 1 && row(w, 'concurrency'),
    `the consumer's live rows: ${JSON.stringify(w.live)}`);
  assertEqual(row(w, 'cold_starts').label_ko, '콜드 스타트', 'the Korean label of cold starts');
  assert(w.totals.invocations > 0, `the consumer was invoked: ${JSON.stringify(w.totals)}`);

  // Selecting the queue puts its live rows at the top of the properties panel.
  const qc = await nodeInfo(page, q.id);
  await page.mouse.click(qc.center[0], qc.center[1]);
  await frames(page, 6);
  let live = (await page.evaluate(() => window.cloudplay.editorState())).liveStatus;
  assert(live.shown && /Messages available: /.test(live.text) && /Messages in flight: /.test(live.text) &&
    /Age of oldest message: [\d.]+ s/.test(live.text), `the queue's live rows in the properties: ${JSON.stringify(live)}`);
  await page.screenshot({ path: artifactPath('serverless-run.png') });
  const wc = await nodeInfo(page, worker.id);
  await page.mouse.click(wc.center[0], wc.center[1]);
  await frames(page, 6);
  live = (await page.evaluate(() => window.cloudplay.editorState())).liveStatus;
  assert(live.shown && /Cold starts: \d+/.test(live.text), `the function's live rows in the properties: ${JSON.stringify(live)}`);
});

await run();
