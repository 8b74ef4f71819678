#!/usr/bin/env node
// Bundles the desktop shell (main + preload) into dist/electron as CommonJS, which Electron loads directly
// (the options are in electron-builds.js).
import { build } from 'esbuild';
import { electronBuilds } from './electron-builds.js';

for (const options of electronBuilds('dist/electron')) await build(options);
