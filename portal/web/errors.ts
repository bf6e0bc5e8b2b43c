// Last-resort handlers: unknown addresses and unexpected errors get a page (or JSON for API
// clients) that says what happened and what to do — never a stack trace.
import type { NextFunction, Request, Response } from 'express';
import type { PortalContext } from '../context.ts';
import { REFERENCE_TEXT } from '../skin/reference/text.ts';
import { FormBodyError } from './form.ts';
import { sendErrorPage } from './layout.ts';

function wantsJson(ctx: PortalContext, req: Request): boolean {
  const { paths } = ctx.skin;
  // The JSON APIs live under one first path segment (`/api/` for the reference portal).
  const apiRoot = `/${paths.apiSeatAudit.split('/')[1] ?? ''}/`;
  return (
    req.path.startsWith('/_harness') ||
    req.path.startsWith(apiRoot) ||
    req.path === paths.native.token ||
    req.path === paths.native.userinfo
  );
}

export function notFound(ctx: PortalContext) {
  return (req: Request, res: Response): void => {
    if (wantsJson(ctx, req)) {
      res
        .status(404)
        .json({ error: 'not_found', message: `Nothing here: ${req.method} ${req.path}. See portal/README.md for the endpoints.` });
      return;
    }
    sendErrorPage(ctx, res, 404, ctx.skin.text.notFoundTitle, ctx.skin.text.notFoundMessage(req.path));
  };
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof FormBodyError) return error.status;
  // body-parser (express.json) errors carry a 4xx status and an `expose` flag.
  if (
    typeof error === 'object' &&
    error !== null &&
    'status' in error &&
    typeof error.status === 'number' &&
    error.status >= 400 &&
    error.status < 500
  )
    return error.status;
  return undefined;
}

export function errorHandler(ctx: PortalContext, log: (line: string) => void) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    // The provisioning API is the same in every skin, its messages included.
    const text = req.path.startsWith('/_harness') ? REFERENCE_TEXT : ctx.skin.text;
    const clientStatus = statusOf(error);
    const message =
      clientStatus !== undefined
        ? error instanceof FormBodyError
          ? error.message
          : text.unreadableBody((error as Error).message)
        : text.serverErrorMessage;
    if (clientStatus === undefined)
      log(`portal: unexpected error on ${req.method} ${req.path}: ${error instanceof Error ? error.message : String(error)}`);
    const status = clientStatus ?? 500;
    if (wantsJson(ctx, req)) res.status(status).json({ error: status === 500 ? 'server_error' : 'invalid_request', message });
    else sendErrorPage(ctx, res, status, status === 500 ? text.serverErrorTitle : text.requestRefusedTitle, message);
  };
}
