// The images contract group, bound to the core's PyramidService.
import type { TaggerHandlers } from '../../shared/api/index.ts';
import type { Core } from '../core/core.ts';

export function createImageHandlers(core: Core): TaggerHandlers['images'] {
  return {
    pyramid: (assetId) => core.pyramids.pyramid(assetId),
  };
}
