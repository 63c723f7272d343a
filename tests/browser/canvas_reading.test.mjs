// Reading the canvas and plots (issue 13): at the fit of every example the text is
// readable and no labels overlap; frames hold exactly their Region's services; Play
// leaves the view alone; a node keeps its plot colour and readable legend name for the
// run; a palette double-click lands in a valid place; a load balancer dropped into an
// AZ is drawn in its Region's band; the run's keys work. Saves reading-<example>-<w>x<h>-<lang>.png in $CLOUDPLAY_ARTIFACTS.
import fs from 'node:fs';
import path from 'node:path';
import { test, run, ROOT, artifactPath, assert, assertEqual } from './lib.mjs';
import { openEditor, frames, state, paletteItem, drag, click, press, documentOf } from './editor_lib.mjs';
import { KO, waitRun, openExample } from './run_lib.mjs';

const EXAMPLES = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort();
const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (r, box) => r.x >= box.x - 0.5 && r.y >= box.y - 0.5 && r.x + r.w <= box.x + box.w + 0.5 &&
  r.y + r.h <= box.y + box.h + 0.5;
const show = (l) => `${l.kind} "${l.text}" ${Math.round(l.x)},${Math.round(l.y)} ${Math.round(l.w)}×${Math.round(l.h)} @${l.px.toFixed(1)}px`;

// No two labels overlap, none is below the minimum size, and every card still says what it is
// (its name, maybe cut with "…") unless the zoom leaves it only its icon.
function checkLabels(st, where) {
  const labels = st.labels;
  assert(labels.length > 0, `${where}: no labels drawn`);
  for (const l of labels) assert(l.px >= st.minTextPx - 0.01, `${where}: ${show(l)} is below ${st.minTextPx}px`);
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++)
      assert(!overlaps(labels[i], labels[j]), `${where}: ${show(labels[i])} overlaps ${show(labels[j])}`);
  for (const l of labels.filter((x) => x.kind === 'card_title'))
    assert(!/\.$/.test(l.text) && [...l.text].length >= 3, `${where}: card title "${l.text}" is not readable`);
}

// Region frames hold exactly their Region's services: zonal and regional ones inside their
// Region's frame; clients (on the internet) and global services outside every Region frame.
function checkFrames(st, where) {
  const regions = st.frames.filter((f) => f.kind === 'region');
  for (const n of st.nodes) {
    if (n.placement === 'az' || n.placement === 'region') {
      const own = regions.find((f) => f.key === n.region);
      if (own) assert(inside(n, own), `${where}: ${n.id} (${n.region}) is outside its Region frame`);
      for (const f of regions.filter((x) => x.key !== n.region))
        assert(!overlaps(n, f), `${where}: ${n.id} (${n.region}) sits in the frame of ${f.key}`);
    } else {
      for (const f of regions) assert(!overlaps(n, f), `${where}: ${n.id} (${n.placement}) sits in the Region frame ${f.key}`);
    }
    if (n.placement === 'region')
      for (const f of st.frames.filter((x) => x.kind === 'az'))
        assert(!overlaps(n, f), `${where}: regional ${n.id} is drawn inside AZ ${f.key}`);
  }
}

// The size the issue was seen at in both languages, and the large screen in English
// (each case loads all examples: the full matrix would cost minutes of CI time for little).
for (const [w, h, langs] of [[1280, 800, ['en', 'ko']], [1920, 1080, ['en']]]) {
  for (const lang of langs) {
    test(`every example at its fit, ${w}×${h} ${lang}: readable, no overlapping labels, frames hold their Region`, async () => {
      const page = await openEditor({ width: w, height: h, initScript: lang === 'ko' ? KO : null });
      for (const file of EXAMPLES) {
        await openExample(page, file);
        await frames(page, 3);
        const st = await state(page);
        const where = `${file} at ${w}×${h} ${lang} (zoom ${(st.zoom * 100).toFixed(0)}%)`;
        await page.screenshot({ path: artifactPath(`reading-${file.replace('.json', '')}-${w}x${h}-${lang}.png`) });
        checkLabels(st, where);
        checkFrames(st, where);
      }
      assert(page.problems.length === 0, `page problems: ${page.problems.join('; ')}`);
    });
  }
}

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
