/**
 * The Content-Disposition header of a served file: always an attachment, never shown inline.
 * The name is given twice: as plain ASCII for old clients (anything else replaced by "_"), and
 * exactly as UTF-8 in `filename*` (RFC 6266 and RFC 8187), percent-encoded, so that no quote,
 * semicolon or line break in a name can change the header.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_").trim() || "file";
  // A lone surrogate cannot be encoded: it becomes U+FFFD first.
  const wellFormed = name.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  const encoded = encodeURIComponent(wellFormed).replace(
    /['()*!]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
