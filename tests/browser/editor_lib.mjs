// Helpers for the editor's browser tests (tests/browser/editor*.test.mjs): drive the
// real page with the mouse and keyboard, read its structure through the test hooks
// (window.cloudplay.getDocument(), window.cloudplay.editorState(): screen positions
// of palette items, menus, frames, nodes, handles and inspector fields, in CSS px).
//
// Dear ImGui 1.86 reads input once per frame, so every press and release here
// lasts at least one rendered frame.
import { serve, newPage, waitForFrames } from './lib.mjs';

export async function openEditor({ width = 1280, height = 800, initScript = null } = {}) {
  const url = await serve();
  const page = await newPage({ width, height, initScript });
  await page.goto(url, { waitUntil: 'load' });
  await waitForFrames(page, 3);
  await frames(page, 3);
  return page;
}

// Waits until `n` more frames have been rendered.
export async function frames(page, n = 1) {
  const f0 = await page.evaluate(() => window.cloudplay.frames);
  await page.waitForFunction((t) => window.cloudplay.frames >= t, f0 + n, { polling: 16, timeout: 30000 });
}

export const state = (page) => page.evaluate(() => window.cloudplay.editorState());
export const documentOf = async (page) => JSON.parse(await page.evaluate(() => window.cloudplay.getDocument()));

export const center = (r) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

// The palette scrolls once its services outgrow the window: wheel over it until the
// item is inside the visible part, as a person would, then return its centre.
export async function paletteItem(page, type) {
  const viewportHeight = page.viewportSize().height;
  for (let attempt = 0; attempt < 30; attempt++) {
    const s = await state(page);
    const it = s.palette.find((p) => p.type === type);
    if (!it) throw new Error(`no palette item for ${type}; palette has ${s.palette.map((p) => p.type).join(', ')}`);
    const first = s.palette[0];
    const below = it.y + it.h / 2 > viewportHeight - 30; // the status bar is ~24 px
    const above = it.y < 80; // under the menu bar and the search box
    if (!below && !above) return center(it);
    await page.mouse.move(first.x + first.w / 2, Math.min(viewportHeight / 2, 400));
    await frames(page, 1);
    await page.mouse.wheel(0, below ? 120 : -120);
    await frames(page, 3);
  }
  throw new Error(`palette item ${type} never scrolled into view`);
}

export async function frameRect(page, key) {
  const s = await state(page);
  const f = s.frames.find((x) => x.key === key);
  if (!f) throw new Error(`no frame ${key} on the canvas`);
  return f;
}

export async function nodeInfo(page, id) {
  const s = await state(page);
  const n = s.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id} on the canvas (nodes: ${s.nodes.map((x) => x.id).join(', ')})`);
  return n;
}

// Press at `a`, move to `b` over several frames, release (optionally inspect before release).
export async function drag(page, a, b, { steps = 6, beforeRelease = null, button = 'left' } = {}) {
  await page.mouse.move(a.x, a.y);
  await frames(page, 2);
  await page.mouse.down({ button });
  await frames(page, 2);
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(a.x + ((b.x - a.x) * i) / steps, a.y + ((b.y - a.y) * i) / steps);
    await frames(page, 1);
  }
  await frames(page, 2);
  if (beforeRelease) await beforeRelease();
  await page.mouse.up({ button });
  await frames(page, 3);
}

export async function click(page, p) {
  await page.mouse.move(p.x, p.y);
  await frames(page, 1);
  await page.mouse.down();
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 2);
}

// "Control+Shift+z": holds each key for a couple of frames.
export async function press(page, combo) {
  const keys = combo.split('+');
  for (const k of keys) await page.keyboard.down(k);
  await frames(page, 2);
  for (const k of keys.reverse()) await page.keyboard.up(k);
  await frames(page, 2);
}

// Drags a service from the palette to a point on the canvas; returns the new node's id.
export async function dropService(page, type, at) {
  const before = (await documentOf(page)).nodes.map((n) => n.id);
  await drag(page, await paletteItem(page, type), at, { steps: 5 });
  const after = await documentOf(page);
  const added = after.nodes.filter((n) => !before.includes(n.id));
  if (added.length !== 1) throw new Error(`dropping ${type} added ${added.length} nodes`);
  return added[0];
}
