import { describe, expect, it } from "vitest";
import { ACCEPTED_FILES, checkFileName, contentMatches, isPlainText, MAX_UPLOAD_BYTES } from "./upload-rules.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("checkFileName", () => {
  it("keeps ordinary names, accents included", () => {
    expect(checkFileName("Pistes de travail.pdf")).toEqual({
      ok: true,
      name: "Pistes de travail.pdf",
      extension: "pdf",
    });
    expect(checkFileName("Écarts 2021.ODT")).toEqual({ ok: true, name: "Écarts 2021.ODT", extension: "odt" });
    expect(checkFileName("note.v2.txt")).toMatchObject({ ok: true, extension: "txt" });
  });

  it("keeps only the last segment of a path", () => {
    expect(checkFileName("C:\\Users\\ana\\notes.txt")).toMatchObject({ ok: true, name: "notes.txt" });
    expect(checkFileName("../../etc/passwd.txt")).toMatchObject({ ok: true, name: "passwd.txt" });
    expect(checkFileName("../../etc/passwd")).toEqual({ ok: false, problem: "unsupportedType" });
  });

  it("strips markup characters, controls and invisible direction marks", () => {
    expect(checkFileName("<script>.pdf")).toMatchObject({ ok: true, name: "script.pdf" });
    expect(checkFileName("a\u0000b\u001f\u007f\u0085.pdf")).toMatchObject({ ok: true, name: "ab.pdf" });
    // "x" + RIGHT-TO-LEFT OVERRIDE + "fdp.exe" looks like "xexe.pdf": refused as .exe once the mark is gone.
    expect(checkFileName("x\u202efdp.exe")).toEqual({ ok: false, problem: "unsupportedType" });
    expect(checkFileName("x\u202etxt.pdf")).toMatchObject({ ok: true, name: "xtxt.pdf" });
    expect(checkFileName('a"|?*:b.txt')).toMatchObject({ ok: true, name: "ab.txt" });
  });

  it("refuses names that are empty, hidden or only dots, or too long", () => {
    for (const raw of ["", "   ", ".", "..", "...", ".pdf", ".htaccess", "dir/", "<>"]) {
      expect(checkFileName(raw), JSON.stringify(raw)).toEqual({ ok: false, problem: "badName" });
    }
    expect(checkFileName(`${"a".repeat(117)}.pdf`)).toEqual({ ok: false, problem: "badName" });
    expect(checkFileName(`${"a".repeat(116)}.pdf`)).toMatchObject({ ok: true });
  });

  it("refuses active content and unknown types", () => {
    for (const raw of ["page.html", "page.htm", "image.svg", "app.js", "setup.exe", "x.pdf.html", "run.sh", "noext"]) {
      expect(checkFileName(raw), raw).toEqual({ ok: false, problem: "unsupportedType" });
    }
  });

  it("accepts a second extension when the last one is accepted", () => {
    expect(checkFileName("x.html.pdf")).toMatchObject({ ok: true, extension: "pdf" });
  });
});

describe("contentMatches", () => {
  it("wants the sniffer to agree for binary types", () => {
    expect(contentMatches("pdf", bytes("%PDF-1.4"), "pdf")).toBe(true);
    expect(contentMatches("pdf", bytes("\u0089PNG"), "png")).toBe(false);
    expect(contentMatches("pdf", bytes("<script>alert(1)</script>"), undefined)).toBe(false);
    expect(contentMatches("jpeg", bytes("x"), "jpg")).toBe(true);
  });

  it("wants plain UTF-8 text for text types, and nothing the sniffer recognises", () => {
    expect(contentMatches("txt", bytes("Bonjour à tous"), undefined)).toBe(true);
    expect(contentMatches("csv", bytes("a;b\n1;2"), undefined)).toBe(true);
    expect(contentMatches("txt", new Uint8Array([0x61, 0x00, 0x62]), undefined)).toBe(false);
    expect(contentMatches("txt", new Uint8Array([0xff, 0xfe, 0xfd]), undefined)).toBe(false);
    expect(contentMatches("txt", bytes("%PDF-1.4"), "pdf")).toBe(false);
  });

  it("refuses unknown extensions", () => {
    expect(contentMatches("html", bytes("<p>x</p>"), undefined)).toBe(false);
  });
});

describe("isPlainText", () => {
  it("accepts UTF-8 without NUL bytes", () => {
    expect(isPlainText(bytes("Ça va ? 👍"))).toBe(true);
    expect(isPlainText(new Uint8Array([0xc3]))).toBe(false);
    expect(isPlainText(new Uint8Array([0x41, 0x00]))).toBe(false);
  });
});

describe("the accepted files", () => {
  it("never include active content, and the limit is 20 MB", () => {
    for (const active of ["html", "htm", "xhtml", "svg", "js", "mjs", "xml", "exe", "sh", "bat", "php"]) {
      expect(ACCEPTED_FILES[active], active).toBeUndefined();
    }
    expect(MAX_UPLOAD_BYTES).toBe(20 * 1024 * 1024);
  });
});
