// Lessons in the app (ui/lesson_panel.h): a link opens a lesson at a step; its solution,
// checked (the engine fast-forwards its 10 simulated minutes, then the hidden run), passes
// every goal and marks the lesson done in browser storage; its start fails a goal; a bad
// link says so in both languages. Prints how long Check took. Saves lesson-ko.png in
// $CLOUDPLAY_ARTIFACTS: look at it.
import { test, run, serve, newPage, waitForFrames, artifactPath, assert, assertEqual } from './lib.mjs';
import { frames, documentOf } from './editor_lib.mjs';
import { KO, waitRun, runState } from './run_lib.mjs';
import { openAt, lessonState } from './lesson_lib.mjs';

const ID = 'alb-health-checks';  // 600 simulated seconds
const HANGUL = /[\uac00-\ud7a3]/;


test('a link opens a lesson at step 2; its solution passes Check, its start does not', async () => {
  const page = await openAt(`lesson=${ID}&step=2`);
  let s = await lessonState(page);
  assert(s.open, 'the lesson window is open');
  assertEqual(s.id, ID, 'lesson');
  assertEqual(s.step, 2, 'step from the link');
  assertEqual(s.error, '', 'no error for a good link');
  const start = await documentOf(page);
  assert(start.nodes.length > 0, 'the start design is loaded');

  s = await page.evaluate(() => window.cloudplay.lesson.solution());
  await frames(page, 2);
  s = await page.evaluate(() => window.cloudplay.lesson.check());
  console.log(`Check of ${ID} (600 simulated s, visible + hidden run) took ${s.checkMs.toFixed(0)} ms in the browser`);
  assert(s.checked && s.built, 'the solution was run');
  assert(s.goals.length >= 1, 'the lesson has goals');
  for (const g of s.goals) assert(g.passed, `goal passes with the solution: ${g.text}`);
  assert(s.hiddenRun && s.hiddenPassed, 'the hidden check passes with the solution');
  assert(s.done.includes(ID), 'the lesson is marked done');
  const stored = await page.evaluate(() => localStorage.getItem('cloudplay.lessons.done'));
  assert(stored && JSON.parse(stored).includes(ID), `progress is in localStorage: ${stored}`);
  assertEqual(s.services, s.parServices, 'the solution is at par (services)');

  // The start (a failing design): some goal fails, with its measured value.
  await page.evaluate((d) => window.cloudplay.loadDocument(d), JSON.stringify(start));
  await frames(page, 2);
  s = await page.evaluate(() => window.cloudplay.lesson.check());
  assert(s.goals.some((g) => !g.passed), `the start fails a goal: ${JSON.stringify(s.goals.map((g) => g.text))}`);
  assert(!s.hiddenPassed, 'no lesson passed with the start');
  await page.close();
});

test('a design that passes only the run it sees fails the hidden check, says what broke and when, and replays it there', async () => {
  // auto-scaling-across-azs: use1-az1 fails at 3:00; the hidden run adds use1-az2 failing at 7:00.
  // Spreading the group over two AZs survives the first, not the second.
  const page = await openAt('lesson=auto-scaling-across-azs&step=1');
  let s = await lessonState(page);
  assert(s.width > 0, `at 1280 px the lesson is a column beside the canvas: width ${s.width}`);
  const design = await documentOf(page);
  design.nodes.find((n) => n.id === 'web').params.azs = 'use1-az1,use1-az2';
  await page.evaluate((d) => window.cloudplay.loadDocument(d), JSON.stringify(design));
  await frames(page, 2);
  s = await page.evaluate(() => window.cloudplay.lesson.check());
  for (const g of s.goals) assert(g.passed, `the visible run passes with two AZs: ${g.text}`);
  assert(s.hiddenRun && !s.hiddenPassed, 'the hidden check fails');
  const failed = s.hiddenGoals.filter((g) => !g.passed);
  assert(failed.length >= 1, `a hidden goal failed: ${JSON.stringify(s.hiddenGoals)}`);
  assertEqual(s.hiddenMoment, 420, 'it broke when the hidden fault came (7:00)');
  assert(!s.done.includes('auto-scaling-across-azs'), 'not marked done');
  await frames(page, 3);
  await page.screenshot({ path: artifactPath('lesson-hidden-failed.png') });

  s = await page.evaluate(() => window.cloudplay.lesson.replayHidden());
  assert(s.replayingHidden, 'replaying the hidden run');
  let r = await waitRun(page, (x) => !x.seeking && Math.abs(x.t_s - 420) < 1.5, 'the replay at 7:00');
  assertEqual(r.seed, 12, "the hidden run's seed");
  assert(r.faults.some((f) => f.action === 'az_down' && f.target === 'use1-az2' && Math.abs(f.t_s - 420) < 0.01),
         `the hidden fault is in the run: ${JSON.stringify(r.faults)}`);
  const after = await documentOf(page);
  assertEqual(after.nodes.find((n) => n.id === 'web').params.azs, 'use1-az1,use1-az2', "the learner's design is unchanged");
  await frames(page, 3);
  r = await waitRun(page, (x) => x.azs.some((a) => a.id === 'use1-az2' && a.down), 'use1-az2 down in the replay');

  s = await page.evaluate(() => window.cloudplay.lesson.backToVisible());
  assert(!s.replayingHidden, 'back to the visible run');
  r = await runState(page);
  assertEqual(r.seed, after.settings && after.settings.seed !== undefined ? after.settings.seed : 1, "the document's seed again");
  assertEqual(r.faults.length, 0, 'no hidden fault left in the run');
  await page.close();
});

test('the gallery groups lessons by topic; progress moves between browsers with a code', async () => {
  const page = await openAt(`lesson=${ID}&step=1`, KO);
  let s = await page.evaluate(() => window.cloudplay.lesson.gallery());
  assert(s.galleryOpen, 'the gallery is open');
  s = await page.evaluate(() => window.cloudplay.lesson.importProgress('hello'));
  assert(s.importMessage.includes('cloudplay-lessons:') && HANGUL.test(s.importMessage_ko), `a bad code is refused: ${s.importMessage}`);
  assertEqual(s.done.length, 0, 'nothing imported from a bad code');
  s = await page.evaluate(() => window.cloudplay.lesson.importProgress(' cloudplay-lessons:alb-health-checks,sqs-visibility-timeout,no-such '));
  assert(s.done.includes('alb-health-checks') && s.done.includes('sqs-visibility-timeout'), `imported: ${JSON.stringify(s.done)}`);
  assert(s.importMessage.includes('2') && s.importMessage.includes('no-such'), `says what it did: ${s.importMessage}`);
  assert(HANGUL.test(s.importMessage_ko), s.importMessage_ko);
  assertEqual(s.progressCode, 'cloudplay-lessons:alb-health-checks,sqs-visibility-timeout', 'the export code');
  await frames(page, 4);
  await page.screenshot({ path: artifactPath('lesson-gallery-ko.png') });
  await page.reload({ waitUntil: 'load' });
  await waitForFrames(page, 3);
  s = await lessonState(page);
  assert(s.done.includes('sqs-visibility-timeout'), `progress survives a reload: ${JSON.stringify(s.done)}`);
  await page.close();
});

test('a teacher builds a lesson from two designs; its link opens it in a fresh browser, where the solution passes', async () => {
  // The teacher's designs: the one-AZ group of auto-scaling-across-azs, then its three-AZ fix.
  const page = await openAt('lesson=auto-scaling-across-azs&step=1', KO);
  const builder = (step, arg) => page.evaluate(([st, a]) => window.cloudplay.lesson.builder(st, a), [step, arg]);
  await builder('show');
  let b = (await builder('start')).builder;
  assert(b.open && b.hasStart && !b.hasSolution, 'the start is marked');
  await page.evaluate(() => window.cloudplay.lesson.solution());
  await frames(page, 2);
  b = (await builder('suggest')).builder;
  assert(b.message.includes('solution'), `no goals without a solution: ${b.message}`);
  b = (await builder('solution')).builder;
  b = (await builder('suggest')).builder;
  assertEqual(b.suggestions.length, 3, 'p99, error rate, cost');
  const p99 = b.suggestions.find((g) => g.metric === 'p99_ms');
  assert(p99.chosen && p99.measured > 0 && p99.value >= p99.measured * 1.5, `p99 offered with a band: ${JSON.stringify(p99)}`);
  assert(!b.suggestions.find((g) => g.metric === 'cost_per_month').chosen, 'cost is offered, not chosen');
  assert(HANGUL.test(p99.ko), p99.ko);
  b = (await builder('test')).builder;
  assert(!b.valid && b.errors.some((e) => e.startsWith('title')), `an untitled draft is refused: ${JSON.stringify(b.errors)}`);
  await builder('set', {
    title: { en: 'Spread the group over AZs', ko: 'Auto Scaling 그룹을 여러 가용 영역에 펼치기' },
    topic: 'scaling',
    steps: [{ en: 'use1-az1 fails at 3:00. Keep the site up.', ko: '3:00에 use1-az1에 장애가 납니다. 사이트가 계속 동작하게 하세요.' }],
    hints: [{ en: 'Look at the group\'s AZs.', ko: '그룹의 가용 영역 설정을 살펴보세요.' }],
    fact: { source: 'Regions and Availability Zones / AZ', en: 'An AZ fails on its own.', ko: '가용 영역은 각자 독립적으로 장애가 납니다.' },
  });
  b = (await builder('test')).builder;
  assert(b.valid, `the draft is a lesson: ${JSON.stringify(b.errors)}`);
  assert(b.startFails && b.solutionPasses && b.hiddenPasses && b.passed, `the checker passes it: ${JSON.stringify(b)}`);
  assertEqual(b.id, 'spread-the-group-over-azs', 'id from the title');
  assert(b.link.startsWith('#lesson-data=v1.'), b.link.slice(0, 30));
  console.log(`a built lesson's link is ${b.link.length} characters`);
  await frames(page, 4);
  await page.screenshot({ path: artifactPath('lesson-builder-ko.png') });
  await page.close();

  const learner = await openAt(b.link.slice(1));
  let s = await lessonState(learner);
  assertEqual(s.error, '', 'the link opens');
  assertEqual(s.id, 'spread-the-group-over-azs', 'the built lesson');
  s = await learner.evaluate(() => window.cloudplay.lesson.check());
  assert(s.goals.some((g) => !g.passed), 'its start fails');
  await learner.evaluate(() => window.cloudplay.lesson.solution());
  await frames(learner, 2);
  s = await learner.evaluate(() => window.cloudplay.lesson.check());
  for (const g of s.goals) assert(g.passed, `its solution passes: ${g.text}`);
  assert(s.hiddenPassed, 'and the hidden run');
  await learner.close();
});

test('a damaged lesson link says what is wrong, in both languages', async () => {
  const page = await openAt('lesson-data=v1.AAAA');
  const s = await lessonState(page);
  assert(s.open && s.id === '', 'no lesson opened');
  assert(s.error.includes('lesson link') && HANGUL.test(s.error_ko), `${s.error} / ${s.error_ko}`);
  await page.close();
});

test('a bad lesson id or step says so in both languages', async () => {
  let page = await openAt('lesson=no-such-lesson&step=1');
  let s = await lessonState(page);
  assert(s.error.includes('no-such-lesson') && HANGUL.test(s.error_ko), `bad id message: ${s.error} / ${s.error_ko}`);
  await page.close();
  page = await openAt(`lesson=${ID}&step=99`);
  s = await lessonState(page);
  assertEqual(s.step, 1, 'a bad step opens step 1');
  assert(s.error.includes('99') && HANGUL.test(s.error_ko), `bad step message: ${s.error}`);
  await page.close();
});

test('a lesson in Korean (screenshot)', async () => {
  const page = await openAt(`lesson=${ID}&step=1`, KO);
  await page.evaluate(() => window.cloudplay.lesson.check());
  await frames(page, 4);
  await page.screenshot({ path: artifactPath('lesson-ko.png') });
  await page.close();
});

await run();
