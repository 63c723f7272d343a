// The editor on the real page (headless Chromium): drop services from the palette
// into AZ frames, move one to another AZ, wire them, see an illegal wire refused
// with its reason, edit a parameter out of range (marked, not applied).
// (Undo/redo, clipboard and shortcuts: editor_edit.test.mjs; Korean: editor_korean.test.mjs.)
// Screenshots go to $CLOUDPLAY_ARTIFACTS (editor-*.png): look at them.
import {
  test, run, artifactPath, assert, assertEqual,
} from './lib.mjs';
import {
  openEditor, frames, state, documentOf, frameRect, nodeInfo, drag, click, press, dropService, center,
} from './editor_lib.mjs';

test('drag services from the palette into AZ frames and wire them', async () => {
  const page = await openEditor();
  const az1 = await frameRect(page, 'use1-az1');
  const az2 = await frameRect(page, 'use1-az2');

  const ec2 = await dropService(page, 'ec2', { x: az1.x + az1.w / 2, y: az1.y + 120 });
  assertEqual(ec2.type, 'ec2', 'dropped node type');
  assertEqual(ec2.az, 'use1-az1', 'AZ of a node dropped into the use1-az1 frame');
  assertEqual(ec2.region, 'us-east-1', 'Region of a node dropped into an AZ frame');

  // Users (clients) live on the internet: drop them left of the Region.
  const reg = await frameRect(page, 'us-east-1');
  const drop = { x: Math.max(reg.x - 100, 330), y: reg.y + 60 };
  const users = await dropService(page, 'users', drop);
  const afterDrop = await state(page);
  assertEqual(users.az || '', '', 'clients are not placed in an AZ');
  // Dropped inside the Region frame (the palette leaves no room left of it at this size),
  // the card moves just outside the frame, stays in sight, and a note says why.
  const uc = await nodeInfo(page, users.id);
  const inReg = (x, y) => x > reg.x && x < reg.x + reg.w && y > reg.y && y < reg.y + reg.h;
  assert(!inReg(uc.center[0], uc.center[1]), `the users card is outside the Region frame: ${JSON.stringify(uc)} vs ${JSON.stringify(reg)}`);
  if (inReg(drop.x, drop.y)) {
    assert(uc.x >= reg.x - 20, `the users card stays in sight near where it was dropped (x ${uc.x}, Region at ${reg.x})`);
    assert(afterDrop.toasts.some((t) => /outside the Region frames/.test(t.text)),
      `a note says why it moved: ${JSON.stringify(afterDrop.toasts)}`);
  }

  // Moving a node into the other AZ frame changes its AZ.
  const n = await nodeInfo(page, ec2.id);
  await drag(page, { x: n.x + 20, y: n.y + 10 }, { x: az2.x + az2.w / 2 - n.w / 2 + 20, y: az2.y + 200 });
  let d = await documentOf(page);
  assertEqual(d.nodes.find((x) => x.id === ec2.id).az, 'use1-az2', 'AZ after moving the node into use1-az2');

  // Wire users -> ec2: drag from the users' output handle onto the EC2 card.
  const u = await nodeInfo(page, users.id);
  const e = await nodeInfo(page, ec2.id);
  let during = null;
  await drag(page, { x: u.out[0], y: u.out[1] }, { x: e.center[0], y: e.center[1] }, {
    beforeRelease: async () => {
      during = await state(page);
      await page.screenshot({ path: artifactPath('editor-wire-valid.png') });
    },
  });
  assertEqual(during.wireRefusal, '', 'a valid target shows no refusal while dragging');
  d = await documentOf(page);
  assertEqual(d.connections.length, 1, 'connections after wiring users -> EC2');
  assertEqual(d.connections[0].from, users.id, 'wire source');
  assertEqual(d.connections[0].to, ec2.id, 'wire target');
  await page.screenshot({ path: artifactPath('editor-wired.png') });
  assert(page.problems.length === 0, `console errors:\n  ${page.problems.join('\n  ')}`);
});

test('an illegal wire is refused, with its reason beside the cursor', async () => {
  const page = await openEditor();
  const az1 = await frameRect(page, 'use1-az1');
  const reg = await frameRect(page, 'us-east-1');
  const ec2 = await dropService(page, 'ec2', { x: az1.x + az1.w / 2, y: az1.y + 120 });
  const users = await dropService(page, 'users', { x: Math.max(reg.x - 100, 330), y: reg.y + 60 });
  const e = await nodeInfo(page, ec2.id);
  const u = await nodeInfo(page, users.id);
  // EC2 -> users: users only send requests, they cannot be called.
  let during = null;
  await drag(page, { x: e.out[0], y: e.out[1] }, { x: u.center[0], y: u.center[1] }, {
    beforeRelease: async () => {
      during = await state(page);
      await page.screenshot({ path: artifactPath('editor-wire-refused.png') });
    },
  });
  assert(during.wireRefusal.length > 10, `no refusal reason while dragging onto users: ${JSON.stringify(during.wireRefusal)}`);
  console.log(`     refusal shown: ${during.wireRefusal}`);
  const d = await documentOf(page);
  assertEqual(d.connections.length, 0, 'connections after the refused wire');
  const s = await state(page);
  assert(s.toasts.some((t) => t.error && t.text.includes(during.wireRefusal)),
    `the reason should stay visible after release: toasts ${JSON.stringify(s.toasts)}`);
});

test('a second instance on a volume without Multi-Attach is refused while dragging (the document\'s wires count)', async () => {
  const page = await openEditor();
  const az1 = await frameRect(page, 'use1-az1');
  const vol = await dropService(page, 'ebs', { x: az1.x + az1.w / 2, y: az1.y + 330 });
  const a = await dropService(page, 'ec2', { x: az1.x + az1.w / 2 - 60, y: az1.y + 100 });
  const b = await dropService(page, 'ec2', { x: az1.x + az1.w / 2 + 60, y: az1.y + 210 });
  const v = await nodeInfo(page, vol.id);
  const first = await nodeInfo(page, a.id);
  await drag(page, { x: first.out[0], y: first.out[1] }, { x: v.center[0], y: v.center[1] });
  let d = await documentOf(page);
  assertEqual(d.connections.length, 1, 'the first instance attaches to the volume');
  const second = await nodeInfo(page, b.id);
  let during = null;
  await drag(page, { x: second.out[0], y: second.out[1] }, { x: v.center[0], y: v.center[1] }, {
    beforeRelease: async () => { during = await state(page); },
  });
  assert(/Multi-Attach/.test(during.wireRefusal), `refusal while dragging a second instance: ${JSON.stringify(during.wireRefusal)}`);
  console.log(`     refusal shown: ${during.wireRefusal}`);
  d = await documentOf(page);
  assertEqual(d.connections.length, 1, 'connections after the refused second attachment');
});

test('a parameter out of range is marked with the reason and not applied', async () => {
  const page = await openEditor();
  const az1 = await frameRect(page, 'use1-az1');
  const ec2 = await dropService(page, 'ec2', { x: az1.x + az1.w / 2, y: az1.y + 120 });
  let s = await state(page);
  assert(s.selection.nodes.includes(ec2.id), 'a dropped node is selected');
  const field = s.inspector.fields.requests_per_vcpu;
  assert(field && field.y + field.h < 780, `no visible requests_per_vcpu field in the inspector: ${JSON.stringify(Object.keys(s.inspector.fields))}`);
  await click(page, center(field));
  await press(page, 'Control+a');
  await page.keyboard.type('5000');
  await frames(page, 2);
  await press(page, 'Enter');
  s = await state(page);
  const err = s.inspector.errors[`${ec2.id}/requests_per_vcpu`];
  assert(err && /1000/.test(err), `expected an error naming the maximum 1000, got ${JSON.stringify(s.inspector.errors)}`);
  let d = await documentOf(page);
  const params = d.nodes.find((x) => x.id === ec2.id).params || {};
  assert(params.requests_per_vcpu === undefined, `out-of-range requests_per_vcpu was applied: ${JSON.stringify(params)}`);
  await page.screenshot({ path: artifactPath('editor-param-error.png') });

  // A value in range is applied, as one undo step.
  await click(page, center(field));
  await press(page, 'Control+a');
  await page.keyboard.type('45');
  await press(page, 'Enter');
  d = await documentOf(page);
  assertEqual(d.nodes.find((x) => x.id === ec2.id).params.requests_per_vcpu, 45, 'requests_per_vcpu after typing 45');
  s = await state(page);
  assertEqual(Object.keys(s.inspector.errors).length, 0, 'errors after a valid value');
});

await run();
