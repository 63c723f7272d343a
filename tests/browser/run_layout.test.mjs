// The three-tier example as a learner first sees it: the Auto Scaling group (which
// spans three AZs) drawn in its Region outside the AZ frames, the whole design fitted
// to the view, and no error spike at the start (the group's instances are in service
// and registered with the load balancer at 0 s). Saves run-three-tier-layout.png and
// run-three-tier-layout-1024-ko.png in $CLOUDPLAY_ARTIFACTS: look at them.
import fs from 'node:fs';
import path from 'node:path';
import { test, run, ROOT, artifactPath, assert, assertEqual } from './lib.mjs';
import { openEditor, frames, state } from './editor_lib.mjs';
import { KO, node, waitRun } from './run_lib.mjs';



const inside = (r, box) => r.x >= box.x - 0.5 && r.y >= box.y - 0.5 && r.x + r.w <= box.x + box.w + 0.5 &&
  r.y + r.h <= box.y + box.h + 0.5;

for (const [w, h, lang] of [[1400, 900, 'en'], [1024, 768, 'ko']]) {
  test(`three-tier example at ${w}×${h} (${lang}): the ASG outside the AZ frames, all in view, no error spike at the start`, async () => {
    const page = await openEditor({ width: w, height: h, initScript: lang === 'ko' ? KO : null });
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'three-tier-web.json'), 'utf8');
    const errors = await page.evaluate((t) => window.cloudplay.loadDocument(t), text);
    assert(errors.length === 0, `the example loads: ${JSON.stringify(errors)}`);
    await frames(page, 3);
    let st = await state(page);
    const web = st.nodes.find((n) => n.id === 'web');
    const region = st.frames.find((f) => f.key === 'us-east-1');
    assert(inside(web, region), 'the ASG is inside its Region frame');
    for (const f of st.frames.filter((x) => x.kind === 'az')) {
      const overlap = web.x < f.x + f.w && f.x < web.x + web.w && web.y < f.y + f.h && f.y < web.y + web.h;
      assert(!overlap, `the ASG (spanning 3 AZs) is drawn in no single AZ frame, but overlaps ${f.key}`);
    }
    const db = st.nodes.find((n) => n.id === 'db');
    assert(inside(db, st.frames.find((f) => f.key === 'use1-az2')), 'the database is in its AZ frame');
    // Before Play, the whole design (every node and frame) is in view.
    for (const r of [...st.nodes, ...st.frames])
      assert(inside(r, st.canvas), `${r.id || r.key} ${JSON.stringify(r)} is in the canvas ${JSON.stringify(st.canvas)}`);
    const zoomBefore = st.zoom;
    await page.evaluate(() => { window.cloudplay.run.play(); window.cloudplay.run.speed(5); });
    const s = await waitRun(page, (x) => x.t_s >= 4, '4 simulated seconds');
    const users = s.nodes.find((n) => n.id === 'users');
    assertEqual(users.errors_per_s, 0, 'errors/s at the start');
    assert(users.ok_per_s > 100, `traffic flows from the first seconds (${users.ok_per_s}/s)`);
    const initial = s.log.filter((e) => /initial/.test(e.text));
    assert(initial.length === 0, `targets are healthy from 0 s, none goes through "initial": ${JSON.stringify(initial)}`);
    // Play opens the run's panel but never moves the view (issue 13): same zoom.
    await frames(page, 3);
    st = await state(page);
    assertEqual(st.zoom, zoomBefore, 'zoom after Play');
    await page.screenshot({ path: artifactPath(lang === 'en' ? 'run-three-tier-layout.png' : 'run-three-tier-layout-1024-ko.png') });
    assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
  });
}

await run();
