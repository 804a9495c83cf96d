import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { ArtifactStore } from '@slipway/artifacts';
import { NATS_CONNECTION } from '@slipway/runtime';
import { ArtifactsRpcController } from './artifacts.rpc-controller';
import { ArtifactsService } from './artifacts.service';
import { ARTIFACT_STORE, ARTIFACTS_OPTIONS, type ArtifactsModuleOptions } from './artifacts.tokens';

/**
 * Run artifacts in the NATS object store (bucket `slipway-artifacts`, created at start if
 * missing), over the service's NATS connection (`NATS_CONNECTION`): the list and info RPCs, and
 * `ArtifactsService` for uploads. Import `ArtifactsModule.forRoot({ maxBytes: config.ARTIFACTS_MAX_BYTES })`.
 */
@Module({})
export class ArtifactsModule {
  static forRoot(options: ArtifactsModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: ARTIFACTS_OPTIONS, useValue: options },
      {
        provide: ARTIFACT_STORE,
        inject: [NATS_CONNECTION],
        useFactory: (nc: NatsConnection) =>
          ArtifactStore.open(nc, options.bucket ? { bucket: options.bucket } : {}),
      },
      ArtifactsService,
    ];
    return {
      module: ArtifactsModule,
      controllers: [ArtifactsRpcController],
      providers,
      exports: [ArtifactsService, ARTIFACT_STORE],
    };
  }
}
