// Schema 4: waveform peaks computed once per audio asset. Peaks are stored per resolution in chunks of a fixed
// number of pixels, so drawing a visible range reads a few small blobs instead of a whole level.
import type Database from 'better-sqlite3';

export function updateToVersion4(db: Database.Database): void {
  db.exec(`
    CREATE TABLE audio_info (
      asset_id TEXT PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
      duration_ms INTEGER NOT NULL,
      sample_rate INTEGER NOT NULL,
      channels INTEGER NOT NULL,
      frames INTEGER NOT NULL,
      warning TEXT,
      computed_at INTEGER NOT NULL
    );
    CREATE TABLE audio_peaks (
      asset_id TEXT NOT NULL REFERENCES audio_info(asset_id) ON DELETE CASCADE,
      samples_per_pixel INTEGER NOT NULL,
      channels INTEGER NOT NULL,
      sample_rate INTEGER NOT NULL,
      length INTEGER NOT NULL,
      chunk INTEGER NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (asset_id, samples_per_pixel, chunk)
    );
  `);
}
