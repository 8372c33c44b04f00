// zod 4 compiles a fast parser for each object schema with `new Function` when it may, and probes
// whether it may (a caught `new Function('')`) the first time an object schema is built. No extension
// context should evaluate generated code: MV3's CSP forbids it, the probe is reported as a CSP
// violation even though it is caught, and Firefox's add-on review (web-ext lint) flags it. zod reads
// the setting when each object schema is CREATED, so this module must run before any schema is
// built: it is the first import of every entry point that bundles zod (background, popup, vault
// page) and of messaging/protocol.ts. Content scripts do not bundle zod.
import { z } from 'zod';

z.config({ jitless: true });
