// costq operator console: polls the read endpoints and renders them. Plain DOM, no build step.
// Every value from the server is set as textContent, never as HTML: user ids and job types are user input.
"use strict";

const REFRESH_MS = 2000;
const CONFIG_REFRESH_MS = 10000;
let apiKey = localStorage.getItem("costq.apiKey") || "";
let lastConfig = 0;
let lastConfigJson = null; // the live config as last read (ops.js shows the paused classes from it)

async function api(path, init = {}) {
  const headers = Object.assign({ "accept": "application/json" }, init.headers || {});
  if (apiKey) headers["X-Api-Key"] = apiKey;
  const res = await fetch(path, Object.assign({}, init, { headers }));
  if (!res.ok) {
    const err = new Error(path + " answered " + res.status);
    err.status = res.status;
    throw err;
  }
  return res.json();
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function row(cells) {
  const tr = document.createElement("tr");
  for (const c of cells) tr.appendChild(c instanceof Node ? c : el("td", c));
  return tr;
}

function num(v, cls = "num") { return el("td", v, cls); }

function bar(fraction, widthEm = 8) {
  const td = el("td");
  const b = el("span", null, "bar" + (fraction >= 0.8 ? " hot" : ""));
  b.style.width = (Math.max(0, Math.min(1, fraction)) * widthEm).toFixed(2) + "em";
  td.appendChild(b);
  return td;
}

function fill(tableId, rows, emptyText) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    const td = el("td", emptyText, "muted");
    td.colSpan = document.querySelectorAll("#" + tableId + " thead th").length;
    body.appendChild(row([td]));
  }
}

function ms(v) {
  if (v === null || v === undefined) return "–";
  if (v < 1000) return v + " ms";
  if (v < 60000) return (v / 1000).toFixed(1) + " s";
  return (v / 60000).toFixed(1) + " min";
}

function renderQueues(queues) {
  const deepest = Math.max(1, ...queues.map(q => q.depth));
  fill("queues", queues.map(q => row([
    num(q.costClass), num(q.upperBoundMs === null ? "∞" : "≤ " + ms(q.upperBoundMs)), num(q.depth),
    num(q.depth > 0 ? ms(q.oldestAgeMs) : "–"), bar(q.depth / deepest)])), "no classes");
}

function renderNodes(nodes) {
  fill("nodes", nodes.map(n => {
    const remaining = n.remainingMs || [];
    const total = remaining.reduce((a, b) => a + b, 0);
    const cpu = bar(n.cpu);
    cpu.appendChild(document.createTextNode(" " + Math.round(n.cpu * 100) + "%"));
    const id = el("td", n.id);
    if (n.role && n.role !== "worker") id.appendChild(el("span", n.role, "role"));
    const c = n.config;
    const config = el("td", c ? "v" + c.version : "–", "num");
    if (c && c.rejectedVersion !== null && c.rejectedVersion !== undefined) {
      config.appendChild(el("div", "refused v" + c.rejectedVersion + ": " + c.rejectedReason, "error"));
    }
    return row([id, cpu, num(n.runningTasks + " / " + n.maxTasks),
      el("td", remaining.length ? remaining.join(", ") : "–", "wrap"), num(ms(total)), num(ms(n.lastSeenMs) + " ago"), config]);
  }), "no live nodes");
}

function renderChannels(channels) {
  fill("channels", channels.map(c => {
    const tr = row([el("td", c.name), num(c.maxConcurrency), num(c.ratePerSecond > 0 ? c.ratePerSecond : "–"), num(c.inUse),
      num(c.waiting)]);
    tr.dataset.channel = c.name;
    return tr;
  }), "no delivery channels");
}

function renderJobs(jobs) {
  fill("jobs", jobs.map(j => {
    const tr = row([el("td", j.id, "job-id"), el("td", j.user), el("td", j.type), el("td", j.status, "status-" + j.status),
      num(j.costClass), num(ms(j.estimateMs)), num(ms(j.durationMs))]);
    const ratio = j.durationMs !== null && j.estimateMs > 0 ? j.durationMs / j.estimateMs : null;
    tr.appendChild(num(ratio === null ? "–" : ratio.toFixed(2) + "×", ratio !== null && (ratio > 2 || ratio < 0.5) ? "num ratio-off" : "num"));
    tr.appendChild(el("td", j.node || "–"));
    tr.appendChild(el("td", j.queuedAt ? new Date(j.queuedAt).toLocaleTimeString() : "–"));
    tr.dataset.jobId = j.id;
    return tr;
  }), "no recent jobs");
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "–";
}

function renderSchedules(schedules) {
  fill("schedules", schedules.map(s => {
    const name = el("td", s.name);
    if (s.paused) name.appendChild(el("span", "paused", "role"));
    return row([name, el("td", s.cron + " (" + s.timezone + ")"), el("td", s.paused ? "paused" : when(s.nextFire)),
      el("td", when(s.lastFire)), el("td", s.lastOutcome || "–"),
      el("td", s.lastJobId ? s.lastJobId + " " + (s.lastJobStatus || "(expired)") : "–", s.lastJobStatus ? "status-" + s.lastJobStatus : ""),
      num(s.fired + " / " + s.skipped + " / " + s.missed)]);
  }), "no schedules");
}

function flatten(prefix, value, out) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? prefix + "." + k : k, v, out);
  } else {
    out.push([prefix, Array.isArray(value) ? value.join(",") : value]);
  }
  return out;
}

async function refreshConfig() {
  // the live config endpoint when this build has it, else the settings this instance started with
  let entries, description;
  try {
    const c = await api("/v1/config");
    lastConfigJson = c;
    entries = Object.entries(c.effective || {});
    description = (c.description || "") + (c.version !== undefined ? " (config version " + c.version + ")" : "");
  } catch (e) {
    if (e.status !== 404 && e.status !== 405) throw e;
    const s = await api("/v1/console/settings");
    entries = flatten("", s.values, []);
    description = s.description;
  }
  document.getElementById("config-description").textContent = description;
  fill("config", entries.sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => row([el("td", k), el("td", v)])), "no settings");
}

async function refresh() {
  const status = document.getElementById("status");
  try {
    const [queues, nodes, jobs, schedules, channels] = await Promise.all([api("/v1/queues"), api("/v1/nodes"),
      api("/v1/console/jobs?limit=30"), api("/v1/schedules"), api("/v1/channels")]);
    renderQueues(queues);
    renderNodes(nodes);
    renderChannels(channels);
    renderJobs(jobs);
    renderSchedules(schedules);
    if (Date.now() - lastConfig > CONFIG_REFRESH_MS) {
      lastConfig = Date.now();
      await refreshConfig();
    }
    if (typeof decorate === "function") decorate(queues, nodes, lastConfigJson, channels); // ops.js: pause, drain
    status.textContent = "updated " + new Date().toLocaleTimeString();
    status.className = "muted";
  } catch (e) {
    status.textContent = e.status === 401 || e.status === 403 ? "an operator API key is needed" : "error: " + e.message;
    status.className = "error";
  }
}

document.getElementById("key-form").addEventListener("submit", ev => {
  ev.preventDefault();
  apiKey = document.getElementById("api-key").value.trim();
  localStorage.setItem("costq.apiKey", apiKey);
  lastConfig = 0;
  refresh();
});

document.getElementById("submit-form").addEventListener("submit", async ev => {
  ev.preventDefault();
  const out = document.getElementById("submit-result");
  const body = { user: document.getElementById("submit-user").value, type: document.getElementById("submit-type").value,
    payload: { ms: Number(document.getElementById("submit-ms").value) } };
  if (body.type === "noop") delete body.payload;
  try {
    const a = await api("/v1/jobs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    out.textContent = "queued " + a.id + " in class " + a.costClass + " (estimate " + ms(a.estimateMs) + ")";
    out.className = "muted";
    refresh();
  } catch (e) {
    out.textContent = e.message;
    out.className = "error";
  }
});

refresh();
setInterval(refresh, REFRESH_MS);
