// A store of the port written with better-sqlite3's synchronous calls: the same methods, returning
// values instead of promises. sqlite-storage.ts turns each into the port's async store.
export type SyncStore<Store> = {
  [Method in keyof Store]: Store[Method] extends (...args: infer Args) => Promise<infer Result> ? (...args: Args) => Result : never;
};
