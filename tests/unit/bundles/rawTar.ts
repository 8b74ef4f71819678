// A tar writer with no safety at all, for building hostile bundles: any name (pax-encoded when it does not fit
// ustar, so NUL and long names survive), any entry type, link targets, and a header size that may lie about the
// data that follows.
export interface RawEntry {
  name: string;
  data?: Buffer;
  type?: 'file' | 'link' | 'symlink' | 'directory' | 'fifo' | 'char' | 'block';
  linkname?: string;
  /** Size written in the header; defaults to the data's length. */
  headerSize?: number;
}

const TYPEFLAG = { file: '0', link: '1', symlink: '2', char: '3', block: '4', directory: '5', fifo: '6' } as const;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, type: string, linkname = ''): Buffer {
  const b = Buffer.alloc(512);
  b.write(name.slice(0, 100), 0, 'latin1');
  b.write(octal(0o644, 8), 100, 'latin1');
  b.write(octal(0, 8), 108, 'latin1');
  b.write(octal(0, 8), 116, 'latin1');
  b.write(octal(size, 12), 124, 'latin1');
  b.write(octal(1_700_000_000, 12), 136, 'latin1');
  b.write('        ', 148, 'latin1');
  b.write(type, 156, 'latin1');
  b.write(linkname.slice(0, 100), 157, 'latin1');
  b.write('ustar\u000000', 257, 'latin1');
  let sum = 0;
  for (const x of b) sum += x;
  b.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return b;
}

function pad(data: Buffer): Buffer {
  const rest = data.length % 512;
  return rest ? Buffer.concat([data, Buffer.alloc(512 - rest)]) : data;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

export function rawTar(entries: RawEntry[], opts: { endBlocks?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = e.data ?? Buffer.alloc(0);
    const needsPax = Buffer.byteLength(e.name) > 100 || /[^\x20-\x7e]/.test(e.name) || (e.linkname ?? '').length > 100;
    if (needsPax) {
      const pax = Buffer.from(paxRecord('path', e.name) + (e.linkname ? paxRecord('linkpath', e.linkname) : ''));
      parts.push(header('PaxHeader', pax.length, 'x'), pad(pax));
    }
    const safeName = needsPax ? e.name.replace(/[^\x20-\x7e]/g, '_').slice(0, 100) : e.name;
    parts.push(header(safeName, e.headerSize ?? data.length, TYPEFLAG[e.type ?? 'file'], e.linkname ?? ''));
    parts.push(pad(data));
  }
  if (opts.endBlocks !== false) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
