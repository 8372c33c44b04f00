// A vault-key rotation under random interleavings (fast-check): edits, additions, deletions, locks
// (and unlocks), worker kills (a new worker over the same database resumes) and sync-style writes,
// each started after a random delay while the rotation runs. Whatever the schedule:
// - no item is lost and no acknowledged edit is lost (every acknowledged save shows, every acknowledged delete stays gone);
// - no item is left under the old key: every row opens with the final key and none with the old one.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UserError } from '../../src/common/user-error';
import { note, PASSWORD, rotationWorker, until, type RotationWorker } from './_rotation-world';

type Op = { kind: 'edit' | 'add' | 'delete' | 'lock' | 'kill' | 'resume'; pick: number; delay: number };

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom<Op['kind']>('edit', 'edit', 'edit', 'add', 'delete', 'lock', 'kill', 'resume'),
  pick: fc.nat(),
  delay: fc.integer({ min: 0, max: 6 }),
});

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lockedOrGone = (error: unknown) => error instanceof UserError && (error.code === 'LOCKED' || error.code === 'NOT_FOUND');

describe('a key rotation under random schedules', () => {
  it('loses no item and no acknowledged edit, and leaves nothing under the old key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 3, maxLength: 12 }), async (ops) => {
        let w: RotationWorker = rotationWorker({ batchSize: 7 });
        await w.vault.create(PASSWORD);
        await w.items.importMany(Array.from({ length: 40 }, (_, i) => note(`note ${i}`)));
        const oldKey = await w.currentKey();
        /** Expected names by id, from acknowledged writes only; null = acknowledged delete. */
        const expected = new Map<string, string | null>();
        for (const row of await w.db.items.toArray()) expected.set(row.id, String((await w.items.get(row.id)).name));
        const ids = [...expected.keys()];
        let serial = 0;
        await w.rotation.start(PASSWORD);
        const unlocked = async () => {
          if ((await w.session.state()) === 'locked') await w.vault.unlock(PASSWORD);
        };
        for (const op of ops) {
          await delay(op.delay);
          const id = ids[op.pick % ids.length]!;
          const mine = w;
          try {
            if (op.kind === 'edit') {
              const name = `edit ${++serial}`;
              const item = await mine.items.get(id);
              await mine.items.save({ ...item, name } as typeof item);
              expected.set(id, name);
            } else if (op.kind === 'add') {
              const item = note(`added ${++serial}`);
              await mine.items.save(item);
              ids.push(item.id);
              expected.set(item.id, String(item.name));
            } else if (op.kind === 'delete') {
              await mine.items.deleteForever([id]);
              expected.set(id, null);
            } else if (op.kind === 'lock') {
              await mine.session.lock();
              await unlocked();
              await w.rotation.resume();
            } else if (op.kind === 'kill') {
              // The worker dies: its session goes (as storage.session would not survive here), a new worker resumes.
              await mine.session.lock();
              w = rotationWorker({ dbName: mine.dbName, batchSize: 7 });
              await unlocked();
              await w.rotation.resume();
            } else {
              await w.rotation.resume();
            }
          } catch (error) {
            if (!lockedOrGone(error)) throw error;
          }
        }
        await unlocked();
        await w.rotation.resume();
        // Finished here, or already by the worker before a kill (then this one has nothing to resume).
        await until(w, (s) => s.phase === 'committed' || s.phase === 'idle');
        expect(await w.db.getMeta('rotation')).toBeUndefined();
        const key = await w.currentKey();
        const live = [...expected].filter(([, name]) => name !== null);
        expect(await w.opening(key)).toEqual({ opened: live.length, rows: live.length });
        expect((await w.opening(oldKey)).opened).toBe(0);
        for (const [id, name] of expected) {
          if (name === null) await expect(w.items.get(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
          else expect((await w.items.get(id)).name).toBe(name);
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
