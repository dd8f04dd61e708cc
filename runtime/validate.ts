/**
 * Schema validation with TypeBox's compiled checkers (cached per schema).
 * Produces ValidationFailed listing every error with its JSON path.
 */
import type { TSchema, Static } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValidationFailed } from './errors.ts';

const cache = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checker<T extends TSchema>(schema: T): TypeCheck<T> {
  let c = cache.get(schema);
  if (!c) {
    c = TypeCompiler.Compile(schema);
    cache.set(schema, c);
  }
  return c as TypeCheck<T>;
}

/** Every error of `value` against `schema` (empty when valid). */
export function schemaErrors(schema: TSchema, value: unknown, limit = 50): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  for (const e of checker(schema).Errors(value)) {
    out.push({ path: e.path || '/', message: e.message });
    if (out.length >= limit) break;
  }
  return out;
}

/** Throw ValidationFailed unless `value` matches `schema`. */
export function assertValid<T extends TSchema>(schema: T, value: unknown, what = 'message'): asserts value is Static<T> {
  if (checker(schema).Check(value)) return;
  const errors = schemaErrors(schema, value);
  const first = errors[0];
  throw new ValidationFailed(`${what} is invalid${first ? `: ${first.path} ${first.message}` : ''}`, errors);
}
