// The browser's reads of the console's own GET routes (through react-query). A refusal's sentence
// (`error`, or `error.message` for a Linq read) becomes the thrown error, so the page can show it.
export async function fetchJson<T>(url: string, fallbackMessage: string): Promise<T> {
  const response = await fetch(url, { cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body?.error?.message ?? (typeof body?.error === 'string' ? body.error : fallbackMessage));
  return body as T;
}
