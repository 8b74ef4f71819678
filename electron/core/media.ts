// Media routes shared by the web server and the desktop protocol: only files in the media store are ever served.
import fs from 'node:fs';
import type { MediaStore } from '../media/mediaStore.ts';
import type { AssetRepository } from '../store/repositories/assets.ts';

export type MediaResponse = { file: string; mime: string } | { body: Buffer; mime: string };
/** Resolves a path under /media/ (without that prefix), or null when the route is not this resolver's. */
export type MediaRoute = (subpath: string) => Promise<MediaResponse | null> | MediaResponse | null;

export function assetRoute(media: MediaStore, assets: AssetRepository): MediaRoute {
  return (subpath) => {
    const m = /^([0-9a-f]{64})$/.exec(subpath);
    if (!m) return null;
    const asset = assets.find(m[1]);
    const file = media.pathOf(m[1]);
    if (!asset || !fs.existsSync(file)) return null;
    return { file, mime: asset.mime };
  };
}
