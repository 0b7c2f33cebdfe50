/**
 * Errors with stable codes. Route handlers throw these; the HTTP layer maps them to status codes and
 * the `{ error, request, response }` body. Anything else becomes a 500 whose message is not leaked.
 */
export type ErrorCode =
  | 'ATRIUM_ERR_INPUT'
  | 'ATRIUM_ERR_AUTHENTICATION'
  | 'ATRIUM_ERR_NOT_ALLOWED'
  | 'ATRIUM_ERR_NOT_FOUND'
  | 'ATRIUM_ERR_CONFLICT'
  | 'ATRIUM_ERR_NOT_MODIFIED'
  | 'ATRIUM_ERR_SERVICE_UNAVAILABLE'
  | 'ATRIUM_ERR_CONFIG'
  | 'ATRIUM_ERR_STARTUP';

export abstract class AtriumError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly statusCode: number;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request was malformed or names something invalid (400). */
export class InputError extends AtriumError {
  readonly code = 'ATRIUM_ERR_INPUT';
  readonly statusCode = 400;
}
/** The caller did not prove who they are (401). */
export class AuthenticationError extends AtriumError {
  readonly code = 'ATRIUM_ERR_AUTHENTICATION';
  readonly statusCode = 401;
}
/** The caller is known but may not do this (403). Also used for URLs outside allowed hosts and roots. */
export class NotAllowedError extends AtriumError {
  readonly code = 'ATRIUM_ERR_NOT_ALLOWED';
  readonly statusCode = 403;
}
export class NotFoundError extends AtriumError {
  readonly code = 'ATRIUM_ERR_NOT_FOUND';
  readonly statusCode = 404;
}
export class ConflictError extends AtriumError {
  readonly code = 'ATRIUM_ERR_CONFLICT';
  readonly statusCode = 409;
}
/** A conditional read found nothing new (the caller's etag still matches). */
export class NotModifiedError extends AtriumError {
  readonly code = 'ATRIUM_ERR_NOT_MODIFIED';
  readonly statusCode = 304;
}
export class ServiceUnavailableError extends AtriumError {
  readonly code = 'ATRIUM_ERR_SERVICE_UNAVAILABLE';
  readonly statusCode = 503;
}
/** Configuration is missing or invalid; the message names the key path (and the file when known). */
export class ConfigError extends AtriumError {
  readonly code = 'ATRIUM_ERR_CONFIG';
  readonly statusCode = 500;
}
/** The backend cannot start: missing service, dependency cycle, failing plugin init. Names the plugin. */
export class StartupError extends AtriumError {
  readonly code = 'ATRIUM_ERR_STARTUP';
  readonly statusCode = 500;
}

export function isAtriumError(e: unknown): e is AtriumError {
  return e instanceof AtriumError;
}
