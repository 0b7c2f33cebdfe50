import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAtriumError } from '../api/errors.js';
import type { Logger } from '../api/services.js';

/** The error body every route answers with, compatible with Backstage's error responses. */
export interface ErrorBody {
  error: { name: string; message: string; code?: string };
  request: { method: string; url: string };
  response: { statusCode: number };
}

export function errorBody(request: FastifyRequest, statusCode: number, name: string, message: string, code?: string): ErrorBody {
  return {
    error: { name, message, ...(code ? { code } : {}) },
    request: { method: request.method, url: request.url },
    response: { statusCode },
  };
}

/** Maps thrown errors to status codes; unknown errors become a 500 whose details stay in the log. */
export function createErrorHandler(logger: Logger) {
  return (err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (isAtriumError(err)) {
      if (err.statusCode === 304) return reply.code(304).send();
      if (err.statusCode >= 500) logger.error(`${request.method} ${request.url} failed`, err);
      return reply.code(err.statusCode).send(errorBody(request, err.statusCode, err.name, err.message, err.code));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as FastifyError).validationContext ?? 'request';
      const details = err.validation
        .map((v) => `${v.instancePath ? v.instancePath.slice(1).replaceAll("/", ".") : where}: ${v.message}`)
        .join('; ');
      return reply.code(400).send(errorBody(request, 400, 'InputError', `Invalid ${where}: ${details}`, 'ATRIUM_ERR_INPUT'));
    }
    const fe = err as FastifyError;
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Fastify's own client errors (bad JSON, body too large, unsupported media type): safe to show.
      return reply.code(fe.statusCode).send(errorBody(request, fe.statusCode, 'InputError', fe.message, fe.code));
    }
    logger.error(`${request.method} ${request.url} failed`, err);
    return reply.code(500).send(errorBody(request, 500, 'Error', 'Internal server error; the server log has the details', 'ATRIUM_ERR_INTERNAL'));
  };
}
