// The class mapping editor in its two places: the Import dialog's mapping step (a COCO file's categories mapped
// onto the project's labels, skipped or kept as new ones, remembered for the next import) and the detector's
// class mapping reached from the image workspace (its effect seen on the next Detect objects).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openDemoTask } from './fixtures.ts';

async function objectsOf(page: Page, name: string) {
  return page.evaluate(async (name) => {
    const t = window.tagger!;
    const project = (await t.projects.list()).find((p) => p.name === 'Demo')!;
    const task = (await t.tasks.list(project.id)).find((x) => x.name === name)!;
    return (await t.annotations.load(task.id)).objects.map((o) => ({ label: o.label, origin: o.origin }));
  }, name);
}

test('a COCO file imported through the mapping step: mapped, skipped and kept as chosen, and remembered', async ({ openApp, page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-mapping-'));
  const file = path.join(dir, 'instances.json');
  // As mmdetection writes it: COCO's own category ids (1 person, 3 car, 18 dog) for the demo's 960×640 street.
  fs.writeFileSync(file, JSON.stringify({
    images: [{ id: 1, file_name: 'street-1.jpg', width: 960, height: 640 }],
    categories: [{ id: 1, name: 'person' }, { id: 3, name: 'car' }, { id: 18, name: 'dog' }],
    annotations: [
      { id: 1, image_id: 1, category_id: 1, bbox: [100, 200, 40, 120], area: 4800, iscrowd: 0 },
      { id: 2, image_id: 1, category_id: 1, bbox: [300, 210, 40, 110], area: 4400, iscrowd: 0 },
      { id: 3, image_id: 1, category_id: 3, bbox: [500, 380, 200, 90], area: 18000, iscrowd: 0 },
      { id: 4, image_id: 1, category_id: 18, bbox: [700, 500, 60, 40], area: 2400, iscrowd: 0 },
    ],
  }));
  await openApp();
  await openDemoTask(page, /street-1\.jpg/);
  const before = await objectsOf(page, 'street-1.jpg');
  await page.getByRole('button', { name: 'Import and export (Ctrl+Shift+E)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import and export' });
  await dialog.getByRole('combobox', { name: 'Import format' }).selectOption('coco');
  await dialog.getByRole('textbox', { name: 'Annotation file to import' }).fill(file);
  await dialog.getByRole('button', { name: 'Import annotations' }).click();

  // The file's classes, their ids and counts, beside a choice each; "keep" is the default.
  const table = dialog.getByRole('table', { name: 'Labels in the file' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row', { name: /person/ })).toContainText(/person\s*1\s*2/);
  await expect(table.getByRole('row', { name: /dog/ })).toContainText(/dog\s*18\s*1/);
  const person = dialog.getByRole('combobox', { name: 'person becomes' });
  await expect(person).toHaveValue('');
  await expect(person.locator('option:checked')).toHaveText('keep as new label');
  // Keyboard: focus the row's choice and pick with the keys a form uses.
  await person.focus();
  await person.selectOption({ label: 'map to Person' });
  await dialog.getByRole('combobox', { name: 'dog becomes' }).selectOption({ label: 'skip (not imported)' });
  await expect(table).toContainText('2 changed from the default');
  await dialog.getByRole('button', { name: 'Import with this mapping' }).click();

  const result = dialog.getByRole('status').filter({ hasText: /Read 3 annotation/ });
  await expect(result).toContainText('mapped "person" onto the label "Person": 2 object(s)');
  await expect(result).toContainText('skipped "dog" as chosen: 1 object(s) not imported');
  await expect(result).toContainText('added 1 label(s) the project did not have: car');

  // The workspace shows the imported objects with the chosen labels.
  await page.keyboard.press('Escape');
  const objects = page.getByRole('list', { name: 'Objects' });
  await expect(objects.getByRole('button', { name: /^Select car \d+$/ })).toHaveCount(1);
  const after = await objectsOf(page, 'street-1.jpg');
  const added = after.slice(before.length).map((o) => o.label).sort();
  expect(added).toEqual(['car_2', 'person', 'person']); // the file's "car" is its own label, not the demo's "Car"
  await expect(objects.getByRole('button', { name: /^Select Person \d+$/ })).toHaveCount(before.filter((o) => o.label === 'person').length + 2);

  // The next import of a COCO file offers the same choices.
  await page.getByRole('button', { name: 'Import and export (Ctrl+Shift+E)' }).click();
  await dialog.getByRole('combobox', { name: 'Import format' }).selectOption('coco');
  await dialog.getByRole('textbox', { name: 'Annotation file to import' }).fill(file);
  await dialog.getByRole('button', { name: 'Import annotations' }).click();
  await expect(dialog.getByRole('combobox', { name: 'person becomes' })).toHaveValue('person');
  await expect(dialog.getByRole('combobox', { name: 'dog becomes' }).locator('option:checked')).toHaveText('skip (not imported)');
  await expect(dialog.getByRole('combobox', { name: 'car becomes' }).locator('option:checked')).toHaveText('keep (the project\'s "car")');
});

test.describe('detector classes', () => {
  test.slow(); // the detector shares the core with the page

  test('the class mapping from the image workspace changes what Detect objects proposes', async ({ openApp, page }) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-classes-')), 'collage.jpg');
    fs.copyFileSync(path.resolve('tests/fixtures/models/collage.jpg'), file);
    await openApp();
    await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
    await page.evaluate(async (file) => {
      const t = window.tagger!;
      const project = (await t.projects.list()).find((p) => p.name === 'Demo')!;
      await t.imports.paths(project.id, [file]);
    }, file);
    await page.reload();
    await openDemoTask(page, /collage\.jpg/);
    await expect(page.getByTestId('image-canvas')).toBeVisible();

    await page.getByRole('button', { name: 'Detect objects' }).click();
    await expect(page.getByRole('status').filter({ hasText: /CenterNet \(COCO\) suggested \d+ boxes/ })).toBeVisible({ timeout: 60_000 });
    const first = (await objectsOf(page, 'collage.jpg')).filter((o) => o.origin === 'model').map((o) => o.label);
    expect(first).toContain('person'); // the astronaut, automatically the demo's Person
    expect(first).toContain('animal'); // the horse and the cat, by their COCO family

    await page.getByRole('button', { name: /Detector classes → labels/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Object detector classes (CenterNet, COCO)' });
    const table = dialog.getByRole('table', { name: 'Model classes' });
    await expect(table.getByRole('row')).toHaveCount(81);
    await expect(dialog.getByRole('combobox', { name: 'horse becomes' }).locator('option:checked')).toHaveText('automatic → Animal');
    await dialog.getByRole('searchbox', { name: 'Filter model classes' }).fill('person');
    await dialog.getByRole('combobox', { name: 'person becomes' }).selectOption({ label: 'ignore (never proposed)' });
    await dialog.getByRole('searchbox', { name: 'Filter model classes' }).fill('horse');
    await dialog.getByRole('combobox', { name: 'horse becomes' }).selectOption({ label: 'map to Car' });
    await dialog.getByRole('button', { name: 'Save mapping' }).click();
    await expect(dialog).toHaveCount(0);

    await page.getByRole('button', { name: 'Detect objects' }).click();
    await expect(page.getByRole('status').filter({ hasText: /CenterNet \(COCO\) suggested \d+ boxes/ }).last()).toBeVisible({ timeout: 60_000 });
    await expect.poll(async () => (await objectsOf(page, 'collage.jpg')).filter((o) => o.origin === 'model').map((o) => o.label).sort().join(), { timeout: 30_000 })
      .not.toBe(first.sort().join());
    const second = (await objectsOf(page, 'collage.jpg')).filter((o) => o.origin === 'model').map((o) => o.label);
    expect(second).not.toContain('person'); // ignored
    expect(second).toContain('car'); // the horse, mapped
    expect(second).toContain('animal'); // the cat, still automatic
    await expect(page.getByRole('list', { name: 'Objects' }).getByRole('button', { name: /^Select Car \d+$/ })).toHaveCount(second.filter((l) => l === 'car').length);
  });
});
