import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { implementationStatus } from "./progress.js";

describe("implementationStatus", () => {
  it.each([
    [[], "adopted"],
    [["planned"], "adopted"],
    [["planned", "planned"], "adopted"],
    [["in_progress"], "in_progress"],
    [["planned", "done"], "in_progress"],
    [["done"], "done"],
    [["done", "abandoned"], "done"],
    [["abandoned"], "abandoned"],
    [["abandoned", "abandoned"], "abandoned"],
    [["abandoned", "planned"], "in_progress"],
  ] as const)("%j → %s", (projects, expected) => {
    expect(implementationStatus(projects)).toBe(expected);
  });

  it("does not depend on the order of the projects", () => {
    const status = fc.constantFrom("planned", "in_progress", "done", "abandoned" as const);
    fc.assert(
      fc.property(fc.array(status, { maxLength: 6 }), (projects) => {
        const reversed = [...projects].reverse();
        return implementationStatus(projects) === implementationStatus(reversed);
      }),
    );
  });
});
