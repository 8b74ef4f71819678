// A small, safe XML reader and writer for annotation files (Pascal VOC). No DTDs, no external or custom entities
// (so no XXE and no entity bombs): only the five predefined entities and character references. Errors name the line.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside this element, entities decoded, not trimmed. */
  text: string;
  line: number;
}

export class XmlError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, line: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]{0,12});?/g, (m, ent: string, at: number) => {
    let here = line;
    for (let k = 0; k < at; k++) if (s.charCodeAt(k) === 10) here++;
    if (!m.endsWith(';')) throw new XmlError(here, `an "&" that does not start an entity (write &amp;)`);
    if (ent in PREDEFINED) return PREDEFINED[ent];
    const cp = /^#x[0-9a-fA-F]{1,6}$/.test(ent) ? parseInt(ent.slice(2), 16) : /^#[0-9]{1,7}$/.test(ent) ? parseInt(ent.slice(1), 10) : NaN;
    if (!Number.isFinite(cp) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new XmlError(here, `unknown entity &${ent}; (only &lt; &gt; &amp; &quot; &apos; and &#N; are read)`);
    return String.fromCodePoint(cp);
  });
}

export function parseXml(src: string, maxDepth = 64): XmlElement {
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (src.charCodeAt(k) === 10) line++;
    i = to;
  };
  const expectEnd = (marker: string, what: string) => {
    const end = src.indexOf(marker, i);
    if (end < 0) throw new XmlError(line, `${what} is not closed`);
    return end;
  };
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > i) {
      const text = src.slice(i, textEnd);
      if (stack.length) stack[stack.length - 1].text += decode(text, line);
      else if (text.trim()) throw new XmlError(line, 'text outside the root element');
      advance(textEnd);
    }
    if (lt < 0) break;
    if (src.startsWith('<!--', i)) { advance(expectEnd('-->', 'a comment') + 3); continue; }
    if (src.startsWith('<?', i)) { advance(expectEnd('?>', 'a processing instruction') + 2); continue; }
    if (src.startsWith('<![CDATA[', i)) {
      const end = expectEnd(']]>', 'a CDATA section');
      if (!stack.length) throw new XmlError(line, 'CDATA outside the root element');
      stack[stack.length - 1].text += src.slice(i + 9, end);
      advance(end + 3);
      continue;
    }
    if (src.startsWith('<!', i)) throw new XmlError(line, 'DOCTYPE and entity declarations are not accepted in annotation files');
    if (src.startsWith('</', i)) {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(src);
      const open = stack.pop();
      if (!m || !open) throw new XmlError(line, 'a closing tag without an opening one');
      if (m[0] !== open.name) throw new XmlError(line, `</${m[0]}> closes <${open.name}> (opened on line ${open.line})`);
      const gt = src.indexOf('>', NAME.lastIndex);
      if (gt < 0 || src.slice(NAME.lastIndex, gt).trim()) throw new XmlError(line, `malformed closing tag </${m[0]}`);
      advance(gt + 1);
      continue;
    }
    NAME.lastIndex = i + 1;
    const m = NAME.exec(src);
    if (!m) throw new XmlError(line, 'a "<" that does not start a tag (write &lt;)');
    const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '', line };
    let j = NAME.lastIndex;
    let selfClosing = false;
    for (;;) {
      while (/\s/.test(src[j] ?? '')) { if (src[j] === '\n') line++; j++; }
      if (src[j] === '>') { j++; break; }
      if (src.startsWith('/>', j)) { j += 2; selfClosing = true; break; }
      NAME.lastIndex = j;
      const a = NAME.exec(src);
      if (!a) throw new XmlError(line, `malformed tag <${el.name}>`);
      j = NAME.lastIndex;
      const am = /^\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(src.slice(j, j + 100_000));
      if (!am) throw new XmlError(line, `attribute ${a[0]} of <${el.name}> has no quoted value`);
      el.attrs[a[0]] = decode(am[2] ?? am[3], line);
      for (const c of am[0]) if (c === '\n') line++;
      j += am[0].length;
    }
    i = j;
    if (stack.length) stack[stack.length - 1].children.push(el);
    else if (root) throw new XmlError(el.line, 'a second root element');
    else root = el;
    if (!selfClosing) {
      if (stack.length >= maxDepth) throw new XmlError(line, 'elements nested too deeply');
      stack.push(el);
    }
  }
  if (stack.length) throw new XmlError(line, `<${stack[stack.length - 1].name}> (line ${stack[stack.length - 1].line}) is never closed`);
  if (!root) throw new XmlError(line, 'no root element (the file is empty)');
  return root;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function childText(el: XmlElement, name: string): string | undefined {
  const c = child(el, name);
  return c ? c.text.trim() : undefined;
}

export function escapeXml(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped rather than written as invalid references.
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[<>&"']/g, (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`);
}

/** A tiny element tree for writing: text leaves or nested children, printed with two-space indentation, with
 *  optional XML attributes in the order given (CVAT puts its geometry there). An element with attributes and no
 *  children is written self-closing. */
export type XmlNode = [name: string, content: string | number | XmlNode[], attrs?: [string, string | number][]];

export function writeXml(root: XmlNode): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const walk = ([name, content, attrs]: XmlNode, depth: number) => {
    const pad = '  '.repeat(depth);
    const open = `${name}${(attrs ?? []).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('')}`;
    if (Array.isArray(content)) {
      if (!content.length && attrs) return out.push(`${pad}<${open}/>`);
      out.push(`${pad}<${open}>`);
      for (const c of content) walk(c, depth + 1);
      out.push(`${pad}</${name}>`);
    } else out.push(`${pad}<${open}>${escapeXml(String(content))}</${name}>`);
  };
  walk(root, 0);
  return out.join('\n') + '\n';
}
