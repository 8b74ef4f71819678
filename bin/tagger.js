#!/usr/bin/env node
// Entry of the `tagger` command: loads the TypeScript CLI through tsx (no build step needed for the core).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
