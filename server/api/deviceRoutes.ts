import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { deviceReportSchema } from '../../common/fleetApi.js';
import type { DeviceRepository } from '../db/devices.js';
import type { ReleaseRepository } from '../db/releases.js';
import type { ReportRepository } from '../db/reports.js';
import { etagMatches, parseBody, sendError } from './replies.js';

export interface DeviceRouteDependencies {
  devices: DeviceRepository;
  releases: ReleaseRepository;
  reports: ReportRepository;
}

type DeviceRequest = FastifyRequest<{ Params: { id: string } }>;

/** A report carries one state, so anything near this size is not a report. */
const REPORT_BODY_LIMIT = 64 * 1024;

/** Answers 401 unless the bearer token belongs to the device named in the path. */
async function authenticate(devices: DeviceRepository, request: DeviceRequest, reply: FastifyReply) {
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(request.headers.authorization ?? '');
  const device = match ? await devices.authenticate(request.params.id, match[1] as string) : null;
  if (device) return device;
  reply.header('www-authenticate', 'Bearer');
  await sendError(reply, 401, 'unauthorized', 'a valid device token for this device is required');
  return null;
}

/** The calls an enrolled board makes with its token. */
export function deviceRoutes({ devices, releases, reports }: DeviceRouteDependencies): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { id: string } }>('/api/v1/devices/:id/manifest', async (request, reply) => {
      if (!(await authenticate(devices, request, reply))) return reply;
      const release = await releases.latest();
      if (!release) return sendError(reply, 404, 'no-content', 'no content has been published yet');
      reply.header('etag', release.etag).header('cache-control', 'no-cache');
      if (etagMatches(request.headers['if-none-match'], release.etag)) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(release.signedJson);
    });

    app.post<{ Params: { id: string } }>(
      '/api/v1/devices/:id/reports',
      { bodyLimit: REPORT_BODY_LIMIT },
      async (request, reply) => {
        const device = await authenticate(devices, request, reply);
        if (!device) return reply;
        const report = parseBody(deviceReportSchema, request.body, reply);
        if (!report) return reply;
        const stored = await reports.record(device.id, report);
        return reply.code(200).send({ stored });
      },
    );
  };
}
