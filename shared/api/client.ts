// One generic proxy for every transport: it walks the contract, so a method exists on the client iff it exists
// in the contract. The transport only moves ("group.method", args) → Result.
import type { ContractDef, ApiOf } from './define.ts';
import { TaggerError, type Result } from '../errors.ts';

export type CallTransport = (path: string, args: unknown[]) => Promise<Result<unknown>>;

export function createClient<C extends ContractDef>(contract: C, call: CallTransport): ApiOf<C> {
  const api: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const group of Object.keys(contract)) {
    api[group] = {};
    for (const name of Object.keys(contract[group])) {
      const path = `${group}.${name}`;
      api[group][name] = async (...args: unknown[]) => {
        // Strip trailing undefineds so optional arguments survive JSON transport identically on both carriers.
        while (args.length && args[args.length - 1] === undefined) args.pop();
        const result = await call(path, args);
        if (result.ok) return result.value;
        throw new TaggerError(result.error.code, result.error.message, result.error.detail);
      };
    }
  }
  return api as unknown as ApiOf<C>;
}
