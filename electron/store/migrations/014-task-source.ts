// Schema 14: what a text file said about its document beyond the text (the record's id or name, doccano meta, the
// CoNLL columns of every token) belongs to the project's task, not to the asset: assets are shared by content
// across projects, so the second project to import the same text from another file exported the first one's ids,
// meta and columns. As with sourceRef (schema 13), what an asset holds moves to every task of that asset (the store
// cannot tell which project wrote it) and leaves the asset. The columns sit in their own column, last, so reading a
// task's name or meta never reads the megabytes of a long document's columns.
import type Database from 'better-sqlite3';

const KEYS = ['sourceName', 'sourceMeta', 'conllColumns'] as const;

export function updateToVersion14(db: Database.Database): void {
  db.exec(`
    CREATE TABLE task_sources (
      task_id TEXT PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
      source_json TEXT NOT NULL DEFAULT '{}',
      conll_columns TEXT
    );
  `);
  const assets = db.prepare(`SELECT id, meta_json FROM assets WHERE ${KEYS.map((k) => `json_type(meta_json, '$.${k}') IS NOT NULL`).join(' OR ')}`).all() as { id: string; meta_json: string }[];
  const tasksOf = db.prepare('SELECT id FROM tasks WHERE asset_id = ?').pluck();
  const put = db.prepare('INSERT INTO task_sources(task_id, source_json, conll_columns) VALUES (?, ?, ?)');
  const strip = db.prepare('UPDATE assets SET meta_json = ? WHERE id = ?');
  for (const a of assets) {
    const { sourceName, sourceMeta, conllColumns, ...rest } = JSON.parse(a.meta_json) as Record<string, unknown>;
    const source = { ...(sourceName !== undefined ? { sourceName } : {}), ...(sourceMeta !== undefined ? { sourceMeta } : {}) };
    for (const taskId of tasksOf.all(a.id) as string[]) put.run(taskId, JSON.stringify(source), typeof conllColumns === 'string' ? conllColumns : null);
    strip.run(JSON.stringify(rest), a.id);
  }
}
