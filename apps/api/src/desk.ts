/**
 * The moderators' desk (apps/desk), served at /desk from the files `npm run build:desk` writes to
 * dist/desk. It talks only to the public GraphQL API. Its CSP is helmet's with two additions, for
 * identity documents only: the desk fetches them with the moderator's bearer token and shows them
 * from blob: URLs, as images (img-src) or PDFs in a frame (frame-src: Chromium's PDF viewer).
 */
import express, { Request, Response, Router } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const DESK_PATH = '/desk';

/** The repository's root: the closest folder up with a package.json (from the sources, or from dist/ once built). */
function repositoryRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const DESK_DIR = join(repositoryRoot(__dirname), 'dist', 'desk');

export function deskRoutes(dir = DESK_DIR): Router {
  const router = Router();
  router.use(
    DESK_PATH,
    helmet.contentSecurityPolicy({
      directives: {
        'img-src': ["'self'", 'data:', 'blob:'],
        'frame-src': ['blob:'],
      },
    }),
  );
  const index = join(dir, 'index.html');
  // The bundles' names carry their hash: they never change, unlike the page that names them.
  router.use(`${DESK_PATH}/assets`, express.static(join(dir, 'assets'), { index: false, maxAge: '1y', immutable: true }));
  router.get([DESK_PATH, `${DESK_PATH}/`], (_req: Request, res: Response) => {
    if (!existsSync(index)) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: 'The desk is not built: run `npm run build:desk` (npm start does).' } });
      return;
    }
    // The page names its hashed files: it must never be cached past a deploy.
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
