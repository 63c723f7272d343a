// A three-tier design built with the mouse on the real page (headless Chromium):
// users → ALB → EC2 → RDS, the database switched to Multi-AZ in the properties panel.
// Run it, fail the primary's Availability Zone, and read the failover from the live
// state: the status sentence above the rows, the failovers row, both languages.
// Saves database-built.png, database-combo.png and database-failover.png in
// $CLOUDPLAY_ARTIFACTS: look at them.
import { test, run, artifactPath, assert, assertEqual } from './lib.mjs';
import { openEditor, frames, state, documentOf, frameRect, nodeInfo, drag, dropService, click } from './editor_lib.mjs';
import { runState, waitRun, node } from './run_lib.mjs';

const row = (n, key) => (n.live || []).find((r) => r.key === key);

test('ALB → EC2 → RDS Multi-AZ, built with the mouse, fails over when the primary AZ fails', async () => {
  const page = await openEditor({ width: 1400, height: 900 });
  const reg = await frameRect(page, 'us-east-1');
  const az2 = await frameRect(page, 'use1-az2');
  const users = await dropService(page, 'users', { x: Math.max(reg.x - 100, 330), y: reg.y + 60 });
  const alb = await dropService(page, 'alb', { x: reg.x + reg.w * 0.2, y: reg.y + 90 });
  const web = await dropService(page, 'ec2', { x: az2.x + az2.w / 2, y: az2.y + az2.h / 2 });
  const db = await dropService(page, 'rds', { x: reg.x + reg.w * 0.7, y: reg.y + 90 });
  assertEqual(db.region, 'us-east-1', 'the DB instance is a Regional card');
  const wire = async (a, b) => {
    const na = await nodeInfo(page, a.id), nb = await nodeInfo(page, b.id);
    await drag(page, { x: na.out[0], y: na.out[1] }, { x: nb.center[0], y: nb.center[1] });
  };
  await wire(users, alb);
  await wire(alb, web);
  await wire(web, db);
  let d = await documentOf(page);
  assertEqual(d.connections.length, 3, `three wires: ${JSON.stringify(d.connections)}`);
  await page.screenshot({ path: artifactPath('database-built.png') });

  // Select the database and choose its deployment in the properties panel's combo.
  const dc = await nodeInfo(page, db.id);
  await click(page, { x: dc.center[0], y: dc.center[1] });
  await frames(page, 4);
  const field = (await state(page)).inspector.fields.deployment;
  assert(field && field.w > 0, `the deployment field is in the properties: ${JSON.stringify((await state(page)).inspector)}`);
  await click(page, { x: field.x + field.w / 2, y: field.y + field.h / 2 });
  await frames(page, 4);
  await page.screenshot({ path: artifactPath('database-combo.png') });
  // The popup lists single_az, multi_az_instance, multi_az_cluster under the combo, one per line.
  await click(page, { x: field.x + 40, y: field.y + field.h + 4 + 1.5 * (field.h - 2) });
  await frames(page, 4);
  d = await documentOf(page);
  const dbDoc = d.nodes.find((n) => n.id === db.id);
  assertEqual(dbDoc.params && dbDoc.params.deployment, 'multi_az_instance', 'the deployment chosen with the mouse');

  let s = await runState(page);
  assert(s.ready, `the design runs as built: ${JSON.stringify(s.errors)}`);
  await page.mouse.click(s.rects.play.x + s.rects.play.w / 2, s.rects.play.y + s.rects.play.h / 2);
  await frames(page, 3);
  await page.evaluate(() => window.cloudplay.run.speed(20));
  s = await waitRun(page, (x) => x.t_s >= 20, '20 simulated seconds');
  let n = node(s, db.id);
  assert(/^Primary in use1-az1, standby in use1-az2/.test(n.status), `before the failure: ${n.status}`);
  assert(row(n, 'standbys_in_sync') && row(n, 'standbys_in_sync').v === 1, `one standby in sync: ${JSON.stringify(n.live)}`);

  // The primary's AZ fails: the failover begins, queries fail until it is done.
  assert((await page.evaluate(() => window.cloudplay.run.fault('az_down', 'use1-az1', 0, true))).ok, 'AZ down');
  const failedAt = (await runState(page)).t_s;
  s = await waitRun(page, (x) => /^Failing over to use1-az2/.test(node(x, db.id).status), 'the failover to begin', 120000);
  n = node(s, db.id);
  assert(/장애 조치 중/.test(n.status_ko), `the Korean status says it is failing over: ${n.status_ko}`);
  s = await waitRun(page, (x) => /^Primary in use1-az2/.test(node(x, db.id).status), 'the failover to finish', 240000);
  await page.evaluate(() => window.cloudplay.run.pause());
  s = await runState(page);
  n = node(s, db.id);
  const took = s.t_s - failedAt;
  assert(took >= 60 && took <= 125, `the failover took 60-120 s (plus a second to notice): ${took}`);
  assertEqual(row(n, 'failovers').v, 1, 'one failover on the live rows');
  assertEqual(row(n, 'failovers').label_ko, '장애 조치', 'the Korean label of failovers');
  assert(/after a failover/.test(n.status) && /장애 조치 후/.test(n.status_ko), `after: ${n.status} / ${n.status_ko}`);
  const log = s.log.filter((e) => e.node === db.id && e.kind === 'failover');
  assertEqual(log.length, 2, `the log has the failover's start and end: ${JSON.stringify(log)}`);

  // The properties panel shows the status sentence first, then the rows.
  const nc = await nodeInfo(page, db.id);
  await click(page, { x: nc.center[0], y: nc.center[1] });
  await frames(page, 6);
  const live = (await state(page)).liveStatus;
  assert(live.shown && /^Primary in use1-az2 \(after a failover\)/.test(live.text) && /Failovers: 1/.test(live.text),
    `the database's live block: ${JSON.stringify(live)}`);
  await page.screenshot({ path: artifactPath('database-failover.png') });
});

await run();
