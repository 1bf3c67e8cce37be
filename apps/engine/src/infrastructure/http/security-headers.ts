import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/**
 * Security headers on every answer (helmet), with a content security policy the editor, the API
 * docs and the unsubscribe pages live within: scripts only from this origin; inline styles allowed
 * because React Flow and the unsubscribe page position and style elements inline; images may be
 * data/blob URLs (canvas minimap, downloads). No upgrade-insecure-requests: `npm start` serves
 * plain http on localhost, where it would break every asset.
 */
export function applySecurityHeaders(app: NestExpressApplication): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Tracking pixels are loaded by mail clients from other origins.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
}

/** Browsers may call the API from the listed origins only; with none, no CORS headers at all. */
export function applyCors(app: NestExpressApplication, origins: readonly string[]): void {
  if (origins.length === 0) return;
  app.enableCors({
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-api-key'],
    maxAge: 600,
  });
}
