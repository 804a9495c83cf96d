import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Slipway API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"><link rel="icon" href="/docs/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script><script src="/docs/swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout', persistAuthorization: true });</script>
</body></html>`;

/** `/openapi.json` and Swagger UI at `/docs` (public, like health), from the `swagger-ui-dist` package's files. */
export function registerDocs(fastify: FastifyInstance, document: () => unknown): void {
  const dist = join(require.resolve('swagger-ui-dist/package.json'), '..');
  fastify.get('/openapi.json', async (_req, reply) => reply.send(document()));
  fastify.get('/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  fastify.get<{ Params: { file: string } }>('/docs/:file', async (req, reply) => {
    const type = ASSETS[req.params.file];
    if (!type)
      return reply.code(404).send({ code: 'GATEWAY.ROUTE_NOT_FOUND', message: `no file ${req.params.file}` });
    return reply
      .type(type)
      .header('cache-control', 'public, max-age=86400')
      .send(await readFile(join(dist, req.params.file)));
  });
}
