// Schema 13: how an imported file referred to an item (Label Studio's data URL) belongs to the project's task, not
// to the asset: assets are shared by content across projects, so two projects importing the same image with
// different URLs overwrote each other's. Existing references move to every task of their asset (the store cannot
// tell which project wrote it) and leave the asset.
import type Database from 'better-sqlite3';

export function updateToVersion13(db: Database.Database): void {
  db.exec(`
    ALTER TABLE tasks ADD COLUMN source_ref TEXT;
    UPDATE tasks SET source_ref = (SELECT json_extract(a.meta_json, '$.sourceRef') FROM assets a WHERE a.id = tasks.asset_id)
      WHERE asset_id IN (SELECT id FROM assets WHERE json_type(meta_json, '$.sourceRef') = 'text');
    UPDATE assets SET meta_json = json_remove(meta_json, '$.sourceRef') WHERE json_type(meta_json, '$.sourceRef') IS NOT NULL;
  `);
}
