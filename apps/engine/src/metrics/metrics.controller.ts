import { Controller, Get, Header, Inject, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { METRICS_REGISTRY, type MetricsRegistry } from './metrics-registry';
import { MetricsTokenGuard } from './metrics-token.guard';

/** Prometheus scrapes this; not part of the versioned API, so not in the OpenAPI document. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: MetricsRegistry) {}

  // Public to the workspace API-key guard; the metrics token guard decides instead.
  @Public()
  @UseGuards(MetricsTokenGuard)
  @Get()
  @Header('Cache-Control', 'no-store')
  metrics(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type(this.registry.contentType);
    return this.registry.render();
  }
}
