import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { DeviceState } from '../../common/fleetApi.js';
import { StatusReporter } from './statusReporter.js';

const state = (sentAt: string): DeviceState => ({
  sentAt,
  appliedVersion: 1,
  uptimeSeconds: 5,
  sync: {
    online: true,
    serverUrl: 'http://fleet',
    contentVersion: 'v1',
    lastAttemptAt: sentAt,
    lastSuccessAt: sentAt,
    lastError: null,
  },
});

function recordingFetch(onPost?: (count: number) => void) {
  const bodies: { idempotencyKey: string; state: DeviceState }[] = [];
  let fail = false;
  const fetchImpl = (async (_url: URL, init: RequestInit) => {
    bodies.push(JSON.parse(String(init.body)));
    onPost?.(bodies.length);
    return new Response(fail ? 'down' : '{"stored":true}', { status: fail ? 503 : 200 });
  }) as unknown as typeof fetch;
  return { fetchImpl, bodies, setFailing: (value: boolean) => (fail = value) };
}

const target = { serverUrl: 'http://fleet.test', deviceId: 'd1', token: 't' };
const logger = pino({ level: 'silent' });

describe('StatusReporter', () => {
  it('keeps only the newest unsent state, and retries it with the same idempotency key', async () => {
    const link = recordingFetch();
    const reporter = new StatusReporter({ target, logger, fetch: link.fetchImpl });
    link.setFailing(true);
    reporter.submit(state('2026-11-22T08:00:00Z'));
    expect(await reporter.flush()).toBe(false);
    reporter.submit(state('2026-11-22T08:05:00Z'));
    expect(await reporter.flush()).toBe(false);
    const key = reporter.unsent?.idempotencyKey;
    link.setFailing(false);
    expect(await reporter.flush()).toBe(true);
    expect(link.bodies.map((body) => body.state.sentAt)).toEqual([
      '2026-11-22T08:00:00Z',
      '2026-11-22T08:05:00Z',
      '2026-11-22T08:05:00Z',
    ]);
    expect(link.bodies.at(-1)?.idempotencyKey).toBe(key);
    expect(link.bodies[1]?.idempotencyKey).toBe(key);
    expect(reporter.unsent).toBeNull();
  });

  it('sends a state submitted while a post is in flight without waiting for another round', async () => {
    const created: { reporter?: StatusReporter } = {};
    const link = recordingFetch((count) => {
      if (count === 1) queueMicrotask(() => created.reporter?.submit(state('2026-11-22T08:01:00Z')));
    });
    const reporter = new StatusReporter({ target, logger, fetch: link.fetchImpl });
    created.reporter = reporter;
    reporter.submit(state('2026-11-22T08:00:00Z'));
    await reporter.flush();
    await reporter.idle();
    expect(link.bodies.map((body) => body.state.sentAt)).toEqual(['2026-11-22T08:00:00Z', '2026-11-22T08:01:00Z']);
    expect(reporter.unsent).toBeNull();
  });
});
