/**
 * GraphiQL for development: `GET /graphql` from a browser (which prefers HTML) answers the IDE, and
 * every file it loads comes from this server, out of node_modules, so it works offline and under
 * helmet's default CSP (scripts and connections to 'self' only). graphiql 3 ships a UMD bundle
 * (graphql-js included) that runs on React 18's UMD builds: no bundler, no build step.
 */
import { Request, Response, Router } from 'express';
import { dirname, join } from 'node:path';

const ASSETS_PATH = '/graphiql';

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const ASSET_FILES: Record<string, string> = {
  'react.js': join(packageDir('react'), 'umd', 'react.production.min.js'),
  'react-dom.js': join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
  'graphiql.js': join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': join(packageDir('graphiql'), 'graphiql.min.css'),
};

const DEFAULT_QUERY = `# Welcome to the marketplace's GraphQL API. Ctrl-Enter runs the query;
# add "Authorization": "Bearer <accessToken>" in Headers below to act as a signed-in user.
{
  missions(first: 5) {
    edges { node { id title status } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/** The page's own script is a file too: helmet's CSP allows no inline script. */
function bootScript(graphqlPath: string): string {
  return `'use strict';
const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(graphqlPath)} });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}, defaultEditorToolsVisibility: true }),
);
`;
}

function page(): string {
  const script = (file: string) => `<script src="${ASSETS_PATH}/${file}"></script>`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>GraphiQL · marketplace API</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${ASSETS_PATH}/graphiql.css" />
    <link rel="stylesheet" href="${ASSETS_PATH}/page.css" />
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    ${['react.js', 'react-dom.js', 'graphiql.js', 'boot.js'].map(script).join('\n    ')}
  </body>
</html>
`;
}

const PAGE_CSS = 'body { margin: 0; } #graphiql { height: 100dvh; }\n';

/** The IDE at `graphqlPath` for browsers (other GET requests, queries among them, go on to Apollo), and its files. */
export function graphiqlRoutes(graphqlPath: string): Router {
  const router = Router();
  const html = page();
  const generated: Record<string, { type: string; body: string }> = {
    'boot.js': { type: 'text/javascript', body: bootScript(graphqlPath) },
    'page.css': { type: 'text/css', body: PAGE_CSS },
  };
  router.get(graphqlPath, (req, res, next) => {
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html') return next();
    res.type('html').send(html);
  });
  router.get(`${ASSETS_PATH}/:file`, (req: Request<{ file: string }>, res: Response) => {
    const { file } = req.params;
    const own = generated[file];
    if (own) {
      res.type(own.type).send(own.body);
    } else if (Object.hasOwn(ASSET_FILES, file)) {
      res.sendFile(ASSET_FILES[file], { maxAge: '1h' });
    } else {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: `No GraphiQL file named ${file}.` } });
    }
  });
  return router;
}
