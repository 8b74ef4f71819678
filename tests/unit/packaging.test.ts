// The installers electron-builder makes: AppImage, deb, NSIS and dmg, each with an icon that exists and is what
// its platform reads, and `.tagger` bundles associated with the app.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';

// js-yaml comes with electron-builder (which reads this file with it); it ships no types.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

const ROOT = path.resolve(import.meta.dirname, '../..');
const config = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, Record<string, unknown> & { target?: string[] }> & { fileAssociations: { ext: string; icon: string }[] };
const bytes = (p: string) => fs.readFileSync(path.join(ROOT, p));

describe('electron-builder.yml', () => {
  it('builds AppImage and deb, NSIS, and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('gives each platform an icon in its own format', () => {
    expect(bytes(config.linux.icon as string).subarray(1, 4).toString()).toBe('PNG');
    expect(bytes(config.win.icon as string).readUInt32LE(0)).toBe(0x00010000); // ICONDIR: reserved 0, type 1
    expect(bytes(config.mac.icon as string).subarray(0, 4).toString()).toBe('icns');
  });

  it('associates .tagger bundles with the app, with an icon for each platform', () => {
    const a = config.fileAssociations.find((f) => f.ext === 'tagger');
    expect(a).toBeTruthy();
    for (const ext of ['png', 'ico', 'icns']) expect(fs.existsSync(path.join(ROOT, `${a!.icon}.${ext}`)), ext).toBe(true);
  });
});
