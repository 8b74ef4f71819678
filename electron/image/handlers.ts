// The images contract group, and the tile route it needs, bound to one PyramidService per core.
import type { TaggerHandlers } from '../../shared/api/index.ts';
import type { Core } from '../core/createCore.ts';
import { PyramidService } from './pyramids.ts';

const services = new WeakMap<Core, PyramidService>();

/** The core's pyramid service (tests and benches reach it here; the page goes through the contract). */
export function pyramidsOf(core: Core): PyramidService {
  let s = services.get(core);
  if (!s) {
    s = new PyramidService(core);
    services.set(core, s);
    core.mediaRoutes.push(s.route());
    const svc = s;
    core.onClose(() => svc.close());
  }
  return s;
}

export function createImageHandlers(core: Core): TaggerHandlers['images'] {
  const pyramids = pyramidsOf(core);
  // In a long-running shell, start tiling a huge image as soon as it is imported so it opens at once later.
  if (core.background) core.imports.onAssetAdded((a) => a.kind === 'image' && pyramids.prepare(a.id));
  return {
    pyramid: (assetId) => pyramids.pyramid(assetId),
  };
}
