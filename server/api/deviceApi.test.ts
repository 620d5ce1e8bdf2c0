import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceReport, EnrollResponse } from '../../common/fleetApi.js';
import { boardPublicKey, fleetAppFixture, type FleetAppFixture } from './testing/fleetAppFixture.js';

let f: FleetAppFixture;

beforeEach(async () => {
  f = await fleetAppFixture();
});

afterEach(() => f.close());

function enrollWith(code: string, extra: Record<string, unknown> = {}) {
  return f.app.inject({
    method: 'POST',
    url: '/api/v1/enroll',
    payload: { code, hardwareId: 'machine-1', publicKey: boardPublicKey(), ...extra },
  });
}

describe('POST /api/v1/enroll', () => {
  it('turns a one-time code into a device id, a token and the server key to pin', async () => {
    const { code } = await f.codes.issue({ ttlMs: 60_000, deviceName: '东门' });
    const response = await enrollWith(code.toLowerCase());
    expect(response.statusCode).toBe(201);
    const body: EnrollResponse = response.json();
    expect(body).toMatchObject({ serverPublicKey: f.key.publicKey, brokerUrl: null });
    const [device] = await f.devices.list();
    expect(device).toMatchObject({ id: body.deviceId, name: '东门', hardwareId: 'machine-1', state: null });
    expect(await f.devices.authenticate(body.deviceId, body.token)).toEqual({ id: body.deviceId });
  });

  it('refuses a wrong, a used and an expired code with 403 and a reason an operator can act on', async () => {
    const { code } = await f.codes.issue({ ttlMs: 60_000 });
    const wrong = `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;
    const expired = await f.codes.issue({ ttlMs: 1_000, now: new Date(Date.now() - 10_000) });
    expect((await enrollWith(code)).statusCode).toBe(201);
    const cases: [string, string][] = [
      [wrong, 'the enrollment code is not valid'],
      ['ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'the enrollment code is not valid'],
      [code, 'the enrollment code has already been used'],
      [expired.code, 'the enrollment code has expired'],
    ];
    for (const [attempt, message] of cases) {
      const response = await enrollWith(attempt);
      expect(response.statusCode, attempt).toBe(403);
      expect(response.json().error.message).toBe(message);
    }
    expect(await f.devices.list()).toHaveLength(1);
  });

  it('refuses a name or hardware id carrying terminal control sequences, and enrolls nothing', async () => {
    const { code } = await f.codes.issue({ ttlMs: 60_000 });
    const hostile = [
      { name: '东门\u001b]52;c;cm0gLXJmIH4=\u0007' },
      { hardwareId: 'machine-1\nd0000000-0000-0000-0000-000000000000  forged board' },
      { name: 'csi\u009b2J' },
      { name: '东'.repeat(201) },
    ];
    for (const extra of hostile) {
      const response = await enrollWith(code, extra);
      expect(response.statusCode, JSON.stringify(extra)).toBe(400);
      expect(response.json().error.message).toMatch(/name|hardwareId/);
    }
    expect(await f.devices.list()).toEqual([]);
    expect((await enrollWith(code, { name: '东门 阅报栏' })).statusCode).toBe(201);
  });

  it('refuses a malformed request with 400 naming the field', async () => {
    const { code } = await f.codes.issue({ ttlMs: 60_000 });
    const response = await enrollWith(code, { publicKey: 'not-a-key' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('publicKey');
    expect((await enrollWith(code)).statusCode).toBe(201);
  });
});

describe('POST /api/v1/devices/:id/reports', () => {
  const state = (sentAt: string, lastError: string | null): DeviceReport['state'] => ({
    sentAt,
    appliedVersion: 3,
    uptimeSeconds: 120,
    sync: {
      online: lastError === null,
      serverUrl: 'http://fleet',
      contentVersion: 'v3',
      lastAttemptAt: sentAt,
      lastSuccessAt: null,
      lastError,
    },
  });

  function post(device: EnrollResponse, payload: unknown, token = device.token) {
    return f.app.inject({
      method: 'POST',
      url: `/api/v1/devices/${device.deviceId}/reports`,
      headers: { authorization: `Bearer ${token}` },
      payload: payload as object,
    });
  }

  it('stores a report once however often it is retried, and shows it as the device state', async () => {
    const device = await f.enroll();
    const report = { idempotencyKey: 'report-0000000001', state: state('2026-11-22T08:00:00+08:00', null) };
    for (const expected of [true, false, false]) {
      const response = await post(device, report);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ stored: expected });
    }
    const stored = await f.db.selectFrom('reports').select('idempotency_key').execute();
    expect(stored).toEqual([{ idempotency_key: 'report-0000000001' }]);
    const [listed] = await f.devices.list();
    expect(listed?.state).toEqual(report.state);
  });

  it('keeps the newest state when an older report arrives late', async () => {
    const device = await f.enroll();
    await post(device, { idempotencyKey: 'report-newer-000001', state: state('2020-11-22T01:00:00Z', 'late one') });
    await post(device, { idempotencyKey: 'report-older-000001', state: state('2020-11-22T08:30:00+08:00', null) });
    const [listed] = await f.devices.list();
    expect(listed?.state?.sync.lastError).toBe('late one');
    expect(await f.db.selectFrom('reports').select('id').execute()).toHaveLength(2);
  });

  it('stores a long error message cut to a bounded length', async () => {
    const device = await f.enroll();
    const long = { idempotencyKey: 'report-long-000001', state: state('2020-11-22T08:00:00Z', '错𠀀'.repeat(5_000)) };
    expect((await post(device, long)).json()).toEqual({ stored: true });
    const [listed] = await f.devices.list();
    expect(listed?.state?.sync.lastError).toBe('错𠀀'.repeat(1000));
  });

  it("refuses another device's token, malformed reports and oversized bodies", async () => {
    const a = await f.enroll();
    const b = await f.enroll();
    const report = { idempotencyKey: 'report-0000000001', state: state('2026-11-22T08:00:00Z', null) };
    expect((await post(a, report, b.token)).statusCode).toBe(401);
    expect((await post(a, { ...report, idempotencyKey: 'short' })).statusCode).toBe(400);
    expect((await post(a, { ...report, state: { ...report.state, uptimeSeconds: -1 } })).statusCode).toBe(400);
    const huge = {
      ...report,
      state: { ...report.state, sync: { ...report.state.sync, lastError: 'x'.repeat(100_000) } },
    };
    expect((await post(a, huge)).statusCode).toBe(413);
    expect(await f.db.selectFrom('reports').select('id').execute()).toEqual([]);
  });
});
