/**
 * Fastify validates with TypeBox's compiled checkers — the same schemas the
 * actors use. Path and query strings are converted to the schema's types
 * first (`?limit=10` → 10); bodies are taken as sent, no coercion.
 */
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';

export const typeboxValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = TypeCompiler.Compile(schema);
  const convert = httpPart === 'querystring' || httpPart === 'params' || httpPart === 'headers';
  return (data: unknown) => {
    const value = convert ? Value.Convert(schema, data) : data;
    if (check.Check(value)) return { value };
    const errors = [...check.Errors(value)].slice(0, 20).map((e) => ({ path: e.path || '/', message: e.message }));
    const error = Object.assign(new Error(`${httpPart} is invalid`), { statusCode: 400, asdsErrors: errors });
    return { error };
  };
};
