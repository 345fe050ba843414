// A user of the generated TypeScript client (typescript-fetch), run by GeneratedTypeScriptClientTest against the
// packaged API and a worker: `node scenario.js <step>` with COSTQ_URL and COSTQ_KEY (a SUBMITTER key) set.
// Each step prints "<step> ok ..." and exits 0, or prints why and exits 1.
import {
  Configuration, Job, JobState, JobsApi, ModelError, ModelErrorFromJSON, ResponseError, Route, RouteApi,
} from '../../../target/generated-sources/openapi-ts';

const jobs = new JobsApi(new Configuration({ basePath: process.env.COSTQ_URL, accessToken: process.env.COSTQ_KEY }));
const anonymous = new JobsApi(new Configuration({ basePath: process.env.COSTQ_URL }));
const routes = new RouteApi(new Configuration({ basePath: process.env.COSTQ_URL, accessToken: process.env.COSTQ_KEY }));
const user = `ts-${process.pid}`;

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`expected ${what}`);
}

/** The typed error body of a refused call. */
async function refusal(call: Promise<unknown>): Promise<{ status: number; error: ModelError }> {
  try {
    await call;
  } catch (e) {
    if (!(e instanceof ResponseError)) throw e;
    return { status: e.response.status, error: ModelErrorFromJSON(await e.response.json()) };
  }
  throw new Error('expected the call to be refused');
}

const steps: Record<string, () => Promise<string>> = {
  // submit with a payload and waitMs: 200 with the finished job, typed, and its result
  async submitAndWait() {
    const answer = await jobs.submitJobRaw({ submitJob: { user, type: 'sleep', payload: { ms: 20 } }, waitMs: 20000 });
    const job: Job = await answer.value();
    expect(answer.raw.status === 200, `200, got ${answer.raw.status}`);
    expect(new URL(answer.raw.headers.get('Location') ?? '', process.env.COSTQ_URL).pathname === `/v1/jobs/${job.id}`, 'Location …/v1/jobs/{id}');
    expect(job.status === JobState.Succeeded, `SUCCEEDED, got ${job.status}`);
    expect(job.result?.sleptMs === 20, `result {sleptMs: 20}, got ${JSON.stringify(job.result)}`);
    expect(job.startedAt instanceof Date && job.finishedAt instanceof Date && job.finishedAt >= job.startedAt, 'started <= finished dates');
    expect(job.ackedAt === null && job.ack === null, 'ack fields null');
    const read = await jobs.getJob({ id: job.id });
    expect(read.status === JobState.Succeeded && read.user === user && read.durationMs !== null, 'the same job read back');
    return `${job.id} ${job.status} result=${JSON.stringify(job.result)} startedAt=${job.startedAt?.toISOString()}`;
  },

  // a job that is queued or running is cancelled, and ends CANCELLED
  async cancel() {
    const submitted = await jobs.submitJobRaw({ submitJob: { user, type: 'sleep', payload: { ms: 60000 } } });
    expect(submitted.raw.status === 202, `202, got ${submitted.raw.status}`);
    const id = (await submitted.value()).id;
    const cancelled = await jobs.cancelJobRaw({ id });
    expect(cancelled.raw.status === 200 || cancelled.raw.status === 202, `200 or 202, got ${cancelled.raw.status}`);
    let job = await cancelled.value();
    for (let i = 0; i < 200 && job.status !== JobState.Cancelled; i++) { // a running job's node stops it
      await new Promise((r) => setTimeout(r, 100));
      job = await jobs.getJob({ id });
    }
    expect(job.status === JobState.Cancelled, `CANCELLED, got ${job.status}`);
    const again = await refusal(jobs.cancelJob({ id }));
    expect(again.status === 409 && again.error.field === 'id', `409 naming id, got ${again.status} ${JSON.stringify(again.error)}`);
    return `${id} ${job.status} (cancel answered ${cancelled.raw.status}; again: ${again.status})`;
  },

  // refusals come back as the one typed error body
  async refusals() {
    const payload = await refusal(jobs.submitJob({ submitJob: { user, type: 'sleep', payload: { ms: -1 } } }));
    expect(payload.status === 400 && payload.error.field === 'payload.ms', `400 naming payload.ms, got ${JSON.stringify(payload)}`);
    const wait = await refusal(jobs.submitJob({ submitJob: { user, type: 'noop' }, waitMs: -1 }));
    expect(wait.status === 400 && wait.error.field === 'waitMs', `400 naming waitMs, got ${JSON.stringify(wait)}`);
    const unknown = await refusal(jobs.getJob({ id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }));
    expect(unknown.status === 404 && unknown.error.field === 'id', `404 naming id, got ${JSON.stringify(unknown)}`);
    const noKey = await refusal(anonymous.getJob({ id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }));
    expect(noKey.status === 401 && noKey.error.field === 'Authorization', `401 naming Authorization, got ${JSON.stringify(noKey)}`);
    return [payload, wait, unknown, noKey].map((r) => `${r.status} ${r.error.field}: ${r.error.error}`).join('; ');
  },

  // the decision server: a client routed to pool api (the API instance itself), its session renewed and released
  async route() {
    const client = `ts-client-${process.pid}`;
    let route: Route | undefined;
    for (let i = 0; i < 100 && route === undefined; i++) { // the API instance joins pool api on its first heartbeat
      try {
        route = await routes.routeClient({ pool: 'api', client });
      } catch (e) {
        if (!(e instanceof ResponseError) || e.response.status !== 404) throw e;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    if (route === undefined) throw new Error('expected to be routed within 5 s');
    expect(route.pool === 'api' && route.uri === process.env.COSTQ_URL && route.session.startsWith('api~'), `a session on the API instance, got ${JSON.stringify(route)}`);
    const renewed = await routes.renewSession({ session: route.session, renewSession: { server: route.server, client } });
    expect(renewed.server === route.server && !renewed.restored && renewed.serverLive, `renewed, got ${JSON.stringify(renewed)}`);
    await routes.releaseSession({ session: route.session });
    const gone = await refusal(routes.releaseSession({ session: route.session }));
    expect(gone.status === 404 && gone.error.field === 'session', `404 naming session, got ${JSON.stringify(gone)}`);
    return `${route.session} on ${route.server} (load ${route.load} of allowed ${route.allowedLoad}); released twice: ${gone.status}`;
  },
};

const step = process.argv[2];
if (!steps[step]) {
  console.error(`usage: node scenario.js ${Object.keys(steps).join('|')}`);
  process.exit(2);
}
steps[step]().then(
  (said) => console.log(`${step} ok ${said}`),
  (e) => {
    console.error(`${step} FAILED: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  },
);
