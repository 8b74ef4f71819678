// The `models` contract group: offline models that propose work (see shared/api/models.ts).
import type { Core } from '../core/core.ts';
import type { TaggerHandlers } from '../../shared/api/index.ts';
import { detectObjects } from './detectObjects.ts';
import { findEntities } from './findEntities.ts';

export function createModelHandlers(core: Core): TaggerHandlers['models'] {
  return {
    detectObjects: (taskId, opts) => detectObjects(core, taskId, opts ?? {}),
    findEntities: (taskId, opts) => findEntities(core, taskId, opts ?? {}),
  };
}
