// Accessibility checked by the standard engine, not by eye: axe-core runs on the project list and on each
// workspace (image, audio, text) and must report no violation. The page's CSP stays as it is (it refuses inline
// scripts): the engine's source, from node_modules, is evaluated through the DevTools protocol, which CSP does not govern.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { test, expect, openDemoTask } from './fixtures.ts';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }

async function violations(page: Page, screen: string): Promise<string[]> {
  await page.screenshot({ path: test.info().outputPath(`${screen}.png`) });
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return found.map((v: Violation) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 4 ? ` … ${v.nodes.length} elements` : ''}`);
}

test('axe-core finds no violation on the project list and in the image, audio and text workspaces', async ({ openApp, page }) => {
  await openApp('#/');
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  const report: Record<string, string[]> = { 'project list': await violations(page, 'project-list') };
  await openDemoTask(page, /street-1\.jpg/);
  await expect(page.getByTestId('image-canvas')).toHaveAttribute('data-ready', 'true');
  report.image = await violations(page, 'image');
  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /interview\.wav/ }).click();
  await expect(page.getByRole('list', { name: 'Segments' })).toBeVisible();
  report.audio = await violations(page, 'audio');
  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /harbour-news\.txt/ }).click();
  await expect(page.getByRole('document', { name: 'Document' })).toContainText('Amara Okafor');
  report.text = await violations(page, 'text');
  expect(report).toEqual({ 'project list': [], image: [], audio: [], text: [] });
});
