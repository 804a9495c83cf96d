import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConsoleReporter } from '../console/console-reporter';
import { LocalStartError } from '../local-start.error';
import { ManagedProcess } from '../process/managed-process';
import type { ServiceSpec } from './service-catalog';

/** A service process and where it answers. */
export interface RunningService {
  spec: ServiceSpec;
  port: number;
  baseUrl: string;
  readyUrl: string;
  liveUrl: string;
  process: ManagedProcess;
}

/** `services/{name}/src/main.ts` (or the configured template) for a service, relative to the repo. */
export function serviceEntry(template: string, name: string): string {
  return template.replaceAll('{name}', name);
}

/** Fails before anything starts when a service's entry file is missing. */
export function checkEntries(repoRoot: string, template: string, specs: ServiceSpec[]): void {
  const missing = specs
    .map((s) => serviceEntry(template, s.name))
    .filter((entry) => !existsSync(resolve(repoRoot, entry)));
  if (missing.length > 0) {
    throw new LocalStartError(
      'LOCAL.SERVICE_MISSING',
      `Service entry files not found: ${missing.join(', ')}`,
      [
        'Each service starts as `node -r @swc-node/register services/<name>/src/main.ts`.',
        'Start a subset with SLIPWAY_SERVICES=gateway,tracking.',
      ],
    );
  }
}

/** Starts one service as `node -r @swc-node/register <entry>`, its lines going to the reporter. */
export function spawnService(input: {
  spec: ServiceSpec;
  entry: string;
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  host: string;
  port: number;
  reporter: ConsoleReporter;
}): RunningService {
  const baseUrl = `http://${input.host}:${input.port}`;
  const process_ = new ManagedProcess({
    name: input.spec.name,
    command: process.execPath,
    args: ['-r', '@swc-node/register', input.entry],
    cwd: input.repoRoot,
    env: input.env,
    onLine: (line, stream) => input.reporter.serviceLine(input.spec.name, line, stream),
  });
  return {
    spec: input.spec,
    port: input.port,
    baseUrl,
    readyUrl: `${baseUrl}/health/ready`,
    liveUrl: `${baseUrl}/health/live`,
    process: process_,
  };
}
