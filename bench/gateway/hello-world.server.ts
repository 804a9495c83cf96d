/**
 * The ceiling of the gateway bench: a bare fastify hello-world, run as its own process like the
 * services it is compared with. Prints `listening <port>` once ready.
 */
import Fastify from 'fastify';

async function main(): Promise<void> {
  const app = Fastify();
  app.post('/hello', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
}

void main();
