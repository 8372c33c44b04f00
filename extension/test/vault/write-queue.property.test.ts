// The item write queue (src/vault/write-queue.ts) under random interleavings: writes start in queue
// order; a write starts only once every write before it has settled, except a pipelined one right
// behind pipelined ones, which starts once each of those has handed off (or settled); what a write
// takes as "before" settles once every write queued before it has.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createWriteQueue } from '../../src/vault/write-queue';

type Work = { pipelined: boolean; handsOff: boolean; fails: boolean };
const workArb = fc.record({ pipelined: fc.boolean(), handsOff: fc.boolean(), fails: fc.boolean() });

describe('the write queue', () => {
  it('starts writes in order, each after what it must wait for, and runs every one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(workArb, { minLength: 1, maxLength: 10 }), async (s, works) => {
        const queue = createWriteQueue();
        const log: string[] = [];
        const at = (event: string) => log.indexOf(event);
        const befores: Promise<unknown>[] = [];
        const runs = works.map((work: Work, i) =>
          queue.exclusive(
            async () => {
              log.push(`start ${i}`);
              const handOff = queue.takeHandOff();
              expect(handOff === null).toBe(!work.pipelined);
              befores.push(queue.takeBefore().then(() => log.push(`before ${i}`)));
              if (handOff && work.handsOff) {
                await s.schedule(Promise.resolve(), `hand-off ${i}`);
                log.push(`handoff ${i}`);
                handOff();
              }
              await s.schedule(Promise.resolve(), `end ${i}`);
              log.push(`end ${i}`);
              if (work.fails) throw new Error(`write ${i} fails`);
              return i;
            },
            { pipelined: work.pipelined },
          ),
        );
        const results = await s.waitFor(Promise.allSettled(runs));
        await Promise.all(befores);
        expect(results.map((r) => r.status)).toEqual(works.map((w) => (w.fails ? 'rejected' : 'fulfilled')));

        const starts = works.map((_, i) => at(`start ${i}`));
        expect(starts.every((start, i) => start >= 0 && (i === 0 || start > starts[i - 1]!))).toBe(true);
        works.forEach((work, i) => {
          // What write i waits for: the writes right before it that are pipelined, as it is, to have
          // handed off or settled; every write before those to have settled.
          let j = i - 1;
          if (work.pipelined) {
            for (; j >= 0 && works[j]!.pipelined; j--) {
              const handed = Math.min(...[at(`handoff ${j}`), at(`end ${j}`)].filter((n) => n >= 0));
              expect(handed).toBeLessThan(starts[i]!);
            }
          }
          for (; j >= 0; j--) expect(at(`end ${j}`)).toBeLessThan(starts[i]!);
          // Its "before": after every write before it has ended (a failure too).
          for (let k = 0; k < i; k++) expect(at(`end ${k}`)).toBeLessThan(at(`before ${i}`));
        });
      }),
      { numRuns: 200 },
    );
  });
});
