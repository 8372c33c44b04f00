// The server's side of audit checkpoints (checkpoints.ts): at start it checks the log against the
// checkpoint file and says so loudly if the log was rolled back; then each interval in which the
// log grew, and at shutdown, it appends a checkpoint. A log found behind the file is logged as an
// error every time (the operator's alerting should watch for `audit_log_rolled_back`).
import type { Logger } from '../log/logger';
import { appendCheckpoint, readCheckpoints, type Checkpoint, type CheckpointVerification } from './checkpoints';

export const CHECKPOINT_INTERVAL_MS = 60_000;

export type CheckpointWriter = { tick(): Promise<void>; stop(): Promise<void> };

export async function startCheckpointWriter(deps: {
  take(): Promise<Checkpoint | null>;
  verify(checkpoints: readonly Checkpoint[]): Promise<CheckpointVerification>;
  file: string;
  log: Logger;
  intervalMs?: number;
}): Promise<CheckpointWriter> {
  const { file, log } = deps;
  const { checkpoints, malformed } = readCheckpoints(file);
  const verdict = await deps.verify(checkpoints);
  if (!verdict.ok || malformed > 0) {
    log.error('audit_log_rolled_back', { reason: verdict.ok ? `${malformed} unreadable line(s) in the checkpoint file` : verdict.reason });
  }
  let lastSeq = checkpoints.reduce((max, checkpoint) => Math.max(max, checkpoint.seq), 0);
  let running: Promise<void> = Promise.resolve();
  const tick = (): Promise<void> => {
    running = running.then(async () => {
      try {
        const checkpoint = await deps.take();
        const seq = checkpoint?.seq ?? 0;
        if (seq < lastSeq) log.error('audit_log_rolled_back', { reason: `the log ends at row ${seq}, a checkpoint saw row ${lastSeq}` });
        else if (checkpoint && seq > lastSeq) {
          appendCheckpoint(file, checkpoint);
          lastSeq = seq;
        }
      } catch (error) {
        log.error('audit_checkpoint_failed', { error: (error as Error).message });
      }
    });
    return running;
  };
  const timer = setInterval(() => void tick(), deps.intervalMs ?? CHECKPOINT_INTERVAL_MS);
  timer.unref();
  await tick();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await tick();
    },
  };
}
