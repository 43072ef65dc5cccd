import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs with personal fields redacted wherever they appear. Routes
 * log their pattern, not their URL, so link tokens never reach a log. Lines go
 * to standard output unless a destination is given (a test's memory stream).
 */
export function createLogger(
  level: string = process.env['LOG_LEVEL'] ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options = {
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
        // The therapist's record and its keys: never logged, and redacted should one ever be passed by mistake.
        'text',
        '*.text',
        'description',
        '*.description',
        'reflection',
        '*.reflection',
        'secret',
        '*.secret',
        'key',
        '*.key',
        'req.headers.cookie',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
