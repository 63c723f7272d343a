// The canvas while editing and running (issue 13): Play leaves the view alone; a node keeps its
// plot colour and readable legend name for the run; a palette double-click lands in a valid place;
// a load balancer dropped into an AZ is drawn in its Region's band; the run's keys work.
import { test, run, ROOT, artifactPath, assert, assertEqual } from './lib.mjs';
import { openEditor, frames, state, paletteItem, drag, click, press, documentOf } from './editor_lib.mjs';
import { KO, waitRun, openExample } from './run_lib.mjs';
import { EXAMPLES, overlaps, inside, show, checkLabels, checkFrames } from './canvas_lib.mjs';

test('Play leaves zoom and pan alone; labels during the run still do not overlap', async () => {
  const page = await openEditor({ width: 1280, height: 800 });
  await openExample(page, 'three-tier-web.json');
  const before = await state(page);
  await page.evaluate(() => { window.cloudplay.run.play(); window.cloudplay.run.speed(5); });
  await waitRun(page, (x) => x.t_s >= 4, '4 simulated seconds');
  await frames(page, 3);
  const after = await state(page);
  assertEqual(after.zoom, before.zoom, 'zoom after Play');
  assertEqual(JSON.stringify(after.offset), JSON.stringify(before.offset), 'pan offset after Play');
  for (const n of before.nodes) {
    const m = after.nodes.find((x) => x.id === n.id);
    assert(Math.abs(m.x - n.x) < 0.5 && Math.abs(m.y - n.y) < 0.5, `${n.id} moved on screen from ${n.x},${n.y} to ${m.x},${m.y}`);
  }
  checkLabels(after, 'three-tier during the run');
  await page.screenshot({ path: artifactPath('reading-three-tier-running-1280x800-en.png') });
});

test('plots: with nothing selected a node keeps its colour for the whole run; legend names are readable', async () => {
  const page = await openEditor({ width: 1280, height: 800 });
  await openExample(page, 'retry-storm.json');
  await page.evaluate(() => { window.cloudplay.run.play(); window.cloudplay.run.speed(20); });
  const colours = new Map();
  for (let t = 2; t <= 40; t += 6) {
    await waitRun(page, (x) => x.t_s >= t, `${t} s`);
    await frames(page, 2);
    const st = await state(page);
    assert(st.plotLegend.length > 0, 'the metrics panel shows a legend');
    const seen = new Set();
    for (const l of st.plotLegend) {
      if (colours.has(l.id)) assertEqual(l.color, colours.get(l.id), `${l.id}'s colour at ${t} s`);
      colours.set(l.id, l.color);
      assert(!seen.has(l.color), `two plotted nodes share colour ${l.color} at ${t} s`);
      seen.add(l.color);
      assert(l.text === l.full || (l.text.endsWith('…') && [...l.text].length >= 8),
        `legend "${l.text}" for "${l.full}" is cut below a readable length`);
    }
  }
  await page.screenshot({ path: artifactPath('reading-plots-retry-storm.png') });
});

test('double-click in the palette: a zonal service lands in an AZ, a regional one in the Region band, never on a card', async () => {
  const page = await openEditor({ width: 1280, height: 800 });
  for (const type of ['ec2', 'ec2', 'alb', 'users']) {
    const p = await paletteItem(page, type);
    await page.mouse.dblclick(p.x, p.y);
    await frames(page, 4);
  }
  const st = await state(page);
  const doc = await documentOf(page);
  const azs = st.frames.filter((f) => f.kind === 'az');
  for (const n of st.nodes) {
    const d = doc.nodes.find((x) => x.id === n.id);
    if (n.placement === 'az') {
      assert(d.az, `${n.id} got no AZ: ${JSON.stringify(d)}`);
      assert(inside(n, azs.find((f) => f.key === d.az)), `${n.id} is not inside its AZ frame ${d.az}`);
    }
    if (n.placement === 'region') {
      assert(d.region && !d.az, `${n.id}: ${JSON.stringify(d)}`);
      for (const f of azs) assert(!overlaps(n, f), `regional ${n.id} is drawn in AZ ${f.key}`);
    }
    for (const m of st.nodes) if (m !== n) assert(!overlaps(n, m), `${n.id} is on top of ${m.id}`);
  }
  checkFrames(st, 'after double-clicks');
  const s = await page.evaluate(() => window.cloudplay.run.state());
  for (const e of s.errors) assert(!/""/.test(e.message), `an error shows an empty name: ${e.message}`);
  await page.screenshot({ path: artifactPath('reading-double-click.png') });
});

test('an ALB dropped into one AZ is drawn in its Region band, with a note', async () => {
  const page = await openEditor({ width: 1280, height: 800 });
  const az = (await state(page)).frames.find((f) => f.kind === 'az');
  await drag(page, await paletteItem(page, 'alb'), { x: az.x + az.w / 2, y: az.y + az.h / 2 });
  await frames(page, 3);
  const st = await state(page);
  const alb = st.nodes.find((n) => n.type === 'alb');
  assert(alb, 'the ALB was added');
  for (const f of st.frames.filter((x) => x.kind === 'az')) assert(!overlaps(alb, f), `the ALB is drawn inside AZ ${f.key}`);
  assert(inside(alb, st.frames.find((f) => f.kind === 'region')), 'the ALB is inside its Region frame');
  await page.screenshot({ path: artifactPath('reading-alb-dropped-in-az.png') });
});

test('the run keys: P plays and pauses, + and - change the speed; ? lists them', async () => {
  const page = await openEditor({ width: 1280, height: 800 });
  await openExample(page, 'three-tier-web.json');
  await page.mouse.move(640, 400);
  await press(page, 'p');
  let s = await page.evaluate(() => window.cloudplay.run.state());
  assert(s.playing, 'P starts the run');
  const speed = s.speed;
  await page.keyboard.type('+');
  await frames(page, 3);
  s = await page.evaluate(() => window.cloudplay.run.state());
  assert(s.speed > speed, `+ speeds up (${speed} -> ${s.speed})`);
  for (let i = 0; i < 2; i++) { await page.keyboard.type('-'); await frames(page, 3); }
  s = await page.evaluate(() => window.cloudplay.run.state());
  assert(s.speed < speed, `- slows down (${speed} -> ${s.speed})`);
  await press(page, 'p');
  s = await page.evaluate(() => window.cloudplay.run.state());
  assert(!s.playing, 'P pauses');
  await page.keyboard.type('?');
  await frames(page, 3);
  const st = await state(page);
  assert(st.helpOpen, 'the ? overlay opens');
  await page.screenshot({ path: artifactPath('reading-help-overlay.png') });
});

await run();
