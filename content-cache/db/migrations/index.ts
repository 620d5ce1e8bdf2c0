import { migration001 } from './001_content.js';
import { migration002 } from './002_search.js';
import type { Migration } from './types.js';

export const migrations: readonly Migration[] = [migration001, migration002];
export const LATEST_SCHEMA_VERSION = migrations.length;
export type { Migration };
