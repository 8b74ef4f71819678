// The one place a call from any transport enters the core: the path must exist in the contract and the arguments
// must match its schema before a handler runs. Errors come back as values, never as stacks.
import { contract, type TaggerHandlers } from '../../shared/api/index.ts';
import type { MethodDef } from '../../shared/api/define.ts';
import { TaggerError, isTaggerError, type Result } from '../../shared/errors.ts';
import { materialize } from './jsonText.ts';

/** `keepJsonText`: the caller serializes the result itself and splices JsonText fields in (the HTTP carrier). */
export type Dispatch = (path: string, args: unknown, opts?: { keepJsonText?: boolean }) => Promise<Result<unknown>>;

export function createDispatch(handlers: TaggerHandlers, log: (msg: string) => void = (m) => console.error(m)): Dispatch {
  return async (path, args, opts) => {
    if (typeof path !== 'string' || !/^[a-zA-Z]+\.[a-zA-Z]+$/.test(path)) return fail('invalid_argument', 'Malformed method name.');
    const [group, name] = path.split('.');
    const def = Object.hasOwn(contract, group) ? ((contract as Record<string, Record<string, MethodDef>>)[group][name] as MethodDef | undefined) : undefined;
    const fn = def && Object.hasOwn((contract as Record<string, object>)[group], name) ? (handlers as any)[group]?.[name] : undefined;
    if (!def || typeof fn !== 'function') return fail('not_found', `Unknown method ${path}.`);
    if (!Array.isArray(args)) return fail('invalid_argument', `${path}: arguments must be a list.`);
    const parsed = def.args.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path?.length ? ` at ${issue.path.join('.')}` : '';
      return fail('invalid_argument', `${path}: invalid argument${where}: ${issue?.message ?? 'does not match the contract'}.`);
    }
    try {
      const value = await fn(...(parsed.data as unknown[]));
      return { ok: true, value: value === undefined ? null : opts?.keepJsonText ? value : materialize(value) };
    } catch (e) {
      if (isTaggerError(e)) return { ok: false, error: (e as TaggerError).toInfo() };
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED')
        return fail('io', 'The database is busy: another process is writing to this data directory. The change was not stored yet and will be retried.');
      if (code === 'SQLITE_FULL' || code === 'ENOSPC') return fail('io', 'The disk is full. Free some space; the last change was not saved and nothing else was lost.');
      log(`[tagger] ${path} failed: ${(e as Error).stack ?? e}`);
      return fail('internal', `${path} failed unexpectedly: ${(e as Error).message}`);
    }
  };
}

function fail(code: TaggerError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
