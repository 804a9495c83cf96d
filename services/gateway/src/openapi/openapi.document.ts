import { z } from 'zod';
import type { GatewayRoute } from '../http/gateway-route';

type JsonSchema = Record<string, unknown>;

const errorBody: JsonSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', examples: ['TRACKING.RUN_NOT_FOUND'] },
    message: { type: 'string' },
    details: { type: 'object' },
  },
};
const mlflowErrorBody: JsonSchema = {
  type: 'object',
  required: ['error_code', 'message'],
  properties: {
    error_code: { type: 'string', examples: ['RESOURCE_DOES_NOT_EXIST'] },
    message: { type: 'string' },
  },
};

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `:runId` → `{runId}` and the path parameters. */
function openApiPath(url: string): { path: string; names: string[] } {
  const names: string[] = [];
  const path = url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    names.push(name);
    return `{${name}}`;
  });
  return { path: path.replace(/\*$/, '{path}'), names: url.endsWith('*') ? [...names, 'path'] : names };
}

function queryParameters(schema: z.ZodType | undefined): JsonSchema[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input');
  const parts = (json.allOf as JsonSchema[] | undefined) ?? [json];
  return parts.flatMap((part) => {
    const props = (part.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((part.required as string[] | undefined) ?? []);
    return Object.entries(props).map(([name, s]) => ({
      name,
      in: 'query',
      required: required.has(name),
      schema: s,
    }));
  });
}

/**
 * The OpenAPI 3.1 document of the gateway, generated from the same zod schemas that validate
 * the requests (JSON Schema 2020-12 is OpenAPI 3.1's schema language).
 */
export function openApiDocument(routes: readonly GatewayRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const { path, names } = openApiPath(`/api${r.url}`);
    const mlflow = r.errorFormat === 'mlflow';
    const operation: Record<string, unknown> = {
      tags: [r.tag],
      summary: r.summary,
      operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ? c.toUpperCase() : ''))}`,
      parameters: [
        ...names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        ...queryParameters(r.query),
      ],
      ...(r.scope === 'public' ? { security: [] } : {}),
      responses: {
        [String(r.status ?? 200)]: {
          description: 'Success',
          content: r.raw
            ? { 'text/event-stream': { schema: { type: 'string' } } }
            : {
                'application/json': {
                  schema: r.response ? jsonSchemaOf(r.response, 'output') : { type: 'object' },
                },
              },
        },
        default: {
          description: `Error (${r.scope === 'public' ? '' : `401 without a token, 403 without the '${r.scope}' scope, `}400 on a bad input naming the field)`,
          content: { 'application/json': { schema: mlflow ? mlflowErrorBody : errorBody } },
        },
      },
    };
    if (r.body && r.method !== 'GET')
      operation.requestBody = {
        required: true,
        content: r.streamBody
          ? { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }
          : { 'application/json': { schema: jsonSchemaOf(r.body, 'input') } },
      };
    (paths[path] ??= {})[r.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Slipway API',
      version,
      description:
        'The HTTP door into Slipway: experiments, runs, metrics, artifacts, models and promotions (`/api/v1`), and the MLflow-compatible API (`/api/2.0/mlflow`). Send `Authorization: Bearer <token>`.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
