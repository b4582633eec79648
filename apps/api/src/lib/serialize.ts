import type { FastifySerializerCompiler } from 'fastify/types/schema.js';

/**
 * Route option for reads whose answer is built field by field from typed rows (toLead, toProject): the response is
 * written with JSON.stringify, without checking it against its zod schema a second time (that check cost about 9% of
 * a list request, issue 12). The schema still documents the route (OpenAPI), and under the tests (VITEST) the answer
 * is checked as before, so a mapper drifting from its schema fails a test. Only for answers that never carry a
 * column the schema would strip: a route returning rows as the database gives them keeps the zod serializer.
 */
const stringify: FastifySerializerCompiler<unknown> = () => (data: unknown) => JSON.stringify(data);
export const builtResponse: { serializerCompiler?: typeof stringify } = process.env.VITEST ? {} : { serializerCompiler: stringify };
