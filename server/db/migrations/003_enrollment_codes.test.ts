import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseBefore, type MigrationFixture } from '../testing/migrationFixture.js';
import { up } from './003_enrollment_codes.js';

let fixture: MigrationFixture;

beforeEach(async () => {
  fixture = await databaseBefore('003_enrollment_codes');
  await up(fixture.db as never);
});
afterEach(() => fixture.close());

const code = (lookup: string) => ({
  lookup,
  code_hash: 'a'.repeat(64),
  device_name: null,
  created_at: '2026-11-22T00:00:00.000Z',
  expires_at: '2026-11-23T00:00:00.000Z',
});

describe('fleet migration 003 (enrollment codes)', () => {
  it('stores a code by its lookup group and hash, unused until redeemed', async () => {
    const { db } = fixture;
    await db.insertInto('enrollment_codes').values(code('ABCD')).execute();
    const row = await db.selectFrom('enrollment_codes').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ lookup: 'ABCD', used_at: null, used_by: null });
  });

  it('refuses two codes with the same lookup group, so a lookup finds at most one code', async () => {
    const { db } = fixture;
    await db.insertInto('enrollment_codes').values(code('ABCD')).execute();
    await expect(db.insertInto('enrollment_codes').values(code('ABCD')).execute()).rejects.toThrow(/UNIQUE/);
  });
});
