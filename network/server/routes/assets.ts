// Asset bytes by SHA-256. An upload is accepted only for a hash a published manifest names, at the size it names;
// anything else is refused before a byte is stored.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { checkEncoding, HttpError, sendJson, type Router } from '../http.ts';
import type { NodeDeps } from '../deps.ts';
import { AssetHashMismatch, AssetStalled, AssetTooLarge } from '../../store/assetFiles.ts';

export function assetRoutes(router: Router, deps: NodeDeps): void {
  const { store, assets } = deps;

  router.on('PUT', /^\/v1\/assets\/([0-9a-f]{64})$/, async (req, res, [sha]) => {
    checkEncoding(req);
    const meta = await store.assetMeta(sha);
    if (!meta || meta.size === null) throw new HttpError(403, 'not_in_manifest', `no published project names asset ${sha}; publish the signed manifest that lists it (with its size) first, then upload its bytes`);
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > meta.size) throw new HttpError(413, 'body_too_large', `the manifest names asset ${sha} as ${meta.size} bytes; this upload is ${declared} bytes`);
    let size = assets.has(sha);
    if (size !== null) req.resume();
    else {
      try {
        size = await assets.put(sha, req, meta.size, deps.limits.bodyTimeoutMs);
      } catch (e) {
        if (e instanceof AssetHashMismatch) throw new HttpError(400, 'hash_mismatch', `${e.message}; nothing was stored`);
        if (e instanceof AssetTooLarge) throw new HttpError(413, 'body_too_large', `${e.message} (the size its manifest names)`);
        if (e instanceof AssetStalled) throw new HttpError(408, 'body_timeout', e.message);
        throw e;
      }
    }
    await store.markAssetsStored([{ sha256: sha, size }]);
    sendJson(res, 200, { sha256: sha, size });
  });

  router.on('GET', /^\/v1\/assets\/([0-9a-f]{64})$/, async (_q, res, [sha]) => {
    const meta = await store.assetMeta(sha);
    const size = assets.has(sha);
    if (!meta || size === null) throw new HttpError(404, 'not_found', `this node has no asset ${sha}${meta ? ' yet (its bytes were not uploaded)' : ''}`);
    res.writeHead(200, { 'Content-Type': meta.mime, 'Content-Length': size, 'Cache-Control': 'public, max-age=31536000, immutable' });
    await pipeline(fs.createReadStream(assets.pathOf(sha)), res);
  });
}
