import { pino } from 'pino';
import { runKioskApp } from './app.js';

// Bundled to CommonJS (dist/electron/main.cjs), where __dirname is the bundle's own directory.
runKioskApp({ bundleDir: __dirname, argv: process.argv, logger: pino({ name: 'newsboard-shell' }) });
