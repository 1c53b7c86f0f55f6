import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logging/logger.js";

describe("logger", () => {
  it("writes JSON and redacts personal fields that slip in", () => {
    const lines: string[] = [];
    const logger = createLogger("info");
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const child = pino(
      {
        ...logger.levels,
        level: "info",
        redact: { paths: ["email", "*.email", "name", "token"], censor: "[redacted]" },
      },
      sink,
    );
    child.info({ email: "someone@example.org", person: { email: "x@example.org" }, token: "abc", count: 3 }, "event");
    const entry = JSON.parse(lines[0]!);
    expect(entry.email).toBe("[redacted]");
    expect(entry.person.email).toBe("[redacted]");
    expect(entry.token).toBe("[redacted]");
    expect(entry.count).toBe(3);
  });
});
