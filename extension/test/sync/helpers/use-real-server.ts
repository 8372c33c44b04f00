// A real sync server for a test file's lifetime (vitest hooks), kept apart from real-server.ts, which
// the e2e fixtures and benchmarks import outside vitest.
import { afterAll, beforeAll } from 'vitest';
import { startRealServer, type RealServer } from './real-server';

/**
 * One real server for a test file: started before its tests (handed to `take`), disposed of after.
 * Use as `let server!: RealServer; useRealServer((started) => (server = started));`.
 */
export function useRealServer(take: (server: RealServer) => void): void {
  let server: RealServer | undefined;
  beforeAll(async () => {
    server = await startRealServer();
    take(server);
  }, 60_000);
  afterAll(async () => {
    await server?.dispose();
  });
}
