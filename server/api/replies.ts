import type { FastifyReply } from 'fastify';
import { z } from 'zod';

export function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

/** Parses a request body with zod; on failure answers 400 naming the problem and returns null. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, reply: FastifyReply): z.output<S> | null {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  void sendError(reply, 400, 'bad-request', z.prettifyError(parsed.error));
  return null;
}

export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  return ifNoneMatch?.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag) ?? false;
}
