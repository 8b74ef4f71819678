// Contract handlers of the bundles group, bound to the core's BundleService (signed with the network wallet: the
// same unlocked key that signs submissions signs bundles) and its trusted keys.
import type { Core } from '../core/core.ts';
import type { TaggerHandlers } from '../../shared/api/index.ts';
import { openedBundlesFor } from './openedFiles.ts';

export function createBundleHandlers(core: Core): TaggerHandlers['bundles'] {
  const service = core.bundles;
  const trusted = core.trustedKeys;
  return {
    export: (projectId, out, opts) => {
      const project = core.projects.get(projectId);
      return core.jobs.run(`Export bundle of ${project.name}`, (ctx) => service.exportBundle({ projectId, out, withMedia: opts.withMedia, taskIds: opts.taskIds }, ctx));
    },
    verify: (file) => core.jobs.run('Verify bundle', (ctx) => service.verify(file, ctx)),
    import: (file) => core.jobs.run('Import bundle', (ctx) => service.importBundle(file, ctx)),
    trustedKeys: () => trusted.list(),
    trust: (address, name) => {
      trusted.trust(address, name);
      return trusted.list();
    },
    untrust: (address) => {
      trusted.untrust(address);
      return trusted.list();
    },
    opened: () => openedBundlesFor(core).take(),
  };
}
