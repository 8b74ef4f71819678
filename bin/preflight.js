#!/usr/bin/env node
// Run first by `npm test`: the end-to-end and media tests need a few Debian programs. When any is missing, stop
// at once with the one command that installs them, instead of a browser-launch stack trace minutes later.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

// program on PATH → the Debian package that provides it
const NEEDED = [
  ['chromium', 'chromium'],
  ['sox', 'sox'],
  ['ffmpeg', 'ffmpeg'],
  ['praat', 'praat'],
  ['espeak-ng', 'espeak-ng'],
];

function onPath(program) {
  if (program === 'chromium' && process.env.CHROMIUM_PATH) return fs.existsSync(process.env.CHROMIUM_PATH);
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

const missing = NEEDED.filter(([program]) => !onPath(program));
if (missing.length) {
  const pkgs = missing.map(([, pkg]) => pkg).join(' ');
  const root = typeof process.getuid === 'function' && process.getuid() === 0 ? '' : 'sudo ';
  console.error(`npm test needs ${missing.map(([p]) => p).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed. Install ${missing.length === 1 ? 'it' : 'them'} with:

  ${root}apt-get install -y --no-install-recommends ${pkgs}

then run npm test again. (On a machine without a network, carry the .deb files in: see "Offline install" in README.md.)`);
  process.exit(1);
}
