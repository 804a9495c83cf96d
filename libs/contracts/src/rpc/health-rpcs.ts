import type { RpcDefinition } from '../core/rpc-definition';
import { GatewayHealth } from './gateway/health.rpc';
import { NotifierHealth } from './notifier/health.rpc';
import { PipelineHealth } from './pipeline/health.rpc';
import { RegistryHealth } from './registry/health.rpc';
import { ServingHealth } from './serving/health.rpc';
import type { healthReplySchema, healthRequestSchema, ServiceName } from './shared/health';
import { TrackingHealth } from './tracking/health.rpc';

/** The health RPC of each service, by service name. */
export const HEALTH_RPCS: Readonly<
  Record<ServiceName, RpcDefinition<typeof healthRequestSchema, typeof healthReplySchema>>
> = Object.freeze({
  tracking: TrackingHealth,
  registry: RegistryHealth,
  pipeline: PipelineHealth,
  serving: ServingHealth,
  notifier: NotifierHealth,
  gateway: GatewayHealth,
});
