import { systemClock, type Clock } from '@kizuna/shared';
import { Global, Module, type DynamicModule } from '@nestjs/common';

/** The injectable clock (see libs/shared/clock.ts): tests, simulations and benchmarks replace it. */
export const CLOCK = Symbol('CLOCK');

@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
