#!/usr/bin/env node
// `keyhold-server`: Node 20 cannot run TypeScript, so register tsx's loader, then run the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
