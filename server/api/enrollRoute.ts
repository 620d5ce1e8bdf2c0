import type { FastifyPluginAsync } from 'fastify';
import { enrollRequestSchema, type EnrollRequest, type EnrollResponse } from '../../common/fleetApi.js';
import { ENROLL_REFUSALS, type EnrollOutcome } from '../enrollment/enroll.js';
import { parseBody, sendError } from './replies.js';

export interface EnrollRouteDependencies {
  enroll: (request: EnrollRequest) => Promise<EnrollOutcome>;
  serverPublicKey: string;
  brokerUrl: string | null;
}

/** `POST /api/v1/enroll`: a one-time code buys a device id and token, and the key to pin. */
export function enrollRoute(deps: EnrollRouteDependencies): FastifyPluginAsync {
  return async (app) => {
    app.post('/api/v1/enroll', { bodyLimit: 16 * 1024 }, async (request, reply) => {
      const body = parseBody(enrollRequestSchema, request.body, reply);
      if (!body) return reply;
      const outcome = await deps.enroll(body);
      if (!outcome.ok) {
        request.log.warn({ reason: outcome.reason, hardwareId: body.hardwareId }, 'enrollment refused');
        return sendError(reply, 403, `enroll-code-${outcome.reason}`, ENROLL_REFUSALS[outcome.reason]);
      }
      request.log.info({ deviceId: outcome.deviceId, hardwareId: body.hardwareId }, 'device enrolled');
      const response: EnrollResponse = {
        deviceId: outcome.deviceId,
        token: outcome.token,
        brokerUrl: deps.brokerUrl,
        serverPublicKey: deps.serverPublicKey,
      };
      return reply.code(201).send(response);
    });
  };
}
