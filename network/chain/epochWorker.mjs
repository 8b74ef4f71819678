// Worker-thread entry of the epoch builder: worker threads do not inherit the parent's tsx loader, so register it.
import { register } from 'tsx/esm/api';

register();
await import('./epochWorker.ts');
