/** Saves bytes the core sent (base64) as a file, through a blob link: a download in the browser host and the desktop app alike. */
export function downloadBase64(base64: string, fileName: string, mimeType: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Long enough for the browser to have read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
