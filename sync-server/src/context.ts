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
};
