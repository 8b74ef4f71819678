// Playwright fixtures: each test gets its own `tagger serve` on a fresh data directory with the demo project.
import { test as base, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server.ts';

// A server per test: tests never see each other's data (a fresh start costs about a second).
export const test = base.extend<{ server: RunningServer; app: RunningServer; openApp: (hash?: string) => Promise<Page> }>({
  server: async ({}, use) => {
    const s = await startServer({ demo: true });
    await use(s);
    await s.stop();
  },
  app: async ({ server }, use) => use(server),
  openApp: async ({ page, server }, use) => {
    await use(async (hash = '') => {
      await page.goto(`${server.url}${hash}`);
      await expect(page.getByRole('status', { name: 'Save state' })).toBeVisible();
      return page;
    });
  },
});

/** Opens the demo project and the task with the given file name. */
export async function openDemoTask(page: Page, name: string | RegExp): Promise<void> {
  // Wait for the first screen to settle: the project list, or the queue when the last project reopened itself.
  const project = page.getByRole('button', { name: 'Open project Demo' });
  const queue = page.getByRole('navigation', { name: 'Task queue' });
  await expect(project.or(queue).first()).toBeVisible();
  if (await project.isVisible().catch(() => false)) await project.click();
  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name }).click();
}

/** A project's id and its tasks' ids by file name, read through the page's own API (for seeding a test). */
export async function projectIds(page: Page, name = 'Demo'): Promise<{ projectId: string; task: Record<string, string> }> {
  return page.evaluate(async (n) => {
    const t = window.tagger!;
    const p = (await t.projects.list()).find((x) => x.name === n)!;
    return { projectId: p.id, task: Object.fromEntries((await t.tasks.list(p.id)).map((x) => [x.name, x.id])) };
  }, name);
}

export { expect };
