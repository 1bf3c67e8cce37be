import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { EngineConfig } from '../config/engine-config';
import { ApiExceptionFilter } from '../infrastructure/http/api-exception.filter';
import { createSchemaValidationPipe } from '../infrastructure/http/schema-validation.pipe';
import { applyCors, applySecurityHeaders } from '../infrastructure/http/security-headers';
import { serveEditor } from './serve-editor';

/**
 * Everything HTTP-wide: security headers and CORS, the /api prefix, validation, errors, body limits,
 * OpenAPI docs, the editor. (Rate limits on the public doors: RateLimitModule.)
 */
export function configureHttp(app: NestExpressApplication, config: EngineConfig): void {
  applySecurityHeaders(app);
  applyCors(app, config.KIZUNA_CORS_ORIGINS);
  // Provider webhooks and the links in customers' messages live outside /api: their URLs are
  // printed in emails and registered with providers, and are not part of the versioned API.
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'webhooks/*path', method: RequestMethod.ALL },
      { path: 't/*path', method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(createSchemaValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  // An events batch of 1,000 with properties fits comfortably; larger bodies are refused with 413.
  app.useBodyParser('json', { limit: '5mb' });
  // Twilio posts its webhooks as forms.
  app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
  app.disable('x-powered-by');
  if (config.KIZUNA_TRUST_PROXY !== undefined) app.set('trust proxy', config.KIZUNA_TRUST_PROXY);

  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Kizuna API')
        .setDescription('Marketing automation for Japanese retail and D2C: data in, analytics, journeys, channels.')
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A workspace API key (kz_...)' })
        .build(),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  serveEditor(app, config.editorDistDir);
}
