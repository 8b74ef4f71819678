import type { Db } from '../db.ts';
import type { Asset, AssetKind } from '../../../shared/domain.ts';
import { TaggerError } from '../../../shared/errors.ts';

interface AssetRow {
  id: string; kind: AssetKind; mime: string; original_name: string; size: number; width: number | null; height: number | null;
  duration_ms: number | null; meta_json: string; created_at: number;
}

export function toAsset(r: AssetRow): Asset {
  return {
    id: r.id, kind: r.kind, mime: r.mime, originalName: r.original_name, size: r.size, width: r.width, height: r.height,
    durationMs: r.duration_ms, meta: JSON.parse(r.meta_json), createdAt: r.created_at,
  };
}

export class AssetRepository {
  constructor(private readonly db: Db) {}

  get(id: string): Asset {
    const r = this.db.prepare('SELECT * FROM assets WHERE id = ?').get(id) as AssetRow | undefined;
    if (!r) throw new TaggerError('not_found', `No asset ${id}.`);
    return toAsset(r);
  }

  find(id: string): Asset | null {
    const r = this.db.prepare('SELECT * FROM assets WHERE id = ?').get(id) as AssetRow | undefined;
    return r ? toAsset(r) : null;
  }

  /** Inserts the asset unless one with the same content hash exists (content addressing makes it the same asset). */
  insertIfMissing(a: Asset): boolean {
    const info = this.db
      .prepare(`INSERT OR IGNORE INTO assets(id, kind, mime, original_name, size, width, height, duration_ms, meta_json, created_at)
                VALUES (?,?,?,?,?,?,?,?,?,?)`)
      .run(a.id, a.kind, a.mime, a.originalName, a.size, a.width, a.height, a.durationMs, JSON.stringify(a.meta), a.createdAt);
    return info.changes > 0;
  }

  updateMeta(id: string, patch: Partial<Pick<Asset, 'width' | 'height' | 'durationMs' | 'meta'>>): void {
    const cur = this.get(id);
    const n = { ...cur, ...patch };
    this.db.prepare('UPDATE assets SET width = ?, height = ?, duration_ms = ?, meta_json = ? WHERE id = ?').run(n.width, n.height, n.durationMs, JSON.stringify(n.meta), id);
  }
}
