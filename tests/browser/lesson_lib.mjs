// What the lesson browser tests share: a page at 1280x800 opened at a lesson link
// (#lesson=<id>&step=<n>, #lesson-data=...), and the lesson panel's state hook.
import { serve, newPage, waitForFrames } from './lib.mjs';
import { frames } from './editor_lib.mjs';

export async function openAt(hash, initScript = null) {
  const url = await serve();
  const page = await newPage({ width: 1280, height: 800, initScript });
  await page.goto(`${url}#${hash}`, { waitUntil: 'load' });
  await waitForFrames(page, 3);
  await frames(page, 3);
  return page;
}

export const lessonState = (page) => page.evaluate(() => window.cloudplay.lesson.state());
