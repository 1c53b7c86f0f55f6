import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "./disposition.js";

describe("attachmentDisposition", () => {
  it("always says attachment, with the exact name in UTF-8", () => {
    expect(attachmentDisposition("Pistes de travail.pdf")).toBe(
      `attachment; filename="Pistes de travail.pdf"; filename*=UTF-8''Pistes%20de%20travail.pdf`,
    );
  });

  it("encodes accents, quotes and every character that could end or split the header", () => {
    const header = attachmentDisposition(`Écarts "2021"; x\r\nSet-Cookie: a=b'(1)*!.txt`);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    const encoded = header.split("filename*=UTF-8''")[1]!;
    expect(decodeURIComponent(encoded)).toBe(`Écarts "2021"; x\r\nSet-Cookie: a=b'(1)*!.txt`);
  });

  it("survives a name with a lone surrogate", () => {
    expect(() => attachmentDisposition("a\ud800b.txt")).not.toThrow();
  });
});
