/**
 * Test support: a process that indexes a kiosk database's queue in small batches, for the test
 * that kills it part way (indexer.test.ts). Run as: node indexChild.mjs <database file> <batch size>
 */
import Database from 'better-sqlite3';
import { indexPending } from '../indexer.js';

const [file, batchSize] = process.argv.slice(2);
if (!file || !batchSize) throw new Error('usage: indexChild <database file> <batch size>');
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
indexPending(db, { batchSize: Number(batchSize) });
db.close();
