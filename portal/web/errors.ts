// Last-resort handlers: unknown addresses and unexpected errors get a page (or JSON for API
// clients) that says what happened and what to do — never a stack trace.
import type { NextFunction, Request, Response } from 'express';
import { FormBodyError } from './form.ts';
import { sendErrorPage } from './layout.ts';

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/_harness') || req.path.startsWith('/api/') || req.path === '/oauth/token';
}

export function notFound(req: Request, res: Response): void {
  if (wantsJson(req)) {
    res.status(404).json({ error: 'not_found', message: `Nothing here: ${req.method} ${req.path}. See portal/README.md for the endpoints.` });
    return;
  }
  sendErrorPage(res, 404, 'Page not found', `There is no page at ${req.path}. Start again from the portal home page.`);
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof FormBodyError) return error.status;
  // body-parser (express.json) errors carry a 4xx status and an `expose` flag.
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 500) return error.status;
  return undefined;
}

export function errorHandler(log: (line: string) => void) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const clientStatus = statusOf(error);
    const message = clientStatus !== undefined
      ? error instanceof FormBodyError ? error.message : `The request body could not be read (${(error as Error).message}). Send well-formed JSON or form data.`
      : 'The portal hit an unexpected error while handling this request. Nothing was changed by the failed step; try again, and if it persists report it with the time it happened.';
    if (clientStatus === undefined) log(`portal: unexpected error on ${req.method} ${req.path}: ${error instanceof Error ? error.message : String(error)}`);
    const status = clientStatus ?? 500;
    if (wantsJson(req)) res.status(status).json({ error: status === 500 ? 'server_error' : 'invalid_request', message });
    else sendErrorPage(res, status, status === 500 ? 'Something went wrong' : 'Request refused', message);
  };
}
