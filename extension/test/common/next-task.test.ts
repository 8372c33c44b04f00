// Task boundaries (common/next-task.ts): backgroundTask lets every waiting task go first — a
// background-priority task where the Prioritized Task Scheduling API exists, else a message to itself.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backgroundTask, nextTask } from '../../src/common/next-task';

describe('backgroundTask', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the scheduler for a background-priority task when there is one', async () => {
    const postTask = vi.fn((callback: () => void, _options: { priority: string }) => Promise.resolve(callback()));
    vi.stubGlobal('scheduler', { postTask });
    await backgroundTask();
    expect(postTask).toHaveBeenCalledTimes(1);
    expect(postTask.mock.calls[0]![1]).toEqual({ priority: 'background' });
  });

  it('without a scheduler, resolves in a new task, after what was already queued', async () => {
    vi.stubGlobal('scheduler', undefined);
    const order: string[] = [];
    const queued = nextTask().then(() => order.push('queued before'));
    await backgroundTask().then(() => order.push('background'));
    await queued;
    expect(order).toEqual(['queued before', 'background']);
  });
});
