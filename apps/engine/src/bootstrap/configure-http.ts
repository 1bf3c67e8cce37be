import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { EngineConfig } from '../config/engine-config';
import { ApiExceptionFilter } from '../infrastructure/http/api-exception.filter';
import { createSchemaValidationPipe } from '../infrastructure/http/schema-validation.pipe';
import { serveEditor } from './serve-editor';

/** Everything HTTP-wide: the /api prefix, validation, errors, body limits, OpenAPI docs, the editor. */
export function configureHttp(app: NestExpressApplication, config: EngineConfig): void {
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createSchemaValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  // An events batch of 1,000 with properties fits comfortably; larger bodies are refused with 413.
  app.useBodyParser('json', { limit: '5mb' });
  app.disable('x-powered-by');

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
