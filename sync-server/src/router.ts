// The whole API. The extension imports only its type:
//   import type { AppRouter } from '@keyhold/sync-server/router';
// Importing this module has no side effects (no database, no server); those live in http/serve.ts.
import { accountRouter } from './routers/account';
import { sessionRouter } from './routers/session';
import { syncRouter } from './routers/sync';
import { vaultRouter } from './routers/vault';
import { router } from './trpc';

export const appRouter = router({
  account: accountRouter,
  session: sessionRouter,
  vault: vaultRouter,
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;
