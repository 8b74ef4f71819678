// How the desktop shell (main + preload) is bundled: CommonJS that Electron loads directly. Native modules
// (better-sqlite3, sharp, keccak, secp256k1) stay external and are packaged by electron-builder; the model runtimes
// load their weights and .wasm from node_modules at run time, so they stay there too. Used by build-electron.js and
// by the offline e2e test, which scans the same bundles for remote URLs.
import path from 'node:path';

const external = ['electron', 'better-sqlite3', 'sharp', 'keccak', 'secp256k1', 'onnxruntime-web', 'onnxruntime-node', '@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-wasm', 'compromise', 'wink-nlp', 'wink-eng-lite-web-model'];

/** esbuild options for dist/electron/main.cjs, preload.cjs and the object detector's worker thread
 *  (detectorWorker.cjs, which main finds beside itself), written under `outdir`. */
export function electronBuilds(outdir, overrides = {}) {
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, external, logLevel: 'info', ...overrides };
  const metaUrl = { define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).toString();" } };
  return [
    { ...common, ...metaUrl, entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs') },
    { ...common, ...metaUrl, entryPoints: ['electron/models/detectorWorker.ts'], outfile: path.join(outdir, 'detectorWorker.cjs') },
    { ...common, entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs') },
  ];
}
