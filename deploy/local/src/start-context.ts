import type { DataHome } from './config/data-home';
import type { LocalEnv } from './config/local-env.schema';
import type { ConsoleReporter } from './console/console-reporter';
import type { PortAllocator } from './ports/port-allocator';

/** What every start step needs. */
export interface StartContext {
  env: LocalEnv;
  home: DataHome;
  repoRoot: string;
  reporter: ConsoleReporter;
  ports: PortAllocator;
  stopTimeoutMs: number;
}

/** Something this run started or connected to, and how to let go of it. */
export interface Infrastructure {
  /** URL handed to the services. */
  url: string;
  /** The URL safe to print (no password). */
  displayUrl: string;
  /** One line for the summary: where it runs and where its data lives. */
  description: string;
  pid?: number;
  stop(): Promise<void>;
}
