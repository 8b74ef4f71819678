// Runtime schemas for values that cross the contract. Bounded sizes everywhere: arguments come from a page.
import { z } from 'zod';
import type { ObjectInput } from '../domain.ts';
import { validateGeometry } from '../geometry/validate.ts';
import { jsonValueProblem } from './jsonValue.ts';

export const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits and _ . : -');
export const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');
export const name = z.string().trim().min(1, 'a name is required').max(200);
export const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colors are #rrggbb');
export const assetKind = z.enum(['image', 'audio', 'text']);
export const taskStatus = z.enum(['todo', 'in_progress', 'done', 'submitted', 'accepted', 'rejected']);
export const objectKind = z.enum(['box', 'polygon', 'segment', 'span', 'relation', 'doclabel']);

export const labelDef = z.object({ id, name, color, hotkey: z.string().max(16).optional(), classId: z.number().int().min(0).max(1e9).optional(), supercategory: z.string().max(200).optional() });
export const attributeDef = z.object({
  id,
  name,
  type: z.enum(['checkbox', 'select', 'text', 'number']),
  options: z.array(z.string().max(200)).max(500).optional(),
  default: z.union([z.string().max(2000), z.number(), z.boolean()]).optional(),
  labels: z.array(id).max(1000).optional(),
});
/** Names in an imported file → a project label id, or null to skip the name's objects. */
export const labelMapping = z
  .record(z.string().min(1).max(200), id.nullable())
  .refine((m) => Object.keys(m).length <= 5000, 'at most 5,000 names can be mapped');
export const modalitySchema = z.object({
  labels: z.array(labelDef).max(1000),
  attributes: z.array(attributeDef).max(200),
  tiers: z.array(z.object({ id, name, color: color.optional(), kind: z.literal('point').optional(), exclusive: z.boolean().optional() })).max(100).optional(),
  relations: z.array(z.object({ id, name, color })).max(200).optional(),
  datasetKeys: z.array(z.tuple([z.string().max(100), z.string().max(2000)])).max(100).optional(),
  labelStudio: z
    .object({
      toName: z.string().max(200),
      dataKey: z.string().max(200),
      labelControls: z.record(z.string().max(100), z.string().max(200)),
      regionControls: z.record(z.string().max(200), z.string().max(100)),
    })
    .optional(),
  documentLabels: z.object({ mode: z.enum(['single', 'multi']), options: z.array(z.string().max(200)).max(500) }).optional(),
  pretagger: z
    .array(z.object({ label: id, terms: z.array(z.string().max(500)).max(100000).optional(), patterns: z.array(z.string().max(2000)).max(1000).optional(), caseSensitive: z.boolean().optional() }))
    .max(1000)
    .optional(),
  modelLabels: z
    .record(z.string().min(1).max(100), id.nullable())
    .refine((m) => Object.keys(m).length <= 500, 'at most 500 model classes can be mapped')
    .optional(),
  importMappings: z
    .record(z.string().regex(/^[a-z0-9-]{1,40}$/), labelMapping)
    .refine((m) => Object.keys(m).length <= 50, 'at most 50 formats keep a mapping')
    .optional(),
});
export const labelSchema = z.object({ image: modalitySchema.optional(), audio: modalitySchema.optional(), text: modalitySchema.optional() });
export const projectPolicy = z.object({ redundancy: z.number().int().min(1).max(100), baseReward: z.number().min(0).max(1e12) });

/** Plain JSON within bounds (jsonValue.ts): one pass, the value kept as it is. */
const jsonValue: z.ZodType<unknown> = z.unknown().superRefine((v, ctx) => {
  const p = jsonValueProblem(v);
  if (p) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
});
export const json = jsonValue;

const objectFields = z.object({
  id,
  kind: objectKind,
  label: z.string().max(200),
  geometry: jsonValue,
  attributes: z.record(z.string().max(200), jsonValue),
  origin: z.enum(['human', 'model']),
  z: z.number().finite(),
  hidden: z.boolean(),
  locked: z.boolean(),
});
/** An object whose geometry has the shape its kind requires (checked by the one geometry validation). */
export const objectInput = objectFields.superRefine((o, ctx) => {
  const p = validateGeometry(o.kind, o.geometry);
  if (p) ctx.addIssue({ code: 'custom', path: ['geometry'], message: p.message });
}) as unknown as z.ZodType<ObjectInput>;
export const objectOp = z.discriminatedUnion('op', [z.object({ op: z.literal('put'), object: objectInput }), z.object({ op: z.literal('delete'), id })]);
/** A change's own id, chosen by the page and kept when it resends the change, so the core applies it once. */
export const changeId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const edit = z.object({ label: z.string().max(200), ops: z.array(objectOp).min(1).max(100_000), coalesce: z.string().max(200).optional(), id: changeId.optional() });

export const settingsPatch = z
  .object({
    theme: z.enum(['dark', 'light']),
    nodeUrl: z.string().max(500).regex(/^https?:\/\/[^\s]+$/, 'the node URL starts with http:// or https://'),
    queueCollapsed: z.boolean(),
    panelCollapsed: z.boolean(),
    lastProjectId: id.nullable(),
    lastTaskId: id.nullable(),
  })
  .partial();

/** A file or folder on the core's machine, read or written by the method. Marked so a transport that does not
 *  trust its caller with the whole disk (web mode) can hold every such argument to its allowed folders. */
export type LocalPathAccess = 'read' | 'write';
/** The longest path the contract takes (longer ones are refused before any file is looked at). */
export const MAX_PATH_LENGTH = 4096;
export function localPath(access: LocalPathAccess) {
  return z.string().min(1).max(MAX_PATH_LENGTH).meta({ localPath: access });
}
/** The access a schema marks for its value (a path, or each path of a list), or null for any other schema. */
export function localPathAccess(schema: z.ZodType): { access: LocalPathAccess; many: boolean } | null {
  const own = (schema.meta() as { localPath?: LocalPathAccess } | undefined)?.localPath;
  if (own) return { access: own, many: false };
  if (schema instanceof z.ZodArray) {
    const inner = ((schema.element as z.ZodType).meta() as { localPath?: LocalPathAccess } | undefined)?.localPath;
    if (inner) return { access: inner, many: true };
  }
  return null;
}
