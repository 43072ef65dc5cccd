import type { DomainError, ErrorCode } from '@rapport/core';
import { messagePage } from '@rapport/web';

/** The one mapping from domain error codes to HTTP status codes. */
export const STATUS: Readonly<Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429>> = {
  'invalid-input': 422,
  'not-found': 404,
  unauthenticated: 401,
  forbidden: 403,
  conflict: 409,
  'link-used': 409,
  'link-expired': 410,
  'too-large': 413,
  'rate-limited': 429,
};

const TITLES: Readonly<Record<ErrorCode, string>> = {
  'invalid-input': 'Please check your answers',
  'not-found': 'Page not found',
  unauthenticated: 'Please sign in',
  forbidden: 'Not allowed',
  conflict: 'That could not be done',
  'link-used': 'Already completed',
  'link-expired': 'This link has expired',
  'too-large': 'Too much data',
  'rate-limited': 'Please wait a moment',
};

/** A full error page for a domain error, with its status. */
export function errorResponse(error: DomainError, viewer: 'client' | 'anonymous' = 'anonymous'): Response {
  return new Response(messagePage({ title: TITLES[error.code], body: error.message, viewer }), {
    status: STATUS[error.code],
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}
