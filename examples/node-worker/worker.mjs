// A costq worker in plain Node (>= 20, built-in fetch, no dependencies): pulls jobs of its types over the HTTP worker
// protocol (README "Workers in other languages"), runs them, renews their leases and records their ends.
//
//   COSTQ_URL=http://localhost:8080 COSTQ_KEY=<a WORKER key> node worker.mjs
//
// The server decides what it may take with the same pick policy a Java node runs, on the state it sends: its CPU,
// its running jobs (estimate, elapsed) and its free slots. Every job is held under a lease with a fencing token:
// renewed every third of the lease; a refused renewal (409: the lease ran out and the job went to another worker)
// aborts the handler and its end is never reported; a late completion would be refused (409) anyway.
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { thumbnail, PermanentError } from './thumbnail.mjs';

export { PermanentError };

export class CostqWorker {
  /**
   * @param {object} o
   * @param {string} o.url       the API's base URL
   * @param {string} [o.key]     a WORKER key (none when the API runs without keys)
   * @param {string} o.node      this worker's node id (letters, digits, . _ : -), shown in /v1/nodes
   * @param {Record<string, (payload, ctx) => Promise<any>>} o.handlers  by job type: the types it claims
   * @param {number} [o.concurrency]  most jobs at once
   * @param {'system'|'process'} [o.cpu]  the CPU the policy sees: the machine's, or this process's share of it
   */
  constructor({ url, key, node, handlers, concurrency = 8, cpu = 'system', log = console }) {
    this.url = url.replace(/\/$/, '');
    this.node = node;
    this.handlers = handlers;
    this.types = Object.keys(handlers);
    this.concurrency = concurrency;
    this.log = log;
    this.headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (key) this.headers.authorization = `Bearer ${key}`;
    this.cpu = new CpuMeter(cpu);
    this.running = new Map();
    this.stats = { claimed: 0, completed: 0, failed: 0, stale: 0, lost: 0 };
    this.stopping = false;
    this.wake = () => {};
  }

  /** Claims and runs until stop(); resolves when the loop has ended. */
  async run() {
    let idleMs = 0;
    let lastClaim = 0;
    while (!this.stopping) {
      const free = this.concurrency - this.running.size;
      const sinceClaim = Date.now() - lastClaim;
      if (free <= 0 && sinceClaim < 1000) { await this.#nap(1000 - sinceClaim); continue; } // full: claim max 0 each second (heartbeat)
      let jobs;
      try {
        jobs = await this.#claim(Math.max(0, free));
      } catch (e) {
        this.log.warn(`claim failed (${e.message}); retrying`);
        await this.#nap(500);
        continue;
      }
      lastClaim = Date.now();
      for (const job of jobs) this.#start(job);
      if (jobs.length === 0 && free > 0) { // the policy says wait, or no work: a short nap, cut short when a job ends
        idleMs = Math.min(200, Math.max(5, idleMs * 2));
        await this.#nap(idleMs);
      } else {
        idleMs = 0;
      }
    }
    while (this.running.size > 0) await this.#nap(1000);
  }

  /** Stops claiming; run() resolves once the running jobs have ended. */
  stop() {
    this.stopping = true;
    this.wake();
  }

  async #claim(max) {
    const now = Date.now();
    const running = [...this.running.values()].map(r => ({ id: r.job.id, estimateMs: r.job.estimateMs, elapsedMs: now - r.started }));
    const body = { types: this.types, max, cpu: this.cpu.read(), cores: os.availableParallelism(), running };
    const res = await this.#post(`/v1/workers/${encodeURIComponent(this.node)}/claim`, body);
    if (res.status !== 200) throw new Error(`claim answered ${res.status} ${await res.text()}`);
    const jobs = await res.json();
    this.stats.claimed += jobs.length;
    return jobs;
  }

  #start(job) {
    const r = { job, started: Date.now(), abort: new AbortController(), lost: false, ending: false, lastRenewed: Date.now() };
    this.running.set(job.id, r);
    const renewal = setInterval(() => this.#renew(r), Math.max(50, Math.floor(job.leaseMs / 3)));
    const timeout = setTimeout(() => r.abort.abort(new Error(`timed out after ${job.timeoutMs} ms`)), job.timeoutMs);
    this.#execute(r).finally(() => {
      clearInterval(renewal);
      clearTimeout(timeout);
      this.running.delete(job.id);
      this.wake();
    });
  }

  async #execute(r) {
    const { job } = r;
    const handler = this.handlers[job.type];
    let result;
    const t0 = performance.now();
    try {
      if (!handler) throw new Error(`no handler for job type '${job.type}' on this worker`);
      const ctx = { id: job.id, user: job.user, attempt: job.attempt, deadline: job.deadline, signal: r.abort.signal };
      result = await handler(job.payload, ctx);
    } catch (e) {
      if (r.lost) { this.stats.lost++; return; } // another worker may hold it now: report nothing
      await this.#end(r, 'fail', { token: job.token, error: String(e?.message ?? e).slice(0, 2000) || 'failed',
                                   retryable: !(e instanceof PermanentError), durationMs: Math.round(performance.now() - t0) });
      return;
    }
    if (r.lost) { this.stats.lost++; return; }
    await this.#end(r, 'complete', { token: job.token, result: result === undefined ? null : result,
                                     durationMs: Math.round(performance.now() - t0) });
  }

  /** Records the end; retried while the lease may still hold (after that the job runs again elsewhere anyway). */
  async #end(r, what, body) {
    r.ending = true; // renewals go on until the end is recorded; one refused meanwhile is this end's race, not a loss
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.#post(`/v1/jobs/${r.job.id}/${what}`, body);
        if (res.status === 200) { this.stats[what === 'complete' ? 'completed' : 'failed']++; return; }
        if (res.status === 409 || res.status === 404) { this.stats.stale++; this.log.warn(`${what} of ${r.job.id} refused: ${await res.text()}`); return; }
        throw new Error(`answered ${res.status} ${await res.text()}`);
      } catch (e) {
        if (Date.now() - r.lastRenewed > r.job.leaseMs) { this.log.warn(`gave up recording ${r.job.id}: ${e.message}`); return; }
        await new Promise(res => setTimeout(res, Math.min(1000, 50 * 2 ** attempt)));
      }
    }
  }

  async #renew(r) {
    if (r.lost) return;
    try {
      const res = await this.#post(`/v1/jobs/${r.job.id}/renew`, { token: r.job.token });
      if (res.status === 200) {
        r.lastRenewed = Date.now();
        if ((await res.json()).cancelRequested) r.abort.abort(new Error('cancelled by an operator'));
        return;
      }
      if (res.status === 409 || res.status === 404) return r.ending ? undefined : this.#lose(r, `lease of ${r.job.id} lost`);
    } catch (e) {
      // unreachable: keep the job while its lease may hold, then stop it (the reaper gives it to another worker)
    }
    if (Date.now() - r.lastRenewed > r.job.leaseMs * 0.9) this.#lose(r, `lease of ${r.job.id} not renewed in time`);
  }

  #lose(r, why) {
    this.log.warn(`${why}; stopping its handler`);
    r.lost = true;
    r.abort.abort(new Error(why));
  }

  #post(path, body) {
    return fetch(this.url + path, { method: 'POST', headers: this.headers, body: JSON.stringify(body) });
  }

  #nap(ms) {
    return new Promise(resolve => {
      const done = () => { clearTimeout(timer); resolve(); };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

/** CPU load in [0, 1]: the machine's busy share over the last sampling period, or this process's share of all cores. */
class CpuMeter {
  constructor(source) {
    this.source = source;
    this.value = 0;
    this.last = this.#sample();
    setInterval(() => {
      const now = this.#sample();
      const busy = now.busy - this.last.busy;
      const total = now.total - this.last.total;
      if (total > 0) this.value = Math.min(1, Math.max(0, busy / total));
      this.last = now;
    }, 250).unref();
  }

  read() {
    return Math.round(this.value * 1000) / 1000;
  }

  #sample() {
    if (this.source === 'process') {
      const u = process.cpuUsage();
      return { busy: (u.user + u.system) / 1000, total: performance.now() * os.availableParallelism() };
    }
    let busy = 0, total = 0;
    for (const c of os.cpus()) {
      const t = c.times;
      busy += t.user + t.nice + t.sys + t.irq;
      total += t.user + t.nice + t.sys + t.irq + t.idle;
    }
    return { busy, total };
  }
}

// Run as a program: the example's worker with its one job type, thumbnail.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const worker = new CostqWorker({
    url: process.env.COSTQ_URL ?? 'http://localhost:8080',
    key: process.env.COSTQ_KEY,
    node: process.env.COSTQ_NODE ?? `node-${os.hostname()}-${process.pid}`,
    handlers: { thumbnail },
    concurrency: Number(process.env.COSTQ_CONCURRENCY ?? 8),
    cpu: process.env.COSTQ_CPU ?? 'system',
  });
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => worker.stop());
  console.log(`costq node worker ${worker.node} on ${worker.url}: types ${worker.types.join(', ')}, up to ${worker.concurrency} at once`);
  await worker.run();
  console.log(`stopped: ${JSON.stringify(worker.stats)}`);
}
