// Worker-thread entry: worker threads do not inherit the parent's tsx loader, so register it before loading TS.
import { register } from 'tsx/esm/api';

register();
await import('./verifyWorker.ts');
