// A folder becomes a queue in the order people number their files: n2 comes before n10.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../core/createCore.ts';
import { byNaturalName } from './importService.ts';

describe('import order', () => {
  it('queues a folder in natural order of its file names', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-order-'));
    for (const n of ['n10.txt', 'n2.txt', 'n1.txt', 'N3.txt', 'n11.txt']) fs.writeFileSync(path.join(dir, n), `text of ${n}\n`);
    const core = createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-order-data-')) });
    try {
      const p = core.projects.create({ name: 'Notes' });
      await core.imports.importPaths(p.id, [dir]);
      expect(core.tasks.list(p.id, {}).map((t) => t.name)).toEqual(['n1.txt', 'n2.txt', 'N3.txt', 'n10.txt', 'n11.txt']);
    } finally {
      await core.close();
    }
  });

  it('is a total order: names that differ only in case still sort the same way every time', () => {
    expect(['b', 'B', 'a10', 'a9'].sort(byNaturalName)).toEqual(['a9', 'a10', 'b', 'B']);
    expect(['B', 'b'].sort(byNaturalName)).toEqual(['b', 'B']);
  });
});
