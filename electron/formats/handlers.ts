// The formats contract group, bound to the format adapters.
import type { TaggerHandlers } from '../../shared/api/index.ts';
import type { Core } from '../core/core.ts';
import { FORMAT_ADAPTERS, formatInfo } from './registry.ts';
import { runExport, runImport, runInspect } from './run.ts';
import { importVersion } from '../review/importVersion.ts';
import { TaggerError } from '../../shared/errors.ts';

export function createFormatHandlers(core: Core): TaggerHandlers['formats'] {
  return {
    list: () => FORMAT_ADAPTERS.map(formatInfo),
    export: (projectId, formatId, outPath) => runExport(core, projectId, formatId, outPath),
    inspect: (projectId, formatId, inPath) => runInspect(core, projectId, formatId, inPath),
    import: (projectId, formatId, inPath, options) => {
      if (options?.annotator === undefined) return runImport(core, projectId, formatId, inPath, options);
      if (options.mapping) throw new TaggerError('invalid_argument', 'A label mapping does not apply to an annotator\'s version yet; import the version without one.');
      return importVersion(core, projectId, formatId, inPath, options.annotator);
    },
  };
}
