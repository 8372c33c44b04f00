// Argon2id cost of the default unlock parameters (m = 64 MiB, t = 3, p = 4, 32-byte output) on the three
// implementations in the tree: hash-wasm (what the extension runs), @noble/hashes (pure JS), and the
// native `argon2` addon (raw output; what a server could use). One warm-up each, then the median of
// several runs (noble is slow, so fewer). All three must agree on the output, or the suite fails.
import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import argon2 from 'argon2';
import { argon2id as wasmArgon2id } from 'hash-wasm';
import { performance } from 'node:perf_hooks';
import { percentile, report } from '../lib/report.ts';

const M_KIB = 65536;
const T = 3;
const P = 4;
const OUT = 32;
const password = new TextEncoder().encode('correct horse battery staple');
const salt = new Uint8Array(16).map((_, i) => i * 7 + 1);

const implementations = {
  hashwasm: () => wasmArgon2id({ password, salt, iterations: T, parallelism: P, memorySize: M_KIB, hashLength: OUT, outputType: 'binary' }),
  noble: async () => nobleArgon2id(password, salt, { m: M_KIB, t: T, p: P, dkLen: OUT }),
  native: async () =>
    new Uint8Array(
      await argon2.hash(Buffer.from(password), {
        raw: true,
        type: argon2.argon2id,
        memoryCost: M_KIB,
        timeCost: T,
        parallelism: P,
        hashLength: OUT,
        salt: Buffer.from(salt),
      }),
    ),
};

async function timeMedian(run: () => Promise<Uint8Array>, runs: number): Promise<{ ms: number; output: string }> {
  const output = Buffer.from(await run()).toString('hex'); // warm-up (WASM compile, JIT, allocator)
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return { ms: percentile(samples, 50), output };
}

const hashwasm = await timeMedian(implementations.hashwasm, 5);
const noble = await timeMedian(implementations.noble, 3);
const native = await timeMedian(implementations.native, 5);

if (hashwasm.output !== native.output || noble.output !== native.output) {
  throw new Error(`Argon2id outputs differ: hash-wasm ${hashwasm.output}, noble ${noble.output}, native ${native.output}`);
}

report('kdf', {
  hashwasm_ms: Math.round(hashwasm.ms * 10) / 10,
  noble_ms: Math.round(noble.ms * 10) / 10,
  native_ms: Math.round(native.ms * 10) / 10,
  hashwasm_vs_native: Math.round((hashwasm.ms / native.ms) * 100) / 100,
});
