// Draws the app and `.tagger` bundle icons (SVG → PNG with sharp) and wraps the PNGs into the .ico and .icns
// containers electron-builder wants for Windows and macOS (both formats may hold PNG data as it is).
// Run: node --import tsx/esm resources/icons/generate.ts
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const dir = path.dirname(new URL(import.meta.url).pathname);

const APP = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024">
  <rect x="64" y="64" width="896" height="896" rx="180" fill="#1d2027"/>
  <rect x="220" y="250" width="460" height="380" rx="12" fill="none" stroke="#4fa3ff" stroke-width="44"/>
  <path d="M600 560 L820 560 L820 620 L760 620 L760 800 L660 800 L660 620 L600 620 Z" fill="#ffb347"/>
  <circle cx="220" cy="250" r="40" fill="#e3e6eb"/><circle cx="680" cy="630" r="40" fill="#e3e6eb"/>
</svg>`;

const BUNDLE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024">
  <path d="M200 90 H650 L840 280 V934 H200 Z" fill="#e3e6eb"/>
  <path d="M650 90 V280 H840" fill="#b9c0cc"/>
  <rect x="280" y="420" width="480" height="300" rx="10" fill="none" stroke="#1d7bd8" stroke-width="40"/>
  <path d="M420 800 l60 60 l130 -150" fill="none" stroke="#2e9e5b" stroke-width="52" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

function ico(png256: Buffer): Buffer {
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // icon
  head.writeUInt16LE(1, 4); // one image
  head.writeUInt8(0, 6); // 0 = 256 px
  head.writeUInt8(0, 7);
  head.writeUInt16LE(1, 10); // planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(png256.length, 14);
  head.writeUInt32LE(22, 18);
  return Buffer.concat([head, png256]);
}

function icns(images: [string, Buffer][]): Buffer {
  const parts = images.map(([type, png]) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'latin1');
    h.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([h, png]);
  });
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'latin1');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

for (const [name, svg] of [['icon', APP], ['tagger-bundle', BUNDLE]] as const) {
  const png = (size: number) => sharp(Buffer.from(svg)).resize(size, size).png({ compressionLevel: 9 }).toBuffer();
  const [p1024, p512, p256] = await Promise.all([png(1024), png(512), png(256)]);
  fs.writeFileSync(path.join(dir, `${name}.png`), p512);
  fs.writeFileSync(path.join(dir, `${name}.ico`), ico(p256));
  fs.writeFileSync(path.join(dir, `${name}.icns`), icns([['ic10', p1024], ['ic09', p512], ['ic08', p256]]));
}
console.log(`icons written to ${dir}`);
