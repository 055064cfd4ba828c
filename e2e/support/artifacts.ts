/** Screenshots kept as test artifacts: attached to the report and saved under e2e/test-results/. */
import type { Locator, Page, TestInfo } from '@playwright/test';

/** Saves a PNG of `target` as test-results/<test>/<name>.png and attaches it; returns the path. */
export async function keepScreenshot(testInfo: TestInfo, name: string, target: Page | Locator): Promise<string> {
  const path = testInfo.outputPath(`${name}.png`);
  await target.screenshot({ path, animations: 'disabled', caret: 'initial' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  return path;
}
