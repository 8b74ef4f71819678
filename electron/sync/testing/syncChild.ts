// A workstation process for the "killed mid-sync" test: opens the data directory given as argv[2], syncs with the
// node URL given as argv[3], and reports. The test SIGKILLs it while its batch is in flight.
import { createCore } from '../../core/createCore.ts';

const core = createCore({ dataDir: process.argv[2] });
core.settings.set({ nodeUrl: process.argv[3] });
const net = core.network;
process.stdout.write('syncing\n');
const report = await net.engine.syncNow();
process.stdout.write(`${JSON.stringify(report)}\n`);
await core.close();
