import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const LAUNCHER = resolve(__dirname, '..', '..', 'bin', 'slipway.js');

/** What one `slipway` process did. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `slipway` launcher as a user would, with only the environment given (plus PATH). */
export function runCli(args: string[], env: Record<string, string>, cwd?: string): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], {
      cwd: cwd ?? resolve(__dirname, '..', '..', '..', '..'),
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}
