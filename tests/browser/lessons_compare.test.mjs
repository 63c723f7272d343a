// Side-by-side runs (ui/compare_view.h): a link opens a lesson at its compare step; the
// step's button runs the variants with the same traffic, seed and faults and shows them on
// one axis per metric; the series exist and differ as the lesson says; hovering a plot moves
// the shared time cursor and a click pins it; the Run menu compares a design with a copy
// where one param changed. Prints how long the comparison took in the browser. Saves
// compare-step-en.png (the lesson's step), compare-sqs-en.png and compare-sqs-ko.png (the
// Compare view), all 1280x800, in $CLOUDPLAY_ARTIFACTS: look at them.
import { test, run, serve, newPage, waitForFrames, artifactPath, assert, assertEqual } from './lib.mjs';
import { frames, click } from './editor_lib.mjs';
import { KO } from './run_lib.mjs';
import { openAt, lessonState } from './lesson_lib.mjs';

const HANGUL = /[\uac00-\ud7a3]/;

const metric = (s, key, node) => s.compare.metrics.find((m) => m.metric === key && (node === undefined || m.node === node));

async function waitCompare(page) {
  for (let i = 0; i < 200; ++i) {
    const s = await lessonState(page);
    if (s.compare.open && s.compare.frames >= 2) return s;
    await page.waitForTimeout(50);
  }
  throw new Error('the Compare view did not open');
}

test('sqs-visibility-timeout at its side-by-side step: 10 s and 30 s on one axis, more duplicates at 10 s', async () => {
  const page = await openAt('lesson=sqs-visibility-timeout&step=4');
  let s = await lessonState(page);
  assertEqual(s.id, 'sqs-visibility-timeout', 'lesson');
  assertEqual(s.step, 4, 'the compare step from the link');
  assert(s.hasCompare, 'the step has a comparison');
  const b = s.compareButton;
  assert(b.w > 0 && b.x + b.w <= 1280 && b.y + b.h <= 800, `the Run side by side button is on screen: ${JSON.stringify(b)}`);

  await page.screenshot({ path: artifactPath('compare-step-en.png') });
  // Press the step's button, as a learner does.
  const t0 = Date.now();
  await click(page, { x: b.x + b.w / 2, y: b.y + b.h / 2 });
  s = await waitCompare(page);
  const waited = Date.now() - t0;
  const c = s.compare;
  console.log(`Side-by-side run of sqs-visibility-timeout (2 variants x ${c.metrics[0].variants[0].points} s simulated): ` +
              `${c.wallMs.toFixed(0)} ms in the engine (${c.metrics[0].variants.map((v) => v.wallMs.toFixed(0)).join(' + ')} ms), ` +
              `${waited} ms from the click to the view drawn`);
  assertEqual(c.labels.length, 2, 'two variants');
  assert(c.labels[0].en.includes('10 s') && c.labels[1].en.includes('30 s'), JSON.stringify(c.labels));
  assert(c.differences.includes('orders') && c.differences.includes('10 s → 30 s'), `what differs: ${c.differences}`);
  assert(HANGUL.test(c.differences_ko), c.differences_ko);

  const dup = metric(s, 'duplicates', 'orders');
  assert(dup, `duplicates are plotted: ${JSON.stringify(c.metrics.map((m) => m.metric))}`);
  for (const v of dup.variants) assert(v.built && v.points >= 290, `each variant has a point a second: ${JSON.stringify(v)}`);
  assert(dup.variants[0].total > dup.variants[1].total,
         `more duplicate receives at 10 s than at 30 s: ${dup.variants[0].total} vs ${dup.variants[1].total}`);
  assert(dup.variants[0].sum !== dup.variants[1].sum, 'the two series differ');
  const age = metric(s, 'oldest_age_s', 'orders');
  assert(age && age.variants[1].peak > age.variants[0].peak,
         `the oldest message gets older at 30 s: ${age && age.variants.map((v) => v.peak)}`);

  // Every plot on screen, side by side; hovering one moves the cursor, a click pins it.
  assert(c.plots.length === c.metrics.length, 'a plot per metric');
  for (const r of c.plots) assert(r.x >= 0 && r.y >= 0 && r.x + r.w <= 1280 && r.y + r.h <= 800 && r.h >= 60, `plot on screen: ${JSON.stringify(r)}`);
  const p = c.plots[0];
  const x = p.x + p.w * 0.55, y = p.y + p.h * 0.6;
  await page.mouse.move(x, y);
  await frames(page, 3);
  s = await lessonState(page);
  assert(s.compare.hover !== null && s.compare.hover > 60 && s.compare.hover < 280, `hover moves the cursor: ${s.compare.hover}`);
  await page.mouse.down();
  await frames(page, 1);
  await page.mouse.up();
  await frames(page, 2);
  s = await lessonState(page);
  assert(s.compare.cursor !== null && Math.abs(s.compare.cursor - s.compare.hover) < 5, `a click pins it: ${s.compare.cursor}`);

  // The screenshot: the cursor pinned just after worker-b fails (2:30), the mouse away.
  await page.evaluate(() => window.cloudplay.lesson.compareCursor(165));
  await page.mouse.move(5, 795);
  await frames(page, 4);
  await page.screenshot({ path: artifactPath('compare-sqs-en.png') });
  await page.close();
});

test('the side-by-side step in Korean', async () => {
  const page = await openAt('lesson=sqs-visibility-timeout&step=4', KO);
  let s = await page.evaluate(() => window.cloudplay.lesson.compare());
  s = await waitCompare(page);
  assert(HANGUL.test(s.compare.labels[0].ko), JSON.stringify(s.compare.labels));
  await page.evaluate(() => window.cloudplay.lesson.compareCursor(165));
  await page.mouse.move(5, 795);
  await frames(page, 4);
  await page.screenshot({ path: artifactPath('compare-sqs-ko.png') });
  await page.close();
});

test('rds-multi-az-vs-read-replica: Single-AZ fails its writes while use1-az1 is down, Multi-AZ fails over', async () => {
  const page = await openAt('lesson=rds-multi-az-vs-read-replica&step=4');
  let s = await lessonState(page);
  assert(s.hasCompare, 'the step has a comparison');
  await page.evaluate(() => window.cloudplay.lesson.compare());
  s = await waitCompare(page);
  console.log(`Side-by-side run of rds-multi-az-vs-read-replica (2 variants x 900 s simulated): ${s.compare.wallMs.toFixed(0)} ms`);
  const err = metric(s, 'error_rate', 'users');
  assert(err, 'the error rate is plotted');
  assert(err.variants[0].total > 3 * err.variants[1].total, `Single-AZ fails more: ${err.variants.map((v) => v.total)}`);
  const cost = metric(s, 'cost_per_month', '');
  assert(cost && cost.variants[1].total > cost.variants[0].total, `Multi-AZ costs more: ${cost && cost.variants.map((v) => v.total)}`);
  await page.evaluate(() => window.cloudplay.lesson.compareCursor(180));
  await frames(page, 3);
  await page.screenshot({ path: artifactPath('compare-rds-en.png') });
  await page.close();
});

test('alb-vs-nlb-latency: the NLB adds less latency than the ALB, same players and seed', async () => {
  const page = await openAt('lesson=alb-vs-nlb-latency&step=3');
  let s = await lessonState(page);
  assert(s.hasCompare, 'the step has a comparison');
  await page.evaluate(() => window.cloudplay.lesson.compare());
  s = await waitCompare(page);
  console.log(`Side-by-side run of alb-vs-nlb-latency (2 variants x 300 s simulated): ${s.compare.wallMs.toFixed(0)} ms`);
  const p50 = metric(s, 'p50_ms', 'lb');
  assert(p50 && p50.variants[0].total > p50.variants[1].total + 0.5, `ALB slower than NLB: ${p50 && p50.variants.map((v) => v.total)}`);
  assert(s.compare.differences.includes('Network Load Balancer'), s.compare.differences);
  await frames(page, 3);
  await page.screenshot({ path: artifactPath('compare-alb-nlb-en.png') });
  await page.close();
});

test('Run > Compare with a copy where one param changed, for any design', async () => {
  const page = await openAt('lesson=sqs-visibility-timeout&step=1');
  let s = await page.evaluate(() => window.cloudplay.lesson.compareCopy('orders', 'visibility_timeout_s', -5));
  assert(!s.compare.open && s.compare.copyError.includes('visibility_timeout_s'), `a bad value is refused: ${s.compare.copyError}`);
  assert(HANGUL.test(s.compare.copyError_ko), s.compare.copyError_ko);
  s = await page.evaluate(() => window.cloudplay.lesson.compareCopy('orders', 'visibility_timeout_s', 2));
  assert(!s.compare.open && s.compare.copyError.includes('same'), `the same value is refused: ${s.compare.copyError}`);
  s = await page.evaluate(() => window.cloudplay.lesson.compareCopy('orders', 'visibility_timeout_s', 30));
  s = await waitCompare(page);
  assertEqual(s.compare.labels[0].en, 'As it is', 'the design as it is');
  assert(s.compare.labels[1].en.includes('30'), JSON.stringify(s.compare.labels));
  assert(s.compare.differences.includes('2 s → 30 s'), s.compare.differences);
  const dup = metric(s, 'visible', 'orders');
  assert(dup && dup.variants.every((v) => v.points >= 290), 'the default series include the queue backlog');
  s = await page.evaluate(() => window.cloudplay.lesson.copyDialog());
  await frames(page, 3);
  s = await lessonState(page);
  assert(s.compare.copyDialog, 'the dialog opens from the hook the menu uses');
  await page.close();
});

run();
