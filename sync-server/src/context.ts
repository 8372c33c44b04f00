// The tRPC context: the app's dependencies plus what the HTTP layer learned about the request.
// Tests build it directly and call the router with `appRouter.createCaller(context)`.
import type { App } from './app';

export type Context = {
  app: App;
  /** Client address (see limits/client-address.ts). */
  ip: string;
  requestId: string;
  /** The raw Authorization header, checked by authedProcedure. */
  authorization: string | undefined;
  /**
   * The origin the client addressed ("http://192.0.2.1:8080"), from the Host header the host check
   * let through (and X-Forwarded-Proto behind a trusted proxy): prelogin derives decoy salts from it
   * when no public URL is configured (ADR 0020). Absent in tests that call the router directly.
   */
  origin?: string | undefined;
};
