// The formats contract group, bound to the format adapters.
import type { TaggerHandlers } from '../../shared/api/index.ts';
import type { Core } from '../core/core.ts';
import { FORMAT_ADAPTERS, formatInfo } from './registry.ts';
import { runExport, runImport, runInspect } from './run.ts';

export function createFormatHandlers(core: Core): TaggerHandlers['formats'] {
  return {
    list: () => FORMAT_ADAPTERS.map(formatInfo),
    export: (projectId, formatId, outPath) => runExport(core, projectId, formatId, outPath),
    inspect: (projectId, formatId, inPath) => runInspect(core, projectId, formatId, inPath),
    import: (projectId, formatId, inPath, options) => runImport(core, projectId, formatId, inPath, options),
  };
}
