import { InputError } from '@atrium/backend';

/** Page cursors are opaque to clients (Backstage's are too): base64url of the page number. */
export function encodeCursor(page: number): string {
  return Buffer.from(JSON.stringify({ page })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { page?: unknown };
    if (typeof parsed.page === 'number' && Number.isInteger(parsed.page) && parsed.page >= 0 && parsed.page <= 10_000) return parsed.page;
  } catch { /* fall through to the error below */ }
  throw new InputError('pageCursor is not a cursor this API returned: pass nextPageCursor or previousPageCursor back unchanged');
}
