// Serves the SvelteKit app built by adapter-node (build/handler.js). Imported lazily so the
// server (and the integration tests) run without a build; until there is one, pages answer 503.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from './log';

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/** Set on every request from our own socket, so a client cannot forge it. */
const PROTOCOL_HEADER = 'x-clausework-protocol';

/**
 * adapter-node reads its settings from the environment when build/handler.js is imported.
 * Without ORIGIN it assumes https, so SvelteKit's CSRF origin check refused every form post
 * over plain http; the protocol header tells it what the socket really is. Its default body
 * limit (512 KB) is below the 5 MB Markdown import, whose review step posts the draft back.
 */
function configureAdapter(env: NodeJS.ProcessEnv): void {
  if (!env.ORIGIN) env.PROTOCOL_HEADER ??= PROTOCOL_HEADER;
  env.BODY_SIZE_LIMIT ??= '12M';
}

function markProtocol(req: IncomingMessage): void {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  req.headers[PROTOCOL_HEADER] = encrypted ? 'https' : 'http';
}

export function webHandler(root: string, log: Logger): Handler {
  const file = join(root, 'build', 'handler.js');
  let loading: Promise<Handler | undefined> | undefined;
  configureAdapter(process.env);
  const load = () =>
    (loading ??= existsSync(file)
      ? import(pathToFileURL(file).href).then((module: { handler: Handler }) => module.handler)
      : Promise.resolve(undefined));

  return (req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    markProtocol(req);
    load().then(
      (handler) => {
        if (handler) return handler(req, res, () => notFound(res));
        loading = undefined; // look again on the next request: a build may appear
        res
          .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
          .end('The web app is not built yet: run `npm run build` (or `npm start`, which builds first).\n');
      },
      (error: unknown) => {
        log.error('web.handler_failed', { error });
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('The web app failed to load.\n');
      }
    );
  };
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
}
