// The reference OE admin portal: a small, real web application (Express 5, server-rendered
// accessible HTML, node:sqlite), the default target the harness certifies SSO against.
import { createServer } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { closeServer, listenOnLoopback } from '../lib/index.ts';
import { loadRequestState } from './auth/requestState.ts';
import { DEFAULT_TIMINGS, type PortalContext, type PortalTimings } from './context.ts';
import { openPortalDatabase } from './db/database.ts';
import { createStore, portalSecret, type PortalStore } from './db/store.ts';
import { parseDefects } from './defects.ts';
import { harnessRoutes } from './harness/routes.ts';
import { nativeRoutes } from './native/routes.ts';
import { skinNamed, type PortalSkin, type SkinName } from './skin/index.ts';
import { supportRoutes } from './support/routes.ts';
import { accountRoutes } from './web/accountRoutes.ts';
import { apiRoutes } from './web/apiRoutes.ts';
import { errorHandler, notFound } from './web/errors.ts';
import { loginRoutes } from './web/loginRoutes.ts';
import { seatRoutes } from './web/seatRoutes.ts';
import { ssoRoutes } from './web/ssoRoutes.ts';

export interface PortalOptions {
  /** Where the SQLite database lives; created when missing, re-used when present. */
  readonly dataDir: string;
  /** 0 or absent = a free port. */
  readonly port?: number;
  /** Defect switch ids from portal/defects.ts (harness self-tests only; never reachable from the UI). */
  readonly defects?: readonly string[];
  /** Enables the /_harness provisioning API, authenticated with this Bearer token. */
  readonly harnessToken?: string;
  /** Clock (tests move it to expire grants, codes and sessions). */
  readonly now?: () => Date;
  readonly timings?: Partial<PortalTimings>;
  /** Where unexpected errors are reported (default: stderr). Never receives secrets. */
  readonly log?: (line: string) => void;
  /**
   * `reference` (default): the reference portal. `foreign`: the same portal (engine, checks, defect
   * switches) with another team's paths, words, markup, cookies and vocabulary (portal/skin/).
   */
  readonly skin?: SkinName;
}

export interface Portal {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly db: PortalStore;
  /** The skin this portal renders (its paths, words, cookie names…). */
  readonly skin: PortalSkin;
  close(): Promise<void>;
}

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  // No script at all; styles only from the portal's own stylesheet. form-action is deliberately absent: Chromium
  // applies it to the redirect that follows a form post, and Test SSO posts, then goes to the IdP.
  res.set({
    'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    // Codes and tokens travel in query strings on the way back from the IdP: never leak them in Referer.
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  next();
}

export function buildApp(ctx: PortalContext, log: (line: string) => void): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.get(ctx.skin.paths.stylesheet, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').type('text/css').send(ctx.skin.views.stylesheet);
  });
  app.use(loadRequestState(ctx));
  if (ctx.harnessToken) app.use(harnessRoutes(ctx));
  app.use(loginRoutes(ctx));
  app.use(accountRoutes(ctx));
  app.use(seatRoutes(ctx));
  app.use(apiRoutes(ctx));
  app.use(ssoRoutes(ctx));
  app.use(supportRoutes(ctx));
  app.use(nativeRoutes(ctx));
  app.use(notFound(ctx));
  app.use(errorHandler(ctx, log));
  return app;
}

export async function createPortal(options: PortalOptions): Promise<Portal> {
  // Unknown defect ids stop the start-up with the list of valid ones, before anything opens.
  const defects = parseDefects(options.defects ?? []);
  if (options.harnessToken !== undefined && options.harnessToken.length < 16) {
    throw new Error('The harness token must be at least 16 characters (it guards the provisioning API). Generate a random one.');
  }
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const sqlite = openPortalDatabase(options.dataDir);
  const store = createStore(sqlite, () => now().getTime());
  let baseUrl = '';
  const ctx: PortalContext = {
    store,
    defects,
    csrfKey: portalSecret(sqlite),
    ...(options.harnessToken ? { harnessToken: options.harnessToken } : {}),
    now,
    timings: { ...DEFAULT_TIMINGS, ...options.timings },
    baseUrl: () => baseUrl,
    skin: skinNamed(options.skin ?? 'reference'),
  };
  const server = createServer(buildApp(ctx, log));
  try {
    baseUrl = await listenOnLoopback(server, options.port ?? 0, 'The reference OE portal');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    db: store,
    skin: ctx.skin,
    close(): Promise<void> {
      closed ??= closeServer(server).finally(() => sqlite.close());
      return closed;
    },
  };
}
