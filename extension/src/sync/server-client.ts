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
  getSubtreesOutputSchema,
  type GetSubtreesInput,
  type GetSubtreesOutput,
  putSnapshotOutputSchema,
  getSnapshotOutputSchema,
  type PutSnapshotInput,
  type PutSnapshotOutput,
  type GetSnapshotInput,
  type GetSnapshotOutput,
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
import { formatNumber } from '../i18n/format';
import { BACKOFF_MAX_MS } from './backoff';
import { t } from '../i18n/messages';

export type ChangeMasterPasswordOutput = z.infer<typeof changeMasterPasswordOutputSchema>;

export type ServerProblem =
  /** No answer: network down, server stopped, DNS, or no host permission. */
  | { kind: 'offline' }
  /** 401: the session expired or was revoked. */
  | { kind: 'unauthorized' }
  /** 429: `retryAfterMs` from Retry-After (or the error's `data.retryAfterSeconds`), null where the server did not say. */
  | { kind: 'rate-limited'; retryAfterMs: number | null; procedure: string }
  /** 5xx or shutting down: try again later. */
  | { kind: 'unavailable' }
  /** Any other refusal (bad input, registration closed, taken email...), by what the server says it is. */
  | { kind: 'refused'; status: number; refusal: Refusal; procedure: string }
  /** An answer that does not match the protocol: never acted upon. */
  | { kind: 'invalid-answer'; procedure: string };

/**
 * What a refusal is, from the answer's HTTP status and tRPC code: the parts of the server's error
 * that are meant for machines. Its `message` is never shown: it is English, and it is whatever the
 * server chose to write (a hostile server could word it as an instruction), so the user reads the
 * catalogue's words for the refusal instead (docs/architecture.md, "Strings and locales").
 */
export type Refusal = 'bad-request' | 'forbidden' | 'not-found' | 'conflict' | 'too-large' | 'misdirected' | 'other';

export class ServerError extends Error {
  override readonly name = 'ServerError';
  constructor(readonly problem: ServerProblem) {
    super(describeProblem(problem));
  }
}

/** Plain words for the user, from the catalogue; nothing the server wrote. */
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
      return describeRefusal(problem);
    case 'invalid-answer':
      return t('error_server_invalid_answer');
  }
}

/** A refusal in words: what it means for the call that got it where that is known, else in general. */
function describeRefusal(problem: Extract<ServerProblem, { kind: 'refused' }>): string {
  const { refusal, procedure } = problem;
  // The same refusal for a closed registration, a bad invite and an email that is taken
  // (sync-server/src/accounts/register-account.ts says nothing more, so that emails cannot be probed).
  if (procedure === 'account.register' && refusal === 'forbidden') return t('error_server_register_forbidden');
  if (procedure === 'account.register' && refusal === 'conflict') return t('error_server_register_conflict');
  const changingPassword = procedure === 'account.changeMasterPassword' || procedure === 'account.resetMasterPassword';
  if (changingPassword && refusal === 'forbidden') return t('error_server_password_forbidden');
  if (changingPassword && refusal === 'conflict') return t('error_server_password_conflict');
  if (procedure === 'session.revoke' && refusal === 'not-found') return t('error_server_device_not_found');
  switch (refusal) {
    case 'bad-request':
      return t('error_server_refused_bad_request');
    case 'forbidden':
      return t('error_server_refused_forbidden');
    case 'not-found':
      return t('error_server_refused_not_found');
    case 'conflict':
      return t('error_server_refused_conflict');
    case 'too-large':
      return t('error_server_refused_too_large');
    case 'misdirected':
      return t('error_server_refused_misdirected');
    case 'other':
      return t('error_server_refused_other', formatNumber(problem.status));
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
      throw new ServerError(classify(error, procedure));
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
    getSubtrees: (input: GetSubtreesInput): Promise<GetSubtreesOutput> =>
      call('vault.getSubtrees', getSubtreesOutputSchema, () => trpc.vault.getSubtrees.query(input)),
    putSnapshot: (input: PutSnapshotInput): Promise<PutSnapshotOutput> =>
      call('vault.putSnapshot', putSnapshotOutputSchema, () => trpc.vault.putSnapshot.mutate(input)),
    getSnapshot: (input: GetSnapshotInput): Promise<GetSnapshotOutput> =>
      call('vault.getSnapshot', getSnapshotOutputSchema, () => trpc.vault.getSnapshot.query(input)),
    pull: (input: PullInput): Promise<PullOutput> => call('sync.pull', pullOutputSchema, () => trpc.sync.pull.query(input)),
    push: (input: PushInput): Promise<PushOutput> => call('sync.push', pushOutputSchema, () => trpc.sync.push.mutate(input)),
    listSessions: (): Promise<SessionInfo[]> => call('session.list', sessionListOutputSchema, () => trpc.session.list.query()),
    revokeSession: (sessionId: string): Promise<unknown> => call('session.revoke', revokedSchema, () => trpc.session.revoke.mutate({ sessionId })),
    logout: (): Promise<unknown> => call('session.logout', loggedOutSchema, () => trpc.session.logout.mutate()),
  };
}

export type ServerClient = ReturnType<typeof createServerClient>;

function classify(error: unknown, procedure: string): ServerProblem {
  if (!(error instanceof TRPCClientError)) return { kind: 'offline' };
  const response = (error.meta as { response?: Response } | undefined)?.response;
  const data = error.data as { httpStatus?: unknown; code?: unknown; retryAfterSeconds?: unknown } | undefined;
  const status = response?.status ?? (typeof data?.httpStatus === 'number' ? data.httpStatus : undefined);
  // No HTTP status at all: the request never got an answer (fetch threw).
  if (status === undefined) return { kind: 'offline' };
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 429) return { kind: 'rate-limited', retryAfterMs: retryAfterMs(response, data?.retryAfterSeconds), procedure };
  if (status >= 500) return { kind: 'unavailable' };
  return { kind: 'refused', status, refusal: refusalOf(status, data?.code), procedure };
}

/**
 * How long a 429 asks to wait: the Retry-After header in seconds, else the seconds the server put in
 * the error's data (sync-server/src/trpc.ts puts both; a proxy may drop the header). Believed up to
 * the backoff's cap (backoff.ts), so no server can make Keyhold say "try again in 3,000,000 min".
 */
function retryAfterMs(response: Response | undefined, dataSeconds: unknown): number | null {
  const usable = (seconds: unknown): seconds is number => typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0;
  const header = Number(response?.headers.get('retry-after') ?? NaN);
  const seconds = usable(header) ? header : usable(dataSeconds) ? dataSeconds : null;
  return seconds === null ? null : Math.min(seconds * 1000, BACKOFF_MAX_MS);
}

// tRPC's code names the refusal; an answer without one (a proxy's own error page) is read by its status.
// Maps, not object literals: the code is the server's string, and "constructor" must not find anything.
const REFUSAL_BY_CODE = new Map<string, Refusal>([
  ['BAD_REQUEST', 'bad-request'],
  ['PARSE_ERROR', 'bad-request'],
  ['FORBIDDEN', 'forbidden'],
  ['NOT_FOUND', 'not-found'],
  ['CONFLICT', 'conflict'],
  ['PAYLOAD_TOO_LARGE', 'too-large'],
]);
const REFUSAL_BY_STATUS = new Map<number, Refusal>([
  [400, 'bad-request'],
  [403, 'forbidden'],
  [404, 'not-found'],
  [409, 'conflict'],
  [413, 'too-large'],
]);

function refusalOf(status: number, code: unknown): Refusal {
  // A host the server does not answer to (sync-server/src/security/host-check.ts): 421, code BAD_REQUEST.
  if (status === 421) return 'misdirected';
  return (typeof code === 'string' ? REFUSAL_BY_CODE.get(code) : undefined) ?? REFUSAL_BY_STATUS.get(status) ?? 'other';
}
