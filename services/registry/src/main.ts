import './instrumentation';
import { runService } from '@slipway/runtime';
import { AppModule } from './app.module';
import { ConfigError, formatProblem } from '@slipway/config';
import { loadRegistryPolicy, RegistrySettingsModule } from './config/registry-policy';
import { loadRegistryConfig } from './config/registry.config';
import { registryEntities, registryMigrations } from './persistence/registry.schema';

const config = loadRegistryConfig();
const policy = loadPolicyOrExit();

/** A bad policy stops the service at start, naming the variable and the bad field. */
function loadPolicyOrExit() {
  try {
    return loadRegistryPolicy(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = error.problems.map((p) => `  ${formatProblem(p)}\n`).join('');
    process.stderr.write(`registry: invalid configuration\n${lines}`);
    process.exit(1);
  }
}

void runService({
  service: 'registry',
  config,
  postgres: {
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    schema: 'registry',
    entities: registryEntities,
    migrations: registryMigrations,
  },
  imports: [RegistrySettingsModule.forRoot(policy, { timeoutMs: config.TRACKING_TIMEOUT_MS }), AppModule],
});
