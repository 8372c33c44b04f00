// Structured logs: one JSON object per line on stdout. Callers pass metadata only (ids, paths,
// statuses, durations); nothing here ever receives a request body, a token, an auth key or an email.
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export type Logger = {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
};

export function createLogger(options: { write?: (line: string) => void; now?: () => number } = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? Date.now;
  const emit = (level: string, event: string, fields: LogFields = {}) => {
    write(JSON.stringify({ time: new Date(now()).toISOString(), level, event, ...fields }) + '\n');
  };
  return {
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
  };
}

/** A logger that drops everything (in-process tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
