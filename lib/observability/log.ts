import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { LOG_LEVELS, type LogLevel } from '@/lib/observability/levels';
import { currentRequestId } from '@/lib/observability/request-context';
import { maskText, scrubFields } from '@/lib/observability/scrub';

// The console's one logger: JSON lines in production (one object per line, for a log shipper),
// readable lines in development. Every line's fields and message are scrubbed (scrub.ts) and carry
// the request id of the request they belong to, when there is one.

export type LogFormat = 'json' | 'pretty';

/** LOG_LEVEL and LOG_FORMAT, read here rather than through the settings: a bad setting must itself be logged. */
type LogEnv = Partial<Record<'LOG_LEVEL' | 'LOG_FORMAT' | 'NODE_ENV', string>>;

function logOptions(env: LogEnv): { level: LogLevel; format: LogFormat } {
  const level = (LOG_LEVELS as readonly string[]).includes(env.LOG_LEVEL ?? '') ? (env.LOG_LEVEL as LogLevel) : 'info';
  const format = env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty' ? env.LOG_FORMAT : env.NODE_ENV === 'production' ? 'json' : 'pretty';
  return { level, format };
}

/** How this process writes its lines: `json` in production unless LOG_FORMAT says otherwise. */
export function logFormat(env: LogEnv = process.env): LogFormat {
  return logOptions(env).format;
}

export function createLogger(env: LogEnv = process.env, destination?: pino.DestinationStream): Logger {
  const { level, format } = logOptions(env);
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'linq-console' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (fields) => {
        const requestId = currentRequestId();
        return scrubFields(requestId && !fields.requestId ? { ...fields, requestId } : fields) as Record<string, unknown>;
      },
    },
    hooks: {
      // The message text too: an error's message may quote what Linq or a client sent.
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? maskText(arg) : arg)) as Parameters<typeof method>);
      },
    },
    // pino's own error serializer would run after the scrubbing, which already turns errors into type, message and stack.
    serializers: { err: (value: unknown) => value },
  };
  const stream =
    destination ??
    (format === 'pretty'
      ? pretty({ sync: true, singleLine: true, colorize: Boolean(process.stdout.isTTY), ignore: 'pid,hostname,service' })
      : pino.destination({ sync: true }));
  return pino(options, stream);
}

const globalForLog = globalThis as unknown as { consoleLogger?: Logger };

/** The process's logger; `log.child({ component: 'jobs' })` for a part of the console. */
export function getLogger(): Logger {
  globalForLog.consoleLogger ??= createLogger();
  return globalForLog.consoleLogger;
}

const components = new Map<string, Logger>();

/** A part of the console's logger, named by `component` on each of its lines. */
export function logger(component: string): Logger {
  let child = components.get(component);
  if (!child) components.set(component, (child = getLogger().child({ component })));
  return child;
}
