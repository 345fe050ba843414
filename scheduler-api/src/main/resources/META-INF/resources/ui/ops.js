// costq operator console, the part that acts: find jobs, a job's page, dead letters, bulk actions, pause/resume a
// class, drain a node. Uses api(), el(), row(), fill(), ms() from console.js. Every action asks first (#confirm).
"use strict";

const STATES = ["QUEUED", "RUNNING", "AWAITING_ACK", "SUCCEEDED", "FAILED", "DEAD", "CANCELLED", "EXPIRED"];
let searchNext = null;
let pausedClasses = new Set();

/** Shows the confirm dialog; resolves true when the operator confirms. */
function confirmAction(text) {
  const dialog = document.getElementById("confirm");
  document.getElementById("confirm-text").textContent = text;
  return new Promise(resolve => {
    const yes = document.getElementById("confirm-yes");
    const no = document.getElementById("confirm-no");
    const done = answer => { yes.onclick = no.onclick = null; dialog.close(); resolve(answer); };
    yes.onclick = () => done(true);
    no.onclick = () => done(false);
    dialog.showModal();
  });
}

function say(text, isError) {
  const out = document.getElementById("ops-result");
  out.textContent = text;
  out.className = isError ? "error" : "muted";
}

/** Runs an action after a confirm; reports its outcome; refreshes what it may have changed. */
async function act(question, path, method = "POST") {
  if (!(await confirmAction(question))) return null;
  try {
    const r = await api(path, { method });
    say(question.replace(/\?$/, "") + ": done");
    refreshOps();
    return r;
  } catch (e) {
    say(e.message, true);
    return null;
  }
}

function button(label, onClick, cls = "act") {
  const b = el("button", label, cls);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

function filterQuery() {
  const p = new URLSearchParams();
  const text = document.getElementById("find-text").value.trim();
  if (text) p.set("user", text);
  for (const [id, name] of [["find-status", "status"], ["find-type", "type"], ["find-class", "costClass"]]) {
    const v = document.getElementById(id).value.trim();
    if (v) p.set(name, v);
  }
  const since = document.getElementById("find-since").value;
  if (since) p.set("since", new Date(since).toISOString());
  return p;
}

function jobLink(id) {
  const a = el("a", id, "job-id");
  a.href = "#job=" + encodeURIComponent(id);
  return a;
}

function jobRow(j, extra = []) {
  const id = el("td");
  id.appendChild(jobLink(j.id));
  const tr = row([id, el("td", j.user), el("td", j.type), el("td", j.status, "status-" + j.status), num(j.costClass),
    num(ms(j.estimateMs)), num(ms(j.durationMs)), el("td", j.queuedAt ? new Date(j.queuedAt).toLocaleString() : "–"), ...extra]);
  tr.dataset.jobId = j.id;
  return tr;
}

async function search(more) {
  const text = document.getElementById("find-text").value.trim();
  if (!more && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(text)) { location.hash = "job=" + text; return; } // an id: its page
  const p = filterQuery();
  p.set("limit", "50");
  if (more && searchNext) p.set("cursor", searchNext);
  try {
    const page = await api("/v1/jobs?" + p);
    const body = document.querySelector("#found tbody");
    const rows = page.jobs.map(j => jobRow(j));
    if (more) body.append(...rows); else fill("found", rows, "no job matches (yet: a page looks at up to 2,000 jobs; load more)");
    searchNext = page.next;
    document.getElementById("find-more").hidden = !searchNext;
  } catch (e) {
    say(e.message, true);
  }
}

async function bulk(action) {
  const p = filterQuery();
  const what = p.toString();
  if (!what) { say("name the jobs first: search by user, status, type, class or time", true); return; }
  const r = await act(action + " every job matching " + what + "?", "/v1/jobs/bulk/" + action + "?" + p);
  if (r) say(action + ": " + r.matched + " matched " + JSON.stringify(r.outcomes) + (r.next ? " (more remain: run again)" : ""));
  search(false);
}

async function showJob(id) {
  const section = document.getElementById("job");
  section.hidden = false;
  try {
    const j = await api("/v1/jobs/" + encodeURIComponent(id));
    document.getElementById("job-title").textContent = "Job " + j.id;
    const facts = [["status", j.status], ["user", j.user], ["type", j.type], ["class", j.costClass],
      ["estimate", ms(j.estimateMs)], ["actual (last run)", ms(j.durationMs)], ["attempts", j.attempts + " / " + j.maxAttempts],
      ["queued", j.queuedAt], ["finished", j.finishedAt], ["node", j.node], ["ordering key", j.orderingKey], ["channel", j.channel]];
    fill("job-facts", facts.filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => row([el("th", k), el("td", v)])), "");
    document.getElementById("job-payload").textContent = JSON.stringify(j.payload, null, 2);
    document.getElementById("job-error").textContent = j.error || "–";
    document.getElementById("job-result").textContent = j.result === null ? "–" : JSON.stringify(j.result, null, 2);
    fill("job-runs", (j.runs || []).map((r, i) => row([num(i + 1), el("td", r.node || "–"), el("td", r.startedAt || "–"),
      el("td", r.endedAt || "–"), num(ms(r.durationMs)), num(ms(j.estimateMs)), el("td", r.outcome, "status-" + r.outcome),
      el("td", r.error || "", "wrap")])), "not started yet");
    const actions = document.getElementById("job-actions");
    actions.replaceChildren(
      button("Cancel", () => act("Cancel job " + j.id + "?", "/v1/jobs/" + j.id, "DELETE").then(() => showJob(j.id))),
      button("Retry", () => act("Retry job " + j.id + "?", "/v1/jobs/" + j.id + "/retry").then(() => showJob(j.id))),
      button("Delete", () => act("Delete job " + j.id + "?", "/v1/jobs/" + j.id + "/delete").then(r => { if (r) location.hash = ""; }), "act danger"));
  } catch (e) {
    document.getElementById("job-title").textContent = "Job " + id + ": " + (e.status === 404 ? "not found" : e.message);
    fill("job-facts", [], "");
    document.getElementById("job-actions").replaceChildren();
  }
}

async function refreshDead() {
  const dead = await api("/v1/dead?limit=50");
  fill("dead", dead.map(j => jobRow(j, [el("td", j.error || "", "wrap"), (() => {
    const td = el("td");
    td.append(button("Retry", () => act("Retry job " + j.id + "?", "/v1/jobs/" + j.id + "/retry")),
      button("Delete", () => act("Delete job " + j.id + "?", "/v1/jobs/" + j.id + "/delete"), "act danger"));
    return td;
  })()])), "no dead jobs");
}

/** Pause/resume buttons on the class queues and channels, drain buttons on the worker nodes (console.js draws the tables). */
function decorate(queues, nodes, config, channels = []) {
  pausedClasses = new Set(((config && config.effective && config.effective["costq.classes.paused"]) || "")
    .split(",").filter(s => s !== "").map(Number));
  document.querySelectorAll("#queues tbody tr").forEach((tr, i) => {
    const q = queues[i];
    if (!q) return;
    const paused = pausedClasses.has(q.costClass);
    const td = el("td");
    td.append(paused ? el("span", "paused", "badge") : "",
      paused ? button("Resume", () => act("Resume class " + q.costClass + "?", "/v1/queues/" + q.costClass + "/pause", "DELETE"))
        : button("Pause", () => act("Pause class " + q.costClass + "? No worker will claim from it.", "/v1/queues/" + q.costClass + "/pause")));
    tr.dataset.costClass = q.costClass;
    tr.appendChild(td);
  });
  document.querySelectorAll("#nodes tbody tr").forEach((tr, i) => {
    const n = nodes[i];
    if (!n) return;
    tr.dataset.nodeId = n.id;
    const td = el("td");
    if (n.draining) td.append(el("span", "draining", "badge"));
    if (!n.role || n.role === "worker") {
      td.append(n.draining ? button("Undrain", () => act("Let node " + n.id + " pull again?", "/v1/nodes/" + encodeURIComponent(n.id) + "/drain", "DELETE"))
        : button("Drain", () => act("Drain node " + n.id + "? It finishes its runs and takes no more.", "/v1/nodes/" + encodeURIComponent(n.id) + "/drain")));
    }
    tr.appendChild(td);
  });
  document.querySelectorAll("#channels tbody tr").forEach((tr, i) => {
    const c = channels[i];
    if (!c) return;
    const path = "/v1/channels/" + encodeURIComponent(c.name) + "/pause";
    const td = el("td");
    td.append(c.paused ? el("span", "paused", "badge") : "",
      c.paused ? button("Resume", () => act("Resume channel " + c.name + "? Its held-back jobs start as its width allows.", path, "DELETE"))
        : button("Pause", () => act("Pause channel " + c.name + "? Its jobs stay queued; none starts.", path)));
    tr.appendChild(td);
  });
}

async function refreshOps() {
  lastConfig = 0; // console.js: read the config again (a pause is a config change)
  try {
    await refreshDead();
  } catch (e) {
    say(e.message, true);
  }
  if (typeof refresh === "function") refresh();
}

function route() {
  const m = location.hash.match(/^#job=(.+)$/);
  if (m) showJob(decodeURIComponent(m[1])); else document.getElementById("job").hidden = true;
}

document.getElementById("find-status").append(...STATES.map(s => el("option", s)));
document.getElementById("find-form").addEventListener("submit", ev => { ev.preventDefault(); search(false); });
document.getElementById("find-more").addEventListener("click", () => search(true));
for (const action of ["cancel", "retry", "delete"]) {
  document.getElementById("bulk-" + action).addEventListener("click", () => bulk(action));
}
window.addEventListener("hashchange", route);
route();
refreshDead().catch(e => say(e.message, true));
