// account.*: prelogin, register, login (public) and changeMasterPassword, delete (signed in).
import {
  changeMasterPasswordInputSchema,
  deleteAccountInputSchema,
  loginInputSchema,
  preloginInputSchema,
  registerInputSchema,
} from '@keyhold/shared/sync/protocol';
import { changeMasterPassword } from '../accounts/change-master-password';
import { deleteAccount } from '../accounts/delete-account';
import { login } from '../accounts/login';
import { prelogin } from '../accounts/prelogin';
import { registerAccount } from '../accounts/register-account';
import { authedProcedure, publicProcedure, router } from '../trpc';

export const accountRouter = router({
  prelogin: publicProcedure.input(preloginInputSchema).query(({ ctx, input }) => prelogin(ctx.app, input)),
  register: publicProcedure.input(registerInputSchema).mutation(({ ctx, input }) => registerAccount(ctx.app, input, { ip: ctx.ip })),
  login: publicProcedure.input(loginInputSchema).mutation(({ ctx, input }) => login(ctx.app, input, { ip: ctx.ip })),
  changeMasterPassword: authedProcedure
    .input(changeMasterPasswordInputSchema)
    .mutation(({ ctx, input }) => changeMasterPassword(ctx.app, { accountId: ctx.account.id, sessionId: ctx.session.id }, input, { ip: ctx.ip })),
  delete: authedProcedure
    .input(deleteAccountInputSchema)
    .mutation(({ ctx, input }) => deleteAccount(ctx.app, { accountId: ctx.account.id }, input, { ip: ctx.ip })),
});
