// Task boundaries (shared with the digests of @keyhold/shared, which slice their work the same way).
export { backgroundTask, nextTask } from '@keyhold/shared/common/next-task';
