// Reading the canvas (issue 13): at the fit of every example the text is readable and no
// labels overlap; frames hold exactly their Region's services. Saves reading-<example>-<w>x<h>-<lang>.png in $CLOUDPLAY_ARTIFACTS.
import { test, run, artifactPath, assert } from './lib.mjs';
import { openEditor, frames, state } from './editor_lib.mjs';
import { KO, openExample } from './run_lib.mjs';
import { EXAMPLES, checkLabels, checkFrames } from './canvas_lib.mjs';

// The size the issue was seen at, in both languages (each case loads every example; more
// sizes cost minutes of CI time: the label layout is the same code at any fit).
for (const [w, h, langs] of [[1280, 800, ['en', 'ko']]]) {
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

await run();
