import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Paths the engine owns; everything else is the editor (a single-page app with client routing). */
const ENGINE_PATHS = /^\/(api|webhooks|t)(\/|$)/;

/** Serves the built editor at `/`, with index.html for client-side routes. */
export function serveEditor(app: NestExpressApplication, distDir: string): void {
  const index = path.join(distDir, 'index.html');
  if (existsSync(index)) {
    app.useStaticAssets(distDir, { index: false, maxAge: '1h', immutable: false });
  }
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || ENGINE_PATHS.test(request.path)) return next();
    if (!existsSync(index)) {
      response
        .status(503)
        .type('text/plain')
        .send('The editor is not built yet: run `npm run build:editor` (npm start does it for you).');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
