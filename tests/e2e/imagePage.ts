// Helpers shared by the image workspace specs: the stored objects of the open task, the screen position of an image
// pixel, a mouse drag.
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export interface Geo { x?: number; y?: number; w?: number; h?: number; points?: number[]; rings?: number[][] }
export interface Obj { id: string; kind: string; label: string; geometry: Geo; locked: boolean; attributes: Record<string, unknown> }

export async function stored(page: Page): Promise<Obj[]> {
  return page.evaluate(async () => {
    const taskId = decodeURIComponent(/\/t\/([^/]+)/.exec(location.hash)![1]);
    const doc = await window.tagger!.annotations.load(taskId);
    return doc.objects as unknown as Obj[];
  });
}

/** Screen position of an image pixel at the "fit to window" view the workspace opens with (see canvas/view.ts). */
export async function mapper(page: Page) {
  const canvas = page.getByTestId('image-canvas');
  await expect(canvas).toHaveAttribute('data-ready', 'true');
  const label = (await canvas.getAttribute('aria-label'))!;
  const [, w, h] = /(\d+) × (\d+) px/.exec(label)!.map(Number);
  const box = (await canvas.boundingBox())!;
  const s = Math.min((box.width - 32) / w, (box.height - 32) / h);
  const tx = (box.width - w * s) / 2, ty = (box.height - h * s) / 2;
  return { w, h, s, at: (x: number, y: number) => ({ x: box.x + tx + x * s, y: box.y + ty + y * s }) };
}

export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 3 });
  await page.mouse.up();
}
