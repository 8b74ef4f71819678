// The contract is data: each method declares its argument tuple (validated on the core side of every transport)
// and its result type. Transports carry calls generically by "group.method", so IPC and HTTP cannot drift.
import { z } from 'zod';

export interface MethodDef<A extends z.ZodType = z.ZodType, R = unknown> {
  args: A;
  /** Phantom: the result type, never read at run time. */
  result?: R;
}

/** Declare a method's result type: method(args).returns<T>() reads better than a generic on method. */
export function returns<R>() {
  return <A extends z.ZodType>(args: A): MethodDef<A, R> => ({ args });
}

export type GroupDef = Record<string, MethodDef>;
export type ContractDef = Record<string, GroupDef>;

type Fn<M> = M extends MethodDef<infer A, infer R> ? (...args: z.input<A> extends unknown[] ? z.input<A> : never) => Promise<R> : never;

/** The client-facing API: tagger.group.method(...args) → Promise<result>. */
export type ApiOf<C extends ContractDef> = { [G in keyof C]: { [M in keyof C[G]]: Fn<C[G][M]> } };

type HandlerFn<M> = M extends MethodDef<infer A, infer R> ? (...args: z.output<A> extends unknown[] ? z.output<A> : never) => Promise<R> | R : never;

/** What the core implements: one function per method, receiving already-validated arguments. */
export type HandlersOf<C extends ContractDef> = { [G in keyof C]: { [M in keyof C[G]]: HandlerFn<C[G][M]> } };

export function methodPaths(contract: ContractDef): string[] {
  const out: string[] = [];
  for (const g of Object.keys(contract)) for (const m of Object.keys(contract[g])) out.push(`${g}.${m}`);
  return out.sort();
}
