#!/usr/bin/env node
// Compiles contracts/src/*.sol with solc-js (npm, no download) against @openzeppelin/contracts from node_modules
// and writes contracts/build/contracts.json: { NAME: { abi, bytecode } }. The output is checked in so that the
// node and the workstation never need a compiler; `node contracts/build.mjs --check` fails if it is stale.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const OUT = path.join(here, 'build', 'contracts.json');

export function compileContracts() {
  const solc = require('solc');
  const srcDir = path.join(here, 'src');
  const sources = {};
  for (const f of fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort()) sources[f] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
  const input = {
    language: 'Solidity',
    sources,
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun', outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  };
  const findImports = (p) => {
    try {
      return { contents: fs.readFileSync(require.resolve(p), 'utf8') };
    } catch {
      return { error: `import not found: ${p} (is @openzeppelin/contracts installed?)` };
    }
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const result = {};
  for (const file of Object.keys(sources)) {
    for (const [name, c] of Object.entries(out.contracts[file])) result[name] = { abi: c.abi, bytecode: '0x' + c.evm.bytecode.object };
  }
  return { compiler: solc.version(), contracts: result };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = JSON.stringify(compileContracts(), null, 1) + '\n';
  if (process.argv.includes('--check')) {
    const old = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
    if (old !== text) {
      console.error(`${path.relative(process.cwd(), OUT)} is stale: run node contracts/build.mjs and commit the result`);
      process.exit(1);
    }
    console.log('contracts/build/contracts.json is up to date');
  } else {
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, text);
    console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
  }
}
