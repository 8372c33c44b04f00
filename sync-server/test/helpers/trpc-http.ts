// Calls procedures over HTTP the way tRPC's client does without batching: queries as
// GET /trpc/PATH?input=JSON, mutations as POST with the JSON input as the body.
export type HttpAnswer = { status: number; body: any; headers: Headers };

export async function query(url: string, path: string, input?: unknown, token?: string): Promise<HttpAnswer> {
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return answer(await fetch(`${url}/trpc/${path}${search}`, { headers: authHeaders(token) }));
}

export async function mutate(url: string, path: string, input?: unknown, token?: string): Promise<HttpAnswer> {
  return answer(
    await fetch(`${url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(token) },
      body: input === undefined ? undefined : JSON.stringify(input),
    }),
  );
}

/** The data of a successful call; throws with the server's message otherwise. */
export function data<T = any>(answer: HttpAnswer): T {
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.result.data as T;
}

function authHeaders(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

async function answer(response: Response): Promise<HttpAnswer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}
