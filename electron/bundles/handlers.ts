// Contract handlers of the bundles group. The service is built once per Core, on first use, with the wallet of
// the network services (the same unlocked key that signs submissions signs bundles).
import type { Core } from '../core/createCore.ts';
import type { TaggerHandlers } from '../../shared/api/index.ts';
import { appVersion } from '../core/paths.ts';
import { networkServices } from '../sync/networkServices.ts';
import type { WalletService } from '../wallet/walletService.ts';
import { BundleService } from './bundleService.ts';
import { TrustedKeys } from './trustedKeys.ts';
import { openedBundlesFor } from './openedFiles.ts';

const byCore = new WeakMap<object, BundleService>();

export function bundleServiceFor(core: Core, wallet: WalletService): BundleService {
  let s = byCore.get(core);
  if (!s) {
    s = new BundleService({
      db: core.db, media: core.media, trusted: new TrustedKeys(core.db, core.now), now: core.now, appVersion: appVersion(),
      signer: () => wallet.signer(), localAddress: () => wallet.address(),
    });
    byCore.set(core, s);
  }
  return s;
}

export function createBundleHandlers(core: Core): TaggerHandlers['bundles'] {
  const service = () => bundleServiceFor(core, networkServices(core).wallet);
  const trusted = new TrustedKeys(core.db, core.now);
  return {
    export: (projectId, out, opts) => {
      const project = core.projects.get(projectId);
      return core.jobs.run(`Export bundle of ${project.name}`, (ctx) => service().exportBundle({ projectId, out, withMedia: opts.withMedia, taskIds: opts.taskIds }, ctx));
    },
    verify: (file) => core.jobs.run('Verify bundle', (ctx) => service().verify(file, ctx)),
    import: (file) => core.jobs.run('Import bundle', (ctx) => service().importBundle(file, ctx)),
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
