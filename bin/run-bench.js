#!/usr/bin/env node
// Runs every tests/bench/*.bench.ts one after another (they share 2 cores; running them together would skew
// the numbers) and lets each print its tables. `npm run bench -- image` runs only files whose name has "image".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'tests', 'bench');
const filters = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!filters.length || filters.some((x) => f.includes(x)))).sort();
console.log(`Tagger Workstation benchmarks — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
console.log('Benchmarks report; they never pass or fail on time. Compare ratios within one run.\n');
let failed = 0;
for (const f of files) {
  console.log(`## ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, f)], { cwd: root, stdio: 'inherit', env: { ...process.env, TAGGER_BENCH: '1' } });
  if (r.status !== 0) {
    failed++;
    console.log(`(${f} stopped with exit code ${r.status}; its table may be incomplete)\n`);
  }
}
process.exitCode = failed ? 1 : 0;
