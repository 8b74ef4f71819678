// What files a web-mode caller may name. The token of `tagger serve` travels in a browser, so whoever holds it
// must not get the whole disk: every argument the contract marks as a local path (imports, annotation formats,
// bundles) has to resolve — symlinks followed — inside the data directory's exchange folder or a folder the
// person who started the server named with --allow-path. A command-line tool holding the owner key (from the 0600
// lock file) is that person, so its paths are not limited.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { contract } from '../../shared/api/index.ts';
import { MAX_PATH_LENGTH, localPathAccess } from '../../shared/api/schemas.ts';
import type { MethodDef } from '../../shared/api/define.ts';

export const EXCHANGE_DIR = 'exchange';

export interface PathPolicy {
  /** The folders paths must lie in, real paths. */
  readonly roots: string[];
  /** Single files the page may read besides (a bundle named on the command line), real paths. */
  readonly files: string[];
  /** Null when every path argument of the call is allowed, else the refusal to show. */
  refusal(method: string, args: unknown): string | null;
}

/** The exchange folder of a data directory (created private), the one place web mode reads and writes by default. */
export function exchangeDir(dataDir: string): string {
  const dir = path.join(dataDir, EXCHANGE_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** The real path of p, following symlinks of the part that exists (a file about to be written does not yet). */
function realPathOf(p: string): string {
  let head = p;
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(head), ...tail.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return p;
      tail.push(path.basename(head));
      head = parent;
    }
  }
}

/** `readableFiles`: files the page may read though their folder is not allowed (`tagger serve FILE.tagger` opens that
 *  bundle, not everything beside it in Downloads). */
export function createPathPolicy(rootDirs: string[], readableFiles: string[] = []): PathPolicy {
  const roots = rootDirs.map((r) => fs.realpathSync(path.resolve(r)));
  const files = readableFiles.filter((f) => fs.existsSync(f)).map((f) => fs.realpathSync(path.resolve(f)));
  const inside = (p: string) => roots.some((r) => p === r || p.startsWith(r + path.sep));
  const where = () => roots.map((r) => `"${r}"`).join(' or ');
  return {
    roots,
    files,
    refusal(method, args) {
      const [group, name] = method.split('.');
      const def = (contract as Record<string, Record<string, MethodDef> | undefined>)[group]?.[name];
      if (!def || !Array.isArray(args)) return null; // dispatch refuses these with its own message
      const items = (def.args as unknown as { def: { items?: z.ZodType[] } }).def.items ?? [];
      for (let i = 0; i < items.length; i++) {
        const mark = localPathAccess(items[i]);
        if (!mark) continue;
        const values = mark.many ? (Array.isArray(args[i]) ? args[i] : []) : [args[i]];
        for (const v of values as unknown[]) {
          // Not a path, or longer than the contract takes: the contract check answers. (A path of 80,000 parts held
          // the core for 100 s here, resolving each parent in turn, and the refusal echoed it whole.)
          if (typeof v !== 'string' || v.length > MAX_PATH_LENGTH) continue;
          if (!path.isAbsolute(v)) return `${method}: "${v}" is not an absolute path. Give the full path of a file in ${where()}.`;
          const real = realPathOf(path.resolve(v));
          if (mark.access === 'read' && files.includes(real)) continue;
          if (!inside(real))
            return `${method}: web mode ${mark.access === 'write' ? 'writes' : 'reads'} files only in ${where()}, and "${v}" is outside. Move the file there, or restart with \`tagger serve --allow-path FOLDER\`.`;
        }
      }
      return null;
    },
  };
}
