import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ENGINE_CONFIG, type EngineConfig } from './engine-config';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: EngineConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: ENGINE_CONFIG, useValue: config }],
      exports: [ENGINE_CONFIG],
    };
  }
}
