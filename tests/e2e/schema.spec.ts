// The labels and schema editor: add, rename, recolor, reorder, a key for a label past the fifth, an attribute, a
// pre-tagger pattern; saved through the contract, taken by the open workspace at once and kept after a reload.
import { test, expect, openDemoTask } from './fixtures.ts';

test('labels edited in the editor reach the open workspace and the keyboard, and survive a reload', async ({ openApp, page }) => {
  await openApp();
  await openDemoTask(page, /street-1\.jpg/);
  await expect(page.getByTestId('image-canvas')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', { name: 'Labels and schema (Ctrl+Shift+S)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Labels and schema' });
  await expect(dialog.getByRole('tab', { name: 'Image' })).toHaveAttribute('aria-selected', 'true');
  await dialog.getByLabel('Name of label 1').fill('Vehicle');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  const n = await dialog.getByRole('list').first().getByRole('listitem').count();
  await dialog.getByLabel(`Name of label ${n}`).fill('Bicycle');
  await expect(dialog.getByLabel('Key of Bicycle')).toHaveValue('7');
  await dialog.getByLabel('Color of Bicycle').fill('#123456');
  await dialog.getByRole('button', { name: 'Move Bicycle up' }).click();
  await dialog.getByLabel('Key of Bicycle').selectOption('6');
  await expect(dialog.getByRole('alert')).toContainText('both use the key 6');
  await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await dialog.getByLabel('Key of Bicycle').selectOption('7');
  await dialog.getByRole('button', { name: 'Add attribute' }).click();
  await dialog.getByRole('tab', { name: 'Text' }).click();
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  const patterns = dialog.getByLabel(/^Patterns of rule/).last();
  await patterns.fill('\\bquay\\b');
  await patterns.blur();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('.toast')).toContainText('Labels saved.');
  await page.keyboard.press('Escape');

  // The open image workspace has the new names and keys without reopening the task.
  const labels = page.getByRole('group', { name: 'Labels' });
  await expect(labels.getByRole('button', { name: 'Vehicle (1)' })).toBeVisible();
  await expect(labels.getByRole('button', { name: 'Bicycle (7)' })).toBeVisible();
  await page.getByTestId('image-canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('7');
  await expect(labels.getByRole('button', { name: 'Bicycle (7)' })).toHaveAttribute('aria-pressed', 'true');

  await page.reload();
  await expect(page.getByRole('group', { name: 'Labels' }).getByRole('button', { name: 'Bicycle (7)' })).toBeVisible();
  const saved = await page.evaluate(async () => {
    const p = (await window.tagger!.projects.list()).find((x) => x.name === 'Demo')!;
    const s = (await window.tagger!.projects.get(p.id)).schema;
    return { image: s.image!.labels.map((l) => l.name), attributes: s.image!.attributes.length, patterns: s.text!.pretagger!.flatMap((r) => r.patterns ?? []) };
  });
  expect(saved.image[0]).toBe('Vehicle');
  expect(saved.image).toContain('Bicycle');
  expect(saved.patterns).toContain('\\bquay\\b');
});

test('relation types are edited with the labels, and "Undo last save" still takes back a rename after a reload', async ({ openApp, page }) => {
  await openApp();
  await openDemoTask(page, /harbour-news\.txt/);
  await expect(page.getByRole('document', { name: 'Document' })).toContainText('Amara Okafor');
  await page.keyboard.press('Control+Shift+S');
  const dialog = page.getByRole('dialog', { name: 'Labels and schema' });
  await expect(dialog.getByRole('tab', { name: 'Text' })).toHaveAttribute('aria-selected', 'true');
  // One scrollbar: the dialog itself fits the window, only its body scrolls.
  expect(await dialog.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  const before = await dialog.getByLabel('Name of label 1').inputValue();
  await dialog.getByLabel('Name of label 1').fill('Individual');
  const rels = await dialog.getByLabel(/^Name of relation type/).count();
  await dialog.getByRole('button', { name: 'Add relation type' }).click();
  await dialog.getByLabel(`Name of relation type ${rels + 1}`).fill('Employs');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('.toast')).toContainText('Labels saved.');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Labels', exact: true }).getByRole('button', { name: 'Individual (1)' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('group', { name: 'Labels', exact: true }).getByRole('button', { name: 'Individual (1)' })).toBeVisible();
  await page.keyboard.press('Control+Shift+S');
  await expect(dialog.getByLabel(`Name of relation type ${rels + 1}`)).toHaveValue('Employs');
  await dialog.getByRole('button', { name: 'Undo last save' }).click();
  await expect(page.locator('.toast')).toContainText('The last labels change was undone.');
  await expect(dialog.getByLabel('Name of label 1')).toHaveValue(before);
  await expect(dialog.getByLabel(/^Name of relation type/)).toHaveCount(rels);
  await expect(dialog.getByRole('button', { name: 'Undo last save' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Labels', exact: true }).getByRole('button', { name: `${before} (1)` })).toBeVisible();
});
