import { systemClock } from '@kizuna/shared';
import { Global, Module } from '@nestjs/common';

/** The injectable clock (see libs/shared/clock.ts): tests and simulations replace it. */
export const CLOCK = Symbol('CLOCK');

@Global()
@Module({ providers: [{ provide: CLOCK, useValue: systemClock }], exports: [CLOCK] })
export class ClockModule {}
