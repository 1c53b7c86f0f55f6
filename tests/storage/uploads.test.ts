import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES } from "../../src/domain/files/upload-rules.js";
import { checkUpload } from "../../src/storage/uploads.js";
import { file, PDF, PNG } from "../web/documents-helpers.js";

describe("checkUpload", () => {
  it("accepts a PDF, a PNG and a text file, with the media type to serve them with", async () => {
    const pdf = await checkUpload(file(PDF, "Compte rendu.pdf"));
    expect(pdf).toMatchObject({
      ok: true,
      upload: { name: "Compte rendu.pdf", mediaType: "application/pdf", text: null },
    });
    const png = await checkUpload(file(PNG, "croquis.PNG"));
    expect(png).toMatchObject({ ok: true, upload: { name: "croquis.PNG", mediaType: "image/png" } });
    const txt = await checkUpload(file("Pistes\n\n1. Publier.", "pistes.txt"));
    expect(txt).toMatchObject({
      ok: true,
      upload: { mediaType: "text/plain; charset=utf-8", text: "Pistes\n\n1. Publier." },
    });
    if (txt.ok) expect(txt.upload.bytes).toEqual(new TextEncoder().encode("Pistes\n\n1. Publier."));
  });

  it("refuses an empty file and a file over 20 MB", async () => {
    expect(await checkUpload(file(new Uint8Array(), "vide.pdf"))).toEqual({ ok: false, problem: "empty" });
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(PDF);
    expect(await checkUpload(file(big, "gros.pdf"))).toEqual({ ok: false, problem: "tooLarge" });
    const exact = new Uint8Array(MAX_UPLOAD_BYTES);
    exact.set(PDF);
    expect(await checkUpload(file(exact, "juste.pdf"))).toMatchObject({ ok: true });
  });

  it("refuses content that does not match the extension", async () => {
    expect(await checkUpload(file(PNG, "image.pdf"))).toEqual({ ok: false, problem: "contentMismatch" });
    expect(await checkUpload(file("<script>alert(1)</script>", "script.pdf"))).toEqual({
      ok: false,
      problem: "contentMismatch",
    });
    expect(await checkUpload(file(PDF, "rapport.txt"))).toEqual({ ok: false, problem: "contentMismatch" });
    expect(await checkUpload(file("MZ\u0090\u0000\u0003\u0000\u0000\u0000", "setup.txt"))).toEqual({
      ok: false,
      problem: "contentMismatch",
    });
    expect(await checkUpload(file(new Uint8Array([0xff, 0xfe, 0x00, 0x41]), "notes.txt"))).toEqual({
      ok: false,
      problem: "contentMismatch",
    });
  });

  it("refuses active content and unknown types whatever their content", async () => {
    for (const name of ["page.html", "image.svg", "app.js", "setup.exe", "x.pdf.html"]) {
      expect(await checkUpload(file("<p>x</p>", name)), name).toEqual({ ok: false, problem: "unsupportedType" });
    }
  });

  it("turns path-like and script-like names into inert names, or refuses them", async () => {
    expect(await checkUpload(file("x", "../../etc/passwd"))).toEqual({ ok: false, problem: "unsupportedType" });
    expect(await checkUpload(file("x", ".."))).toEqual({ ok: false, problem: "badName" });
    const script = await checkUpload(file(PDF, "<script>alert(1)<\\script>.pdf"));
    expect(script.ok && script.upload.name).toBe("script.pdf");
    const traversal = await checkUpload(file("texte", "../../etc/passwd.txt"));
    expect(traversal.ok && traversal.upload.name).toBe("passwd.txt");
  });
});
