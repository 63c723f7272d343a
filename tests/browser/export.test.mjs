// File > Export PNG and Export SVG: the whole diagram (not what the canvas shows),
// the PNG at slide resolution (>= 1920 px wide) with every card inside it, the SVG
// a well-formed vector file with every node's name as text, Korean and markup
// characters included. Saves export-*.png / export.svg in $CLOUDPLAY_ARTIFACTS: look at them.
import fs from 'node:fs';
import path from 'node:path';
import { test, run, artifactPath, assert, assertEqual, decodePng, ROOT } from './lib.mjs';
import { openEditor, frames, state, documentOf } from './editor_lib.mjs';

// The three-tier example, with names that need escaping and Korean ones, zoomed in so
// far that the canvas shows only part of it (the export must not care).
async function openDiagram() {
  const page = await openEditor({ width: 1280, height: 800 });
  const d = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'three-tier-web.json'), 'utf8'));
  d.nodes[0].name = '고객 <브라우저> & "앱"';
  d.nodes[1].name = "주문 로드 밸런서 'ALB'";
  const errors = await page.evaluate((t) => window.cloudplay.loadDocument(t), JSON.stringify(d));
  assert(Array.isArray(errors) && errors.length === 0, `document: ${JSON.stringify(errors)}`);
  await frames(page, 3);
  const s = await state(page);
  await page.mouse.move(s.canvas.x + s.canvas.w / 2, s.canvas.y + s.canvas.h / 2);
  for (let i = 0; i < 6; i++) { await page.mouse.wheel(0, -300); await frames(page, 1); }
  await frames(page, 2);
  return page;
}

async function download(page, hook) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.evaluate((h) => window.cloudplay[h](), hook)]);
  const file = artifactPath(dl.suggestedFilename().replace(/^.*\./, 'export.'));
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), file };
}

test('Export PNG: the whole diagram, at least 1920 px wide, nothing cut off', async () => {
  const page = await openDiagram();
  const s = await state(page);
  const off = s.nodes.filter((n) => n.x < s.canvas.x || n.x + n.w > s.canvas.x + s.canvas.w ||
    n.y < s.canvas.y || n.y + n.h > s.canvas.y + s.canvas.h);
  assert(off.length > 0, 'zoomed in: some nodes are off the canvas (so a screenshot could not hold them)');
  const { name, file } = await download(page, 'exportPng');
  assert(name.endsWith('.png'), `file name ${name}`);
  const img = decodePng(fs.readFileSync(file));
  console.log(`     exported PNG ${img.width}x${img.height}: ${file}`);
  assert(img.width >= 1920, `PNG width ${img.width} >= 1920`);
  // Nothing cut off: the outer rows and columns are the white margin, and the
  // drawing reaches close to them (the diagram fills the picture).
  const px = (x, y) => { const i = (y * img.width + x) * img.channels; return [img.data[i], img.data[i + 1], img.data[i + 2]]; };
  const white = (p) => p[0] > 250 && p[1] > 250 && p[2] > 250;
  let x0 = img.width, y0 = img.height, x1 = -1, y1 = -1;
  for (let y = 0; y < img.height; y += 2)
    for (let x = 0; x < img.width; x += 2)
      if (!white(px(x, y))) x0 = Math.min(x0, x), y0 = Math.min(y0, y), x1 = Math.max(x1, x), y1 = Math.max(y1, y);
  assert(x0 > 4 && y0 > 4 && x1 < img.width - 5 && y1 < img.height - 5, `a white margin on every side (drawing ${x0},${y0}..${x1},${y1})`);
  assert(x0 < img.width * 0.05 && x1 > img.width * 0.95, `the drawing spans the width (${x0}..${x1} of ${img.width})`);
  const lastPng = await page.evaluate(() => window.cloudplayFiles.lastPng);
  assertEqual(lastPng.width, img.width, 'the size the page reports');
  assert(page.problems.length === 0, page.problems.join('\n'));
});

test('Export SVG: well-formed, every name as text, the viewBox holds every card', async () => {
  const page = await openDiagram();
  const doc = await documentOf(page);
  const { name, file } = await download(page, 'exportSvg');
  assert(name.endsWith('.svg'), `file name ${name}`);
  const text = fs.readFileSync(file, 'utf8');
  const r = await page.evaluate((t) => {
    const x = new DOMParser().parseFromString(t, 'image/svg+xml');
    const err = x.querySelector('parsererror');
    if (err) return { error: err.textContent };
    const svg = x.documentElement;
    const texts = Array.from(x.querySelectorAll('text')).map((e) => e.textContent);
    const cards = Array.from(x.querySelectorAll('g.card')).map((g) => {
      const r = g.querySelector(':scope > rect[fill="#FFFFFF"]');
      return { id: g.getAttribute('data-id'), x: +r.getAttribute('x'), y: +r.getAttribute('y'), w: +r.getAttribute('width'), h: +r.getAttribute('height') };
    });
    return { root: svg.localName, viewBox: svg.getAttribute('viewBox').split(' ').map(Number), texts, cards,
      frames: x.querySelectorAll('#frames > rect').length };
  }, text);
  assert(!r.error, `the SVG parses as XML: ${r.error}`);
  assertEqual(r.root, 'svg', 'root element');
  for (const n of doc.nodes) {
    const shown = n.name || n.id;
    assert(r.texts.includes(shown), `node ${n.id}'s name "${shown}" is a <text>; texts: ${JSON.stringify(r.texts.slice(0, 30))}`);
  }
  assertEqual(r.cards.length, doc.nodes.length, 'one card per node');
  const [vx, vy, vw, vh] = r.viewBox;
  for (const c of r.cards) {
    const L = doc.layout.nodes[c.id];
    assert(L && Math.abs(L.x - c.x) < 0.01 && Math.abs(L.y - c.y) < 0.01, `card ${c.id} at its layout position`);
    assert(c.x >= vx && c.y >= vy && c.x + c.w <= vx + vw && c.y + c.h <= vy + vh, `card ${c.id} inside the viewBox ${r.viewBox}`);
  }
  const azs = doc.regions.reduce((k, reg) => k + reg.azs.length, 0);
  assertEqual(r.frames, doc.regions.length + azs, 'a frame per Region and AZ');
  // What a person sees: the SVG drawn by the browser.
  const view = await page.context().newPage();
  await view.setViewportSize({ width: Math.ceil(vw), height: Math.ceil(vh) });
  await view.goto('file://' + file);
  await view.screenshot({ path: artifactPath('export-svg-view.png') });
  await view.close();
  assert(page.problems.length === 0, page.problems.join('\n'));
});

await run();
