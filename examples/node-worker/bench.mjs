// The HTTP worker protocol's cost: no-op jobs/s of this Node worker (through the API) vs a Java worker node (straight
// to Redis), on the same Redis and API in the same run, alternating. Needs the packaged apps and redis-server:
//
//   ./mvnw -B -q install -DskipTests && node examples/node-worker/bench.mjs [--jobs 5000] [--rounds 2] [--concurrency 32]
//
// A warm-up round (up to 500 jobs each, shown as "warm") comes first. Each round submits N no-op jobs over REST while no worker runs, then starts one worker and waits until all ended.
// jobs/s = N / (last finishedAt - first startedAt), read from the jobs themselves, so neither the JVM's start nor the
// submits count. Both workers decide with the same pick policy on the machine's CPU (the Java node reads it itself).
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CostqWorker } from './worker.mjs';

const { values: opt } = parseArgs({ options: {
  jobs: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '2' }, concurrency: { type: 'string', default: '32' } } });
const N = Number(opt.jobs), ROUNDS = Number(opt.rounds), C = Number(opt.concurrency);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const children = [];
const quiet = { log() {}, warn() {}, error: console.error };

function freePort() {
  return new Promise(resolve => { const s = net.createServer().listen(0, () => { const p = s.address().port; s.close(() => resolve(p)); }); });
}
function start(cmd, args, env) {
  const p = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(p);
  return p;
}
const sleep = ms => new Promise(r => setTimeout(r, ms));
async function ready(url) {
  for (let i = 0; i < 600; i++) {
    try { if ((await fetch(url)).status === 200) return; } catch { /* not listening yet */ }
    await sleep(100);
  }
  throw new Error(`${url} not ready within 60 s`);
}
async function pool(items, width, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => { while (next < items.length) { const i = next++; out[i] = await fn(items[i], i); } }));
  return out;
}

const redisPort = await freePort(), apiPort = await freePort();
const prefix = `bench${Date.now().toString(36)}`;
const redisUrl = `redis://127.0.0.1:${redisPort}`;
const api = `http://127.0.0.1:${apiPort}`;
const appEnv = { COSTQ_REDIS_URL: redisUrl, COSTQ_KEY_PREFIX: prefix, QUARKUS_HTTP_HOST: '127.0.0.1' };
process.on('exit', () => children.forEach(c => c.kill('SIGKILL')));
start('redis-server', ['--port', String(redisPort), '--save', '', '--appendonly', 'no']);
start('java', ['-jar', path.join(root, 'scheduler-api/target/quarkus-app/quarkus-run.jar')],
      { ...appEnv, QUARKUS_HTTP_PORT: String(apiPort), COSTQ_AUTH_ENABLED: 'false' });
await ready(`${api}/q/health/ready`);

async function submitAll(n) {
  return pool(Array.from({ length: n }, (_, i) => i), 64, async i => {
    const r = await fetch(`${api}/v1/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' },
                                             body: JSON.stringify({ user: `bench-${i % 10}`, type: 'noop' }) });
    if (r.status !== 202) throw new Error(`submit answered ${r.status}`);
    return (await r.json()).id;
  });
}
async function jobs(ids) {
  return pool(ids, 32, async id => (await fetch(`${api}/v1/jobs/${id}`)).json());
}
async function allEnded(ids) {
  for (;;) {
    const queues = await (await fetch(`${api}/v1/queues`)).json();
    if (queues.every(q => q.depth === 0)) {
      const open = (await jobs(ids)).filter(j => !['SUCCEEDED', 'FAILED', 'DEAD', 'CANCELLED', 'EXPIRED'].includes(j.status));
      if (open.length === 0) return;
    }
    await sleep(250);
  }
}
async function runNode(ids) {
  const worker = new CostqWorker({ url: api, node: 'bench-node', handlers: { noop: async () => ({}) }, concurrency: C, cpu: 'system', log: process.env.BENCH_VERBOSE ? console : quiet });
  const running = worker.run();
  while (worker.stats.completed + worker.stats.failed < ids.length) await sleep(50);
  worker.stop();
  await running;
}
async function runJava(ids) {
  const port = await freePort();
  const java = start('java', ['-jar', path.join(root, 'worker-node/target/quarkus-app/quarkus-run.jar')],
                     { ...appEnv, QUARKUS_HTTP_PORT: String(port), COSTQ_WORKER_MAX_TASKS: String(C), COSTQ_WORKER_NODE_ID: 'bench-java' });
  await allEnded(ids);
  java.kill('SIGTERM');
  await new Promise(r => java.once('exit', r));
}

console.log(`${N} no-op jobs per run, ${C} at once per worker, ${ROUNDS} rounds; API ${api}, Redis ${redisUrl}`);
console.log('round  worker           jobs/s   span ms   not SUCCEEDED');
for (let round = 0; round <= ROUNDS; round++) { // round 0 warms up: JIT, and the users' estimates learn no-op run times
  for (const [name, run] of [['node (HTTP)', runNode], ['java (Redis)', runJava]]) {
    const ids = await submitAll(round === 0 ? Math.min(N, 500) : N);
    await run(ids);
    const seen = await jobs(ids);
    const first = Math.min(...seen.map(j => Date.parse(j.startedAt)));
    const last = Math.max(...seen.map(j => Date.parse(j.finishedAt)));
    const bad = seen.filter(j => j.status !== 'SUCCEEDED').length;
    console.log(`${(round === 0 ? 'warm' : String(round)).padEnd(6)} ${name.padEnd(15)} ${String(Math.round(ids.length / ((last - first) / 1000))).padStart(7)} `
                + `${String(last - first).padStart(9)}   ${bad}`);
  }
}
process.exit(0);
