import pino from "pino";

/**
 * JSON logs without personal data: never log e-mails, names, tokens, bodies or ballots.
 * The redaction below is a safety net for fields that slip in by mistake.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        "email",
        "*.email",
        "name",
        "*.name",
        "password",
        "*.password",
        "token",
        "*.token",
        "req.headers.cookie",
        "req.headers.authorization",
      ],
      censor: "[redacted]",
    },
  });
}
export type Logger = ReturnType<typeof createLogger>;
