// A file download's response. Its name comes from values a visitor chose (filters, ids), so it is
// built from an allow-list of characters: nothing can end the quoted name, add a parameter, or
// change what the browser saves (RFC 6266, with the same name as `filename*` for good measure).

/** Letters, digits, dot, dash, underscore and plus; anything else becomes "_". */
export function safeFileName(name: string, fallback = 'download'): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9._+-]/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 150);
  return cleaned.length > 0 ? cleaned : fallback;
}

export function contentDisposition(name: string): string {
  const safe = safeFileName(name);
  return `attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}

/** A CSV streamed to the browser as a download, never cached, never sniffed as something else. */
export function csvDownload(body: ReadableStream<Uint8Array>, name: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(name),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
