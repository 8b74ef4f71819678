// Schema 2: list a task's objects in paint order without a sort, and find tasks by asset (dedup on import).
import type Database from 'better-sqlite3';

export function updateToVersion2(db: Database.Database): void {
  db.exec(`
    CREATE INDEX annotation_objects_order ON annotation_objects(task_id, annotator, z);
    CREATE INDEX tasks_asset ON tasks(asset_id);
  `);
}
