/** The backend's error body: `{ error: { name, message }, request: { method, url }, response: { statusCode } }`. */
export interface ErrorResponseBody {
  error: { name: string; message: string; code?: string; [key: string]: unknown };
  request?: { method: string; url: string };
  response: { statusCode: number };
}

/** A failed API call: HTTP status, the backend's error name and message, and the request it answered. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    /** The backend's error name, e.g. `NotFoundError`; `HttpError` when the body was not an error body. */
    readonly errorName: string,
    readonly request?: { method: string; url: string },
    readonly code?: string,
  ) {
    super(message);
  }

  /** Builds an ApiError from a failed response, using the error body when it has one. */
  static async fromResponse(response: Response, request: { method: string; url: string }): Promise<ApiError> {
    let body: unknown;
    const text = await response.text().catch(() => '');
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return ApiError.fromBody(body, response.status, request, response.statusText || text.slice(0, 200));
  }

  /** Parses an error body; falls back to the status when the body is missing or of another shape. */
  static fromBody(body: unknown, status: number, request: { method: string; url: string }, fallbackMessage?: string): ApiError {
    if (isErrorResponseBody(body)) {
      return new ApiError(body.error.message, body.response.statusCode || status, body.error.name, body.request ?? request,
        typeof body.error.code === 'string' ? body.error.code : undefined);
    }
    const message = fallbackMessage?.trim() || `Request failed with status ${status}`;
    return new ApiError(`${request.method} ${request.url} failed: ${message} (${status})`, status, 'HttpError', request);
  }
}

export function isErrorResponseBody(body: unknown): body is ErrorResponseBody {
  if (!body || typeof body !== 'object') return false;
  const b = body as Record<string, any>;
  return typeof b.error?.name === 'string' && typeof b.error?.message === 'string' && typeof b.response?.statusCode === 'number';
}
