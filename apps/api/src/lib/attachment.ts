/**
 * A Content-Disposition for a download with a Chinese file name: RFC 6266 / 5987 `filename*` for browsers,
 * and a plain ASCII `filename` for clients that read only that.
 */
export const attachment = (name: string, asciiFallback: string): string =>
  `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
