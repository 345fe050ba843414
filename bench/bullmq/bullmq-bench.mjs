#!/usr/bin/env node
// BullMQ peer benchmark for costq: throughput and Redis cost per job of no-op jobs.
//
// usage: node bullmq-bench.mjs --port P [--host 127.0.0.1] [--jobs 20000]
//          [--concurrency 50] [--batch 1000] [--warmup 1000] [--no-pure]
//          [--keep-completed] [--timeout 120]
//
// Prints ONE JSON line on stdout, a human-readable summary on stderr.
// See README.md for what every figure means.

import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import IORedis from 'ioredis';
import { Queue, Worker } from 'bullmq';

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const o = {
    host: '127.0.0.1',
    port: null,
    jobs: 20000,
    concurrency: 50,
    batch: 1000,
    warmup: 1000,
    pure: true,
    keepCompleted: false,
    timeout: 120,
  };
  const num = (name, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) die(`--${name} needs a non-negative integer, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) die(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--host': o.host = next(); break;
      case '--port': o.port = num('port', next()); break;
      case '--jobs': o.jobs = num('jobs', next()); break;
      case '--concurrency': o.concurrency = num('concurrency', next()); break;
      case '--batch': o.batch = num('batch', next()); break;
      case '--warmup': o.warmup = num('warmup', next()); break;
      case '--timeout': o.timeout = num('timeout', next()); break;
      case '--no-pure': o.pure = false; break;
      case '--keep-completed': o.keepCompleted = true; break;
      case '-h': case '--help':
        process.stderr.write(readFileSync(new URL(import.meta.url), 'utf8').split("\n").slice(3, 8).map((l) => l.replace(/^\/\/ ?/, "")).join("\n") + '\n');
        process.exit(0);
        break;
      default: die(`unknown argument: ${a}`);
    }
  }
  if (!o.port) die('--port is required');
  if (o.jobs < 1 || o.concurrency < 1 || o.batch < 1) die('--jobs, --concurrency and --batch must be >= 1');
  return o;
}

function die(msg) {
  process.stderr.write(`bullmq-bench: ${msg}\n`);
  process.exit(2);
}

const log = (s) => process.stderr.write(s + '\n');

// ------------------------------------------------- client-side command count
// Counts commands the Node process sends (pipelined ones individually), as
// opposed to INFO commandstats, which also counts redis.call() inside scripts.
// bullmq uses this same ioredis module (same pinned version, deduplicated).
let clientCmds = 0;
let countClientCmds = true;
const origSend = IORedis.prototype.sendCommand;
IORedis.prototype.sendCommand = function (cmd, ...rest) {
  if (countClientCmds) clientCmds++;
  return origSend.call(this, cmd, ...rest);
};

// ------------------------------------------------------------ Redis counters
const SCRIPT_CMDS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

function parseInfo(text) {
  const cmds = new Map();
  let cpuSys = 0, cpuUser = 0;
  for (const line of text.split(/\r?\n/)) {
    let m;
    if ((m = /^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/.exec(line))) {
      cmds.set(m[1], { calls: Number(m[2]), usec: Number(m[3]) });
    } else if ((m = /^used_cpu_sys:([\d.]+)/.exec(line))) {
      cpuSys = Number(m[1]);
    } else if ((m = /^used_cpu_user:([\d.]+)/.exec(line))) {
      cpuUser = Number(m[1]);
    }
  }
  return { cmds, cpuUs: Math.round((cpuSys + cpuUser) * 1e6) };
}

// One INFO call per snapshot; its own cost shows up in the *next* snapshot,
// so exactly one `info` call is subtracted from each delta.
// Then $BENCH_SNAPSHOT_HOOK <label> runs when set (bench/redis-instructions.sh cuts valgrind's count there).
async function snapshot(admin, label = 'other') {
  const countWas = countClientCmds;
  countClientCmds = false;
  const text = await admin.info('commandstats', 'cpu');
  countClientCmds = countWas;
  if (process.env.BENCH_SNAPSHOT_HOOK) execFileSync(process.env.BENCH_SNAPSHOT_HOOK, [label], { stdio: 'inherit' });
  return { ...parseInfo(text), client: clientCmds, proc: process.cpuUsage(), t: performance.now() };
}

function delta(a, b, jobs) {
  let cmds = 0, scripts = 0;
  const byCmd = {};
  for (const [name, v] of b.cmds) {
    const before = a.cmds.get(name) || { calls: 0, usec: 0 };
    let calls = v.calls - before.calls;
    if (name === 'info') calls -= 1; // our own snapshot call
    if (calls <= 0) continue;
    cmds += calls;
    byCmd[name] = calls;
    if (SCRIPT_CMDS.has(name)) scripts += calls;
  }
  const perJob = (x) => round(x / jobs, 3);
  const breakdown = Object.fromEntries(
    Object.entries(byCmd).sort((x, y) => y[1] - x[1]).map(([k, v]) => [k, perJob(v)]),
  );
  const procUs = (b.proc.user - a.proc.user) + (b.proc.system - a.proc.system);
  return {
    redis_cmds_per_job: perJob(cmds),
    redis_scripts_per_job: perJob(scripts),
    redis_cpu_us_per_job: perJob(b.cpuUs - a.cpuUs),
    client_cmds_per_job: perJob(b.client - a.client),
    client_cpu_us_per_job: perJob(procUs),
    redis_cmd_breakdown_per_job: breakdown,
  };
}

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const rate = (n, ms) => (ms > 0 ? Math.round((n * 1000) / ms) : null);

// ------------------------------------------------------------- bench pieces
function makeJobs(n, jobOpts) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = { name: 'noop', data: {}, opts: jobOpts };
  return out;
}

// Sequential addBulk calls (one batch in flight), returns ms when the last
// batch was acknowledged.
async function enqueueAll(queue, jobs, batch, jobOpts) {
  for (let done = 0; done < jobs; done += batch) {
    await queue.addBulk(makeJobs(Math.min(batch, jobs - done), jobOpts));
  }
  return performance.now();
}

// A Worker plus a promise that resolves when `expect` jobs have finished.
function startWorker(name, connection, opts, expect, timeoutS) {
  let completed = 0, failed = 0, firstDone = null, lastDone = null;
  let resolve, reject;
  const done = new Promise((res, rej) => { resolve = res; reject = rej; });
  const timer = setTimeout(
    () => reject(new Error(`timeout after ${timeoutS}s: ${completed} completed, ${failed} failed of ${expect}`)),
    timeoutS * 1000,
  );
  const finish = () => {
    const now = performance.now();
    if (firstDone === null) firstDone = now;
    lastDone = now;
    if (completed + failed === expect) {
      clearTimeout(timer);
      resolve();
    }
  };
  const worker = new Worker(name, async () => {}, { connection, concurrency: opts.concurrency });
  worker.on('completed', () => { completed++; finish(); });
  worker.on('failed', () => { failed++; finish(); });
  worker.on('error', (e) => log(`worker error: ${e?.message || e}`));
  return {
    worker,
    done,
    stats: () => ({ completed, failed, firstDone, lastDone }),
  };
}

function newQueueName(tag) {
  return `costq-bench-${tag}-${randomBytes(6).toString('hex')}`;
}

// ------------------------------------------------------------------- phases
// Warm-up: loads BullMQ's Lua scripts into Redis and warms V8; not measured.
async function warmup(o, connection, jobOpts) {
  if (o.warmup === 0) return;
  const name = newQueueName('warm');
  const queue = new Queue(name, { connection });
  const w = startWorker(name, connection, o, o.warmup, o.timeout);
  await w.worker.waitUntilReady();
  await enqueueAll(queue, o.warmup, o.batch, jobOpts);
  await w.done;
  await w.worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
}

// Concurrent: worker running, producer adds all jobs in addBulk batches.
async function concurrentPhase(o, connection, admin, jobOpts) {
  const name = newQueueName('e2e');
  const queue = new Queue(name, { connection });
  await queue.waitUntilReady();
  const s0 = await snapshot(admin, 'concurrent-start');
  const tStart = performance.now(); // before the Worker exists (e2e includes its start-up)
  const w = startWorker(name, connection, o, o.jobs, o.timeout);
  await w.worker.waitUntilReady();
  const tFirstAdd = performance.now();
  const tEnqDone = await enqueueAll(queue, o.jobs, o.batch, jobOpts);
  await w.done;
  const s1 = await snapshot(admin, 'concurrent-end');
  const st = w.stats();
  await w.worker.close();
  const result = {
    queue: name,
    completed: st.completed,
    failed: st.failed,
    enqueue_ms: round(tEnqDone - tFirstAdd),
    drain_ms: round(st.lastDone - tFirstAdd),
    e2e_ms: round(st.lastDone - tStart),
    enqueue_per_s: rate(o.jobs, tEnqDone - tFirstAdd),
    drain_per_s: rate(st.completed, st.lastDone - tFirstAdd),
    e2e_per_s: rate(st.completed, st.lastDone - tStart),
    ...delta(s0, s1, o.jobs),
  };
  return { queue, result };
}

// Pure: enqueue everything with no worker, then start the worker and drain.
async function purePhase(o, connection, admin, jobOpts) {
  const name = newQueueName('pure');
  const queue = new Queue(name, { connection });
  await queue.waitUntilReady();
  const s0 = await snapshot(admin, 'pure-start');
  const tEnq0 = s0.t;
  const tEnqDone = await enqueueAll(queue, o.jobs, o.batch, jobOpts);
  const s1 = await snapshot(admin, 'pure-enqueued');
  const tWorker = performance.now(); // drain clock starts when the Worker is created
  const w = startWorker(name, connection, o, o.jobs, o.timeout);
  await w.done;
  const s2 = await snapshot(admin, 'pure-drained');
  const st = w.stats();
  await w.worker.close();
  const enq = delta(s0, s1, o.jobs);
  const drn = delta(s1, s2, o.jobs);
  const result = {
    queue: name,
    completed: st.completed,
    failed: st.failed,
    enqueue_ms: round(tEnqDone - tEnq0),
    drain_ms: round(st.lastDone - tWorker),
    enqueue_per_s: rate(o.jobs, tEnqDone - tEnq0),
    drain_per_s: rate(st.completed, st.lastDone - tWorker),
    enqueue_cost: enq,
    drain_cost: drn,
  };
  return { queue, result };
}

async function leftoverKeys(admin, names) {
  let n = 0;
  for (const name of names) {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `bull:${name}:*`, 'COUNT', 1000);
      cursor = next;
      n += keys.length;
    } while (cursor !== '0');
  }
  return n;
}

// --------------------------------------------------------------------- main
async function main() {
  const o = parseArgs(process.argv.slice(2));
  const bullmqVersion = JSON.parse(
    readFileSync(new URL('./node_modules/bullmq/package.json', import.meta.url), 'utf8'),
  ).version;
  const connection = { host: o.host, port: o.port, maxRetriesPerRequest: null };
  const admin = new IORedis({ host: o.host, port: o.port, maxRetriesPerRequest: null, lazyConnect: true });
  await admin.connect();
  const redisVersion = /redis_version:(\S+)/.exec(await admin.info('server'))?.[1];

  // removeOnComplete: true is what BullMQ throughput setups use: completed
  // jobs are deleted inside the same moveToFinished script instead of piling
  // up in the completed set. --keep-completed keeps BullMQ's default (keep all).
  const jobOpts = o.keepCompleted ? {} : { removeOnComplete: true };

  const queues = [];
  const names = [];
  let concurrent, pure;
  try {
    log(`bullmq-bench: BullMQ ${bullmqVersion}, Redis ${redisVersion} at ${o.host}:${o.port}, ` +
        `${o.jobs} jobs, concurrency ${o.concurrency}, batch ${o.batch}, ` +
        `removeOnComplete ${!o.keepCompleted}, warm-up ${o.warmup}`);
    await warmup(o, connection, jobOpts);

    const c = await concurrentPhase(o, connection, admin, jobOpts);
    queues.push(c.queue); names.push(c.result.queue);
    concurrent = c.result;

    if (o.pure) {
      const p = await purePhase(o, connection, admin, jobOpts);
      queues.push(p.queue); names.push(p.result.queue);
      pure = p.result;
    }
  } finally {
    for (const q of queues) {
      try { await q.obliterate({ force: true }); } catch (e) { log(`obliterate ${q.name}: ${e.message}`); }
      await q.close().catch(() => {});
    }
  }
  const leftover = await leftoverKeys(admin, names);
  await admin.quit();

  const out = {
    peer: 'bullmq',
    version: bullmqVersion,
    redis_version: redisVersion,
    node_version: process.versions.node,
    jobs: o.jobs,
    concurrency: o.concurrency,
    batch: o.batch,
    warmup: o.warmup,
    remove_on_complete: !o.keepCompleted,
    completed: concurrent.completed,
    failed: concurrent.failed,
    enqueue_per_s: concurrent.enqueue_per_s,
    drain_per_s: concurrent.drain_per_s,
    e2e_per_s: concurrent.e2e_per_s,
    enqueue_ms: concurrent.enqueue_ms,
    drain_ms: concurrent.drain_ms,
    e2e_ms: concurrent.e2e_ms,
    redis_cmds_per_job: concurrent.redis_cmds_per_job,
    redis_scripts_per_job: concurrent.redis_scripts_per_job,
    redis_cpu_us_per_job: concurrent.redis_cpu_us_per_job,
    client_cmds_per_job: concurrent.client_cmds_per_job,
    client_cpu_us_per_job: concurrent.client_cpu_us_per_job,
    redis_cmd_breakdown_per_job: concurrent.redis_cmd_breakdown_per_job,
  };
  if (pure) {
    Object.assign(out, {
      pure_enqueue_per_s: pure.enqueue_per_s,
      pure_drain_per_s: pure.drain_per_s,
      pure_completed: pure.completed,
      pure_failed: pure.failed,
      pure_enqueue_redis_cmds_per_job: pure.enqueue_cost.redis_cmds_per_job,
      pure_enqueue_redis_scripts_per_job: pure.enqueue_cost.redis_scripts_per_job,
      pure_enqueue_redis_cpu_us_per_job: pure.enqueue_cost.redis_cpu_us_per_job,
      pure_drain_redis_cmds_per_job: pure.drain_cost.redis_cmds_per_job,
      pure_drain_redis_scripts_per_job: pure.drain_cost.redis_scripts_per_job,
      pure_drain_redis_cpu_us_per_job: pure.drain_cost.redis_cpu_us_per_job,
      pure_enqueue_redis_cmd_breakdown_per_job: pure.enqueue_cost.redis_cmd_breakdown_per_job,
      pure_drain_redis_cmd_breakdown_per_job: pure.drain_cost.redis_cmd_breakdown_per_job,
    });
  }
  out.leftover_keys = leftover;
  process.stdout.write(JSON.stringify(out) + '\n');

  const f = (x) => (x == null ? '-' : x.toLocaleString('en-US'));
  log(`concurrent (worker running while adding):`);
  log(`  enqueue ${f(out.enqueue_per_s)} jobs/s (${out.enqueue_ms} ms), drain ${f(out.drain_per_s)} jobs/s ` +
      `(${out.drain_ms} ms from first add), e2e ${f(out.e2e_per_s)} jobs/s (${out.e2e_ms} ms incl. worker start)`);
  log(`  per job: ${out.redis_cmds_per_job} Redis cmds (${out.client_cmds_per_job} sent by client), ` +
      `${out.redis_scripts_per_job} script calls, ${out.redis_cpu_us_per_job} µs Redis CPU, ` +
      `${out.client_cpu_us_per_job} µs Node CPU`);
  if (pure) {
    log(`pure phases (enqueue all, then start worker):`);
    log(`  enqueue ${f(out.pure_enqueue_per_s)} jobs/s: ${out.pure_enqueue_redis_cmds_per_job} cmds, ` +
        `${out.pure_enqueue_redis_scripts_per_job} scripts, ${out.pure_enqueue_redis_cpu_us_per_job} µs Redis CPU per job`);
    log(`  drain   ${f(out.pure_drain_per_s)} jobs/s: ${out.pure_drain_redis_cmds_per_job} cmds, ` +
        `${out.pure_drain_redis_scripts_per_job} scripts, ${out.pure_drain_redis_cpu_us_per_job} µs Redis CPU per job`);
  }
  if (concurrent.failed || pure?.failed) log(`WARNING: failed jobs: ${concurrent.failed} + ${pure?.failed ?? 0}`);
  log(`cleanup: queues obliterated, ${leftover} bull:costq-bench-* keys left`);
  if (leftover !== 0 || concurrent.failed || pure?.failed) process.exitCode = 1;
}

main().catch((e) => {
  log(`bullmq-bench: ${e?.stack || e}`);
  process.exit(1);
});
