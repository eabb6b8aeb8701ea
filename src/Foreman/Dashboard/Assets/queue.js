// The queue page: counts, running, queued and recently finished jobs, models and health, refreshed every 2 s.
import {
  api, poll, setUpKeyForm, el, jobLink, stateBadge, duration, between, since, clock, actionButton, errorText,
} from "/dashboard/common.js";

const queuedShown = 50;
const finishedShown = 25;
const states = ["queued", "loading", "working", "done", "failed", "cancelled"];

const refresh = poll(load);
setUpKeyForm(refresh);

async function load() {
  const jobs = (query) => api(`/api/v1/jobs?${query}`).then((page) => page.jobs);
  const [health, models, loading, working, queued, done, failed, cancelled] = await Promise.all([
    api("/health"),
    api("/api/v1/models"),
    jobs("state=loading&limit=10"),
    jobs("state=working&limit=10"),
    jobs(`state=queued&limit=${queuedShown}`),
    jobs(`state=done&order=newest&limit=${finishedShown}`),
    jobs(`state=failed&order=newest&limit=${finishedShown}`),
    jobs(`state=cancelled&order=newest&limit=${finishedShown}`),
  ]);
  const finished = [...done, ...failed, ...cancelled]
    .sort((a, b) => Date.parse(b.finished_at) - Date.parse(a.finished_at))
    .slice(0, finishedShown);

  renderHealth(health);
  renderCounts(health.jobs);
  fill("running", [...loading, ...working], (job) => [
    jobLink(job), stateBadge(job.state), job.model, `${job.attempt} / ${job.max_attempts}`,
    between(job.created_at, job.started_at), since(job.started_at), errorText(job.last_error), null,
  ], "Nothing is running.");
  fill("queued", queued, (job, index) => [
    index + 1, jobLink(job), job.model, `${job.attempt} / ${job.max_attempts}`, since(job.created_at),
    job.deadline ? clock(job.deadline) : "", errorText(job.last_error), actionButton(job, refresh),
  ], "The queue is empty.");
  const waiting = health.jobs.queued ?? 0;
  document.getElementById("queued-note").textContent = waiting > queued.length ? `(first ${queued.length} of ${waiting})` : "";
  fill("finished", finished, (job) => [
    jobLink(job), stateBadge(job.state), job.model, `${job.attempt} / ${job.max_attempts}`,
    between(job.created_at, job.started_at), between(job.started_at, job.finished_at), clock(job.finished_at),
    errorText(job.last_error), actionButton(job, refresh),
  ], "No job has finished yet.");
  fill("models", models.models, (model) => [
    el("span", {}, model.name, model.default ? el("span", { className: "tag" }, "default") : null),
    stateBadge(model.state), model.resident ? "yes" : "", deviceText(model),
    model.load_ms != null ? duration(model.load_ms) : "", model.warmup_ms != null ? duration(model.warmup_ms) : "",
    model.queued_jobs, errorText(model.last_error),
  ], "No model folder found.");
}

function fill(tableId, rows, cells, empty) {
  const body = document.querySelector(`#${tableId} tbody`);
  const columns = document.querySelectorAll(`#${tableId} thead th`).length;
  body.replaceChildren(...(rows.length === 0
    ? [el("tr", { className: "empty" }, el("td", { colSpan: columns }, empty))]
    : rows.map((row, index) => el("tr", { "data-id": row.id ?? row.name, "data-state": row.state ?? "" },
      ...cells(row, index).map((cell) => el("td", {}, cell))))));
}

function deviceText(model) {
  if (!model.device) return "";
  return model.device_fallback_reason
    ? el("span", { title: model.device_fallback_reason, className: "fallback" }, `${model.device} (fallback)`)
    : model.device;
}

function renderHealth(health) {
  const badge = document.getElementById("health");
  badge.textContent = health.status === "ready" ? "ready" : "not ready";
  badge.className = `badge ${health.status === "ready" ? "ok" : "bad"}`;
  badge.title = health.reasons.join("\n");
  document.getElementById("node").textContent = `v${health.version} · ${health.node}`;
  const facts = [
    ["Status", health.status === "ready" ? "ready" : `not ready: ${health.reasons.join("; ")}`],
    ["Worker", `${health.worker.state}${health.worker.job_id ? ` (${health.worker.job_id})` : ""}, since ${clock(health.worker.since)}`],
    ["Last heartbeat", health.worker.last_heartbeat ? clock(health.worker.last_heartbeat) : "none yet"],
    ["Oldest queued job", health.oldest_queued_age_seconds != null ? `waiting ${duration(health.oldest_queued_age_seconds * 1000)}` : "none"],
    ["Uptime", duration(health.uptime_seconds * 1000)],
  ];
  document.getElementById("health-report").replaceChildren(...facts.flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, value)]));
}

function renderCounts(counts) {
  document.getElementById("counts").replaceChildren(...states.map((state) =>
    el("div", { className: `count state-${state}`, "data-state": state },
      el("span", { className: "number" }, counts[state] ?? 0), el("span", { className: "label" }, state))));
}
