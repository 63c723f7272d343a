// Shared by canvas_reading and canvas_editing: label and frame checks on the editor's state.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, assert } from './lib.mjs';
export const EXAMPLES = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort();
export const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
export const inside = (r, box) => r.x >= box.x - 0.5 && r.y >= box.y - 0.5 && r.x + r.w <= box.x + box.w + 0.5 &&
  r.y + r.h <= box.y + box.h + 0.5;
export const show = (l) => `${l.kind} "${l.text}" ${Math.round(l.x)},${Math.round(l.y)} ${Math.round(l.w)}×${Math.round(l.h)} @${l.px.toFixed(1)}px`;

// No two labels overlap, none is below the minimum size, and every card still says what it is
// (its name, maybe cut with "…") unless the zoom leaves it only its icon.
export function checkLabels(st, where) {
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
export function checkFrames(st, where) {
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
