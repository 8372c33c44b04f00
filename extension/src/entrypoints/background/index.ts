// First: zod must not generate code in any extension context (messaging/zod-jitless.ts).
import '../../messaging/zod-jitless';
import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../../background/main';

export default defineBackground({ type: 'module', main: startBackground });
