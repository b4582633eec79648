/**
 * Hands a downloaded Blob to the browser as a file (the "save" of an export). The object URL is released a
 * little later: revoking it at once can cancel the download in some browsers.
 */
export function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
