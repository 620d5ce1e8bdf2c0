import { migration001 } from './001_content.js';
import { migration002 } from './002_search.js';
import { migration003 } from './003_search_folded.js';
import { migration004 } from './004_content_kinds.js';
import { migration005 } from './005_usage_events.js';
import type { Migration } from './types.js';

export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005];
export const LATEST_SCHEMA_VERSION = migrations.length;
export type { Migration };
