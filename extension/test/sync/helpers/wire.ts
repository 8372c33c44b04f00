// The wire between a test device and the real server: every request and the size of every answer
// are recorded, and `tamper` may rewrite a procedure's answer on its way back — the tampering
// proxy of the untrusted-server tests (the device cannot tell it from the server itself).
export type Exchange = { procedure: string; input: unknown; status: number; responseBytes: number; requestBytes: number };

export type Tamper = (procedure: string, data: any, input: unknown) => any;

export type Wire = { fetch: typeof fetch; log: Exchange[]; tamper: Tamper | null; down: boolean };

function procedureOf(url: string): { procedure: string; input: unknown } {
  const parsed = new URL(url);
  const procedure = parsed.pathname.split('/trpc/')[1] ?? '';
  const raw = parsed.searchParams.get('input');
  return { procedure, input: raw === null ? undefined : JSON.parse(raw) };
}

export function createWire(): Wire {
  const wire: Wire = {
    log: [],
    tamper: null,
    down: false,
    fetch: async (resource, init) => {
      const url = typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url;
      const { procedure, input: queryInput } = procedureOf(url);
      const body = typeof init?.body === 'string' ? init.body : '';
      const input = queryInput ?? (body ? JSON.parse(body) : undefined);
      // A server that cannot be reached, as fetch reports it.
      if (wire.down) throw new TypeError('fetch failed');
      const response = await fetch(resource, init);
      let text = await response.text();
      if (wire.tamper && response.ok) {
        const json = JSON.parse(text) as { result: { data: unknown } };
        json.result.data = wire.tamper(procedure, json.result.data, input);
        text = JSON.stringify(json);
      }
      wire.log.push({
        procedure,
        input,
        status: response.status,
        responseBytes: Buffer.byteLength(text),
        requestBytes: Buffer.byteLength(url) + Buffer.byteLength(body),
      });
      return new Response(text, { status: response.status, headers: response.headers });
    },
  };
  return wire;
}
