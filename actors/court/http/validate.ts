/**
 * Fastify validates with TypeBox's compiled checkers — the same schemas the
 * actors use. Path and query strings are converted to the schema's types
 * first (`?limit=10` → 10); bodies are taken as sent, no coercion.
 *
 * Numbers in the query and path are parsed strictly before that conversion:
 * digits only, within the schema's bounds. TypeBox's conversion is JavaScript's
 * `Number()`, which reads `1e3` as 1000, `0x10` as 16 and ` 7 ` as 7 — a
 * paging parameter means what its digits say or it is refused, naming itself.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';
import { HttpRefusal } from './errors.ts';

const DIGITS = /^[0-9]{1,15}$/;
const SIGNED_DIGITS = /^-?[0-9]{1,15}$/;

/** The integer/number properties of an object schema (top level: query strings and path params are flat). */
function numericFields(schema: TSchema): Array<[string, TSchema]> {
  const props = (schema as { properties?: Record<string, TSchema> }).properties;
  if (!props) return [];
  return Object.entries(props).filter(([, s]) => s[Kind] === 'Integer' || s[Kind] === 'Number');
}

/** Why a raw query/path value is not a strict number of `s`, or undefined when it is. */
function strictNumberProblem(raw: unknown, s: TSchema): string | undefined {
  if (Array.isArray(raw)) return 'given more than once';
  if (typeof raw !== 'string') return undefined;
  const signed = typeof s.minimum === 'number' && s.minimum < 0;
  if (!(signed ? SIGNED_DIGITS : DIGITS).test(raw)) return 'not a whole number written in digits';
  const n = Number(raw);
  if (typeof s.minimum === 'number' && n < s.minimum) return `less than ${s.minimum}`;
  if (typeof s.maximum === 'number' && n > s.maximum) return `more than ${s.maximum}`;
  return undefined;
}

export const typeboxValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = TypeCompiler.Compile(schema);
  const convert = httpPart === 'querystring' || httpPart === 'params' || httpPart === 'headers';
  const numeric = httpPart === 'querystring' || httpPart === 'params' ? numericFields(schema) : [];
  return (data: unknown) => {
    for (const [name, s] of numeric) {
      const raw = (data as Record<string, unknown> | null)?.[name];
      if (raw === undefined) continue;
      const problem = strictNumberProblem(raw, s);
      if (problem) {
        const value = Array.isArray(raw) ? raw.map(String) : String(raw).slice(0, 40);
        return { error: new HttpRefusal('BAD_PARAMETER', { parameter: name, value, problem, ...(s.minimum !== undefined ? { minimum: s.minimum } : {}), ...(s.maximum !== undefined ? { maximum: s.maximum } : {}) }) };
      }
    }
    const value = convert ? Value.Convert(schema, data) : data;
    if (check.Check(value)) return { value };
    const all = [...check.Errors(value)].slice(0, 20);
    const errors = all.map((e) => ({ path: e.path || '/', message: e.message }));
    // Every error is on a date or instant field (2026-02-30, month 13): the court's own code for that, with where.
    if (all.every((e) => e.schema.format === 'date' || e.schema.format === 'instant')) return { error: new HttpRefusal('BAD_DATE', { errors }) };
    const error = Object.assign(new Error(`${httpPart} is invalid`), { statusCode: 400, asdsErrors: errors });
    return { error };
  };
};
