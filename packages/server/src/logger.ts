import { pino, type Logger } from 'pino';

/**
 * Structured logs with personal fields redacted wherever they appear. Routes
 * log their pattern, not their URL, so link tokens never reach a log.
 */
export function createLogger(level: string = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'email',
        '*.email',
        'displayName',
        '*.displayName',
        'answers',
        '*.answers',
        'token',
        '*.token',
        'req.headers.cookie',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
  });
}
