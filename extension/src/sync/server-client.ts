// The sync server, as the extension sees it: typed calls over tRPC (httpLink, one request per call,
// bearer token), every answer validated against the shared protocol schemas because the server is
// not trusted, and every failure turned into one ServerError whose `problem` says what kind of
// trouble it is (offline, signed out, rate limited...) so the engine knows whether to back off.
// Only `type AppRouter` comes from the server package (docs/architecture.md, "Packages and layers").
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { z } from 'zod';
import type { AppRouter } from '@keyhold/sync-server/router';
import {
  changeMasterPasswordOutputSchema,
  headerStateSchema,
  preloginOutputSchema,
  pullOutputSchema,
  pushOutputSchema,
  putHeaderOutputSchema,
  putNodesOutputSchema,
  getNodesOutputSchema,
  type PutNodesInput,
  type PutNodesOutput,
  type GetNodesInput,
  type GetNodesOutput,
  sessionGrantSchema,
  sessionListOutputSchema,
  type ChangeMasterPasswordInput,
  type ResetMasterPasswordInput,
  type HeaderState,
  type LoginInput,
  type PreloginOutput,
  type PullInput,
  type PullOutput,
  type PushInput,
  type PushOutput,
  type PutHeaderInput,
  type PutHeaderOutput,
  type RegisterInput,
  type SessionGrant,
  type SessionInfo,
} from '@keyhold/shared/sync/protocol';
import { t } from '../i18n/messages';

export type ChangeMasterPasswordOutput = z.infer<typeof changeMasterPasswordOutputSchema>;

export type ServerProblem =
  /** No answer: network down, server stopped, DNS, or no host permission. */
  | { kind: 'offline' }
  /** 401: the session expired or was revoked. */
  | { kind: 'unauthorized'; message: string }
  | { kind: 'rate-limited'; retryAfterMs: number | null; message: string }
  /** 5xx or shutting down: try again later. */
  | { kind: 'unavailable' }
  /** Any other refusal, with the server's message (bad input, registration closed, taken email...). */
  | { kind: 'refused'; status: number; code: string; message: string }
  /** An answer that does not match the protocol: never acted upon. */
  | { kind: 'invalid-answer'; procedure: string };

export class ServerError extends Error {
  override readonly name = 'ServerError';
  constructor(readonly problem: ServerProblem) {
    super(describeProblem(problem));
  }
}

/** Plain words for the user. Server messages are shown only for refusals, never for 5xx. */
export function describeProblem(problem: ServerProblem): string {
  switch (problem.kind) {
    case 'offline':
      return t('error_server_offline');
    case 'unauthorized':
      return t('error_server_unauthorized');
    case 'rate-limited':
      return t('error_server_rate_limited');
    case 'unavailable':
      return t('error_server_unavailable');
    case 'refused':
      return problem.message;
    case 'invalid-answer':
      return t('error_server_invalid_answer');
  }
}

export type ServerClientOptions = {
  baseUrl: string;
  token?: string;
  /** For tests and the benchmark (counting bytes); defaults to the global fetch. */
  fetch?: typeof fetch;
};

const revokedSchema = z.object({ revoked: z.literal(true) });
const loggedOutSchema = z.object({ loggedOut: z.literal(true) });

export function createServerClient(options: ServerClientOptions) {
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${options.baseUrl}/trpc`,
        headers: () => (options.token ? { authorization: `Bearer ${options.token}` } : {}),
        // The extension never sends cookies or other ambient credentials to the server.
        fetch: (url, init) => (options.fetch ?? fetch)(url, { ...(init as RequestInit), credentials: 'omit', cache: 'no-store' }),
      }),
    ],
  });

  async function call<T>(procedure: string, schema: z.ZodType<T>, request: () => Promise<unknown>): Promise<T> {
    let answer: unknown;
    try {
      answer = await request();
    } catch (error) {
      throw new ServerError(classify(error));
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new ServerError({ kind: 'invalid-answer', procedure });
    return parsed.data;
  }

  return {
    prelogin: (email: string): Promise<PreloginOutput> =>
      call('account.prelogin', preloginOutputSchema, () => trpc.account.prelogin.query({ email })),
    register: (input: RegisterInput): Promise<SessionGrant> =>
      call('account.register', sessionGrantSchema, () => trpc.account.register.mutate(input)),
    login: (input: LoginInput): Promise<SessionGrant> => call('account.login', sessionGrantSchema, () => trpc.account.login.mutate(input)),
    changeMasterPassword: (input: ChangeMasterPasswordInput): Promise<ChangeMasterPasswordOutput> =>
      call('account.changeMasterPassword', changeMasterPasswordOutputSchema, () => trpc.account.changeMasterPassword.mutate(input)),
    resetMasterPassword: (input: ResetMasterPasswordInput): Promise<ChangeMasterPasswordOutput> =>
      call('account.resetMasterPassword', changeMasterPasswordOutputSchema, () => trpc.account.resetMasterPassword.mutate(input)),
    getHeader: (): Promise<HeaderState> => call('vault.getHeader', headerStateSchema, () => trpc.vault.getHeader.query()),
    putHeader: (input: PutHeaderInput): Promise<PutHeaderOutput> =>
      call('vault.putHeader', putHeaderOutputSchema, () => trpc.vault.putHeader.mutate(input)),
    putNodes: (input: PutNodesInput): Promise<PutNodesOutput> =>
      call('vault.putNodes', putNodesOutputSchema, () => trpc.vault.putNodes.mutate(input)),
    getNodes: (input: GetNodesInput): Promise<GetNodesOutput> => call('vault.getNodes', getNodesOutputSchema, () => trpc.vault.getNodes.query(input)),
    pull: (input: PullInput): Promise<PullOutput> => call('sync.pull', pullOutputSchema, () => trpc.sync.pull.query(input)),
    push: (input: PushInput): Promise<PushOutput> => call('sync.push', pushOutputSchema, () => trpc.sync.push.mutate(input)),
    listSessions: (): Promise<SessionInfo[]> => call('session.list', sessionListOutputSchema, () => trpc.session.list.query()),
    revokeSession: (sessionId: string): Promise<unknown> => call('session.revoke', revokedSchema, () => trpc.session.revoke.mutate({ sessionId })),
    logout: (): Promise<unknown> => call('session.logout', loggedOutSchema, () => trpc.session.logout.mutate()),
  };
}

export type ServerClient = ReturnType<typeof createServerClient>;

function classify(error: unknown): ServerProblem {
  if (!(error instanceof TRPCClientError)) return { kind: 'offline' };
  const response = (error.meta as { response?: Response } | undefined)?.response;
  const data = error.data as { httpStatus?: unknown; code?: unknown } | undefined;
  const status = response?.status ?? (typeof data?.httpStatus === 'number' ? data.httpStatus : undefined);
  // No HTTP status at all: the request never got an answer (fetch threw).
  if (status === undefined) return { kind: 'offline' };
  if (status === 401) return { kind: 'unauthorized', message: error.message };
  if (status === 429) {
    const seconds = Number(response?.headers.get('retry-after'));
    return {
      kind: 'rate-limited',
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null,
      message: error.message.slice(0, 300),
    };
  }
  if (status >= 500) return { kind: 'unavailable' };
  const code = typeof data?.code === 'string' ? data.code : 'BAD_REQUEST';
  // The message is the server's; keep it short so a hostile server cannot flood the UI.
  return { kind: 'refused', status, code, message: error.message.slice(0, 300) };
}
