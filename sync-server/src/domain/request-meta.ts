// Who is asking, as far as the use cases need to know: the client address, for audit records and
// throttle keys (see limits/client-address.ts for how it is chosen).
export type RequestMeta = { ip: string };
