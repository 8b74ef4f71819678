#!/usr/bin/env node
// Bundles the desktop shell (main + preload) into dist/electron as CommonJS, which Electron loads directly.
// Native modules (better-sqlite3, sharp, keccak, secp256k1) stay external and are packaged by electron-builder.
import { build } from 'esbuild';

// The model runtimes load their weights and .wasm from node_modules at run time, so they stay there too.
const external = ['electron', 'better-sqlite3', 'sharp', 'keccak', 'secp256k1', 'onnxruntime-web', 'onnxruntime-node', '@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-wasm', 'compromise', 'wink-nlp', 'wink-eng-lite-web-model'];
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, external, logLevel: 'info' };
await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).toString();" } });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' });
