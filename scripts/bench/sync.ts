// A sync round with nothing new: requests, body bytes and CPU per round, against a real fleet
// server running in its own process (so its CPU is not counted). Two kiosks side by side in one
// run: the default configuration (which re-hashes a slice of stored blobs each round) and one with
// that scrub off. Run: node scripts/bench/sync.ts [--rounds N] [--items N] [--no-write]
// Writes its section of docs/benchmarks.md (between the bench:sync markers) unless --no-write.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type * as LoadBundleModule from './loadBundle.js';
import type * as Project from './syncProject.js';

const { loadBundle, repoRoot } = (await import(
  new URL('./loadBundle.ts', import.meta.url).href
)) as typeof LoadBundleModule;
const BUDGET_CPU_MS = 20;
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '300' },
    items: { type: 'string', default: '2000' },
    role: { type: 'string' },
    'data-dir': { type: 'string' },
    'no-write': { type: 'boolean' },
  },
});

async function startFleetProcess(dataDir: string): Promise<{ url: string; codes: string[]; stop(): void }> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(import.meta.url), '--role', 'fleet', '--data-dir', dataDir, '--items', String(values.items)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const { url, codes } = await new Promise<{ url: string; codes: string[] }>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.once('data', (line: string) => resolve(JSON.parse(line) as { url: string; codes: string[] }));
    child.once('exit', (code) => reject(new Error(`fleet server exited with ${code}`)));
  });
  return { url, codes, stop: () => child.stdin.end() };
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;

async function main(project: typeof Project): Promise<void> {
  const rounds = Number(values.rounds);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sync-bench-'));
  const fleetDir = path.join(dir, 'fleet');
  mkdirSync(fleetDir);
  const fleet = await startFleetProcess(fleetDir);
  try {
    const kiosks = {
      default: await project.startBenchKiosk(path.join(dir, 'kiosk-default'), fleet.url, fleet.codes[0]!, {}),
      noScrub: await project.startBenchKiosk(path.join(dir, 'kiosk-noscrub'), fleet.url, fleet.codes[1]!, {
        scrubBlobsPerRound: 0,
      }),
    };
    const first = await kiosks.default.round();
    await kiosks.noScrub.round();
    for (let warm = 0; warm < 20; warm += 1) for (const kiosk of Object.values(kiosks)) await kiosk.round();
    const samples = { default: [] as Project.RoundSample[], noScrub: [] as Project.RoundSample[] };
    for (let round = 0; round < rounds; round += 1) {
      samples.default.push(await kiosks.default.round());
      samples.noScrub.push(await kiosks.noScrub.round());
    }
    for (const kiosk of Object.values(kiosks)) kiosk.close();
    report(rounds, first, samples);
  } finally {
    fleet.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(
  rounds: number,
  first: Project.RoundSample,
  samples: { default: Project.RoundSample[]; noScrub: Project.RoundSample[] },
): void {
  const summary = (list: Project.RoundSample[]) => ({
    requests: Math.max(...list.map((s) => s.requests)),
    bytes: Math.max(...list.map((s) => s.bodyBytes)),
    cpuMedian: percentile(
      list.map((s) => s.cpuMs),
      0.5,
    ),
    cpuP95: percentile(
      list.map((s) => s.cpuMs),
      0.95,
    ),
    wallMedian: percentile(
      list.map((s) => s.wallMs),
      0.5,
    ),
    reportRequests: Math.max(...list.map((s) => s.reportRequests)),
    reportBytes: Math.max(...list.map((s) => s.reportBodyBytes)),
    reportCpuP95: percentile(
      list.map((s) => s.reportCpuMs),
      0.95,
    ),
  });
  const ours = summary(samples.default);
  const bare = summary(samples.noScrub);
  const met = ours.requests === 1 && ours.bytes === 0 && ours.cpuP95 <= BUDGET_CPU_MS;
  const ms = (value: number) => value.toFixed(2);
  const command = 'node scripts/bench/sync.ts';
  const section = `<!-- bench:sync -->
## Sync round with nothing new (scripts/bench/sync.ts)

\`${command}\` — a kiosk holding ${values.items} published articles (${first.requests - 1} blobs fetched by the first
round, ${(first.bodyBytes / 1e6).toFixed(2)} MB), enrolled with a real fleet server (\`startFleetServer\`, in its own
process), asks for its signed manifest again and again; nothing changed, so each round is a conditional GET
with the device token, answered 304 (the signature is checked only when a body arrives).
${rounds} rounds per kiosk after 20 warm-up rounds, the two kiosks interleaved round by round. CPU is
\`process.cpuUsage()\` (user + system) around \`FleetSync.syncOnce()\`; body bytes are the daemon's own
count of bytes received (the same counter the daily budget uses); requests are counted at \`fetch\`.

| kiosk | requests per round (max) | body bytes per round (max) | CPU ms median | CPU ms p95 | wall ms median |
| --- | ---: | ---: | ---: | ---: | ---: |
| default (scrubs ≤ 2 MiB / 32 blobs per round) | ${ours.requests} | ${ours.bytes} | ${ms(ours.cpuMedian)} | ${ms(ours.cpuP95)} | ${ms(ours.wallMedian)} |
| scrub off | ${bare.requests} | ${bare.bytes} | ${ms(bare.cpuMedian)} | ${ms(bare.cpuP95)} | ${ms(bare.wallMedian)} |
| **budget: 1 request, 0 body bytes, ≤ ${BUDGET_CPU_MS} ms CPU** | | | | **${met ? 'met' : 'NOT met'}** (default, p95) | |

The scrub re-hashes a rotating slice of stored blobs each round so on-disk damage is found and
fetched again; the second row shows what the round costs without it.

After each round the kiosk posts its sync status to the fleet (\`StatusReporter\`, not awaited by
sync, so not part of the round above): ${ours.reportRequests} POST of at most ${ours.reportBytes} request body bytes,
${ms(ours.reportCpuP95)} ms CPU p95 on the kiosk.

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}.
<!-- /bench:sync -->`;
  process.stdout.write(`${section}\n`);
  if (!values['no-write']) {
    const docs = path.join(repoRoot, 'docs', 'benchmarks.md');
    const current = existsSync(docs) ? readFileSync(docs, 'utf8') : '# Benchmarks\n';
    const pattern = /<!-- bench:sync -->[\s\S]*?<!-- \/bench:sync -->/;
    writeFileSync(
      docs,
      pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`,
    );
  }
  if (!met) process.exitCode = 1;
}

const project = await loadBundle<typeof Project>('scripts/bench/syncProject.ts');
if (values.role === 'fleet') {
  const { server, codes } = await project.startBenchFleet(values['data-dir'] as string, Number(values.items), 2);
  process.stdout.write(`${JSON.stringify({ url: server.url, codes })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
} else {
  await main(project);
}
