// Shared by the dashboard pages: API calls with the operator's key, formatting, and small DOM helpers.
// Everything from the server is put into the page with textContent, never as markup.

const keyStorage = "foreman.apiKey";

/** A failed API call: the problem's detail (RFC 9457) when the server sent one. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

export function apiKey() {
  return localStorage.getItem(keyStorage) ?? "";
}

/** Calls the JSON API, sending the stored key as a bearer token; returns the parsed body (or text for non-JSON). */
export async function api(path, options = {}) {
  const response = await send(path, options);
  const body = await parse(response);
  if (!response.ok) throw failure(path, response, body);
  return body;
}

/** Fetches binary content (the job's audio) with the key; throws the problem's detail on failure. */
export async function apiBlob(path) {
  const response = await send(path);
  if (!response.ok) throw failure(path, response, await parse(response));
  return response.blob();
}

function send(path, options = {}) {
  const headers = new Headers(options.headers);
  const key = apiKey();
  if (key) headers.set("Authorization", `Bearer ${key}`);
  return fetch(path, { ...options, headers });
}

async function parse(response) {
  const type = response.headers.get("Content-Type") ?? "";
  return type.includes("json") ? response.json() : response.text();
}

function failure(path, response, body) {
  const detail = typeof body === "object" && body !== null ? body.detail ?? body.title : body;
  const hint = response.status === 401 || response.status === 403 ? " Paste a valid API key above." : "";
  return new ApiError(response.status, `${path}: ${response.status} ${detail ?? response.statusText}.${hint}`);
}

/** Wires the key form: shows whether a key is stored, saves or clears it, and refreshes the page's data. */
export function setUpKeyForm(refresh) {
  const form = document.getElementById("key-form");
  const input = document.getElementById("api-key");
  input.value = apiKey();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (key) localStorage.setItem(keyStorage, key);
    else localStorage.removeItem(keyStorage);
    refresh();
  });
}

/** Shows (or, with null, clears) the error banner; a poll clears only what a poll put there, never an action's error. */
export function showError(error, source = "poll") {
  const banner = document.getElementById("error");
  if (error === null && banner.dataset.source !== source) return;
  banner.hidden = error === null;
  banner.textContent = error === null ? "" : error.message;
  banner.dataset.source = source;
}

/** Polls <paramref name="load"/> every few seconds, never overlapping, showing any error in the banner. */
export function poll(load, intervalMs = 2000) {
  let timer = null;
  const run = async () => {
    clearTimeout(timer);
    try {
      await load();
      showError(null);
    } catch (error) {
      showError(error);
    }
    timer = setTimeout(run, intervalMs);
  };
  run();
  return run;
}

/** Builds an element: el("td", { className: "x", title: "y" }, "text", child, ...). */
export function el(tag, properties = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name.startsWith("data-")) element.setAttribute(name, value);
    else element[name] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function jobLink(job) {
  return el("a", { href: `/jobs/${encodeURIComponent(job.id)}`, className: "id" }, job.id);
}

export function stateBadge(state) {
  return el("span", { className: `state state-${state}` }, state);
}

/** 1.2 s, 3 m 04 s, 2 h 05 m. */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "";
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} m ${String(Math.round(seconds % 60)).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} m`;
}

export function between(from, to) {
  return from && to ? duration(Date.parse(to) - Date.parse(from)) : "";
}

export function since(from) {
  return from ? duration(Date.now() - Date.parse(from)) : "";
}

export function clock(time) {
  return time ? new Date(time).toLocaleString(undefined, { dateStyle: "short", timeStyle: "medium" }) : "";
}

/** Seconds as m:ss.cc, the way lyric files show them. */
export function songTime(seconds) {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${(seconds - minutes * 60).toFixed(2).padStart(5, "0")}`;
}

/** The cancel (queued) or retry (failed, cancelled) button of a job, or null when neither applies. */
export function actionButton(job, after) {
  const action = job.state === "queued"
    ? { label: "Cancel", method: "DELETE", path: `/api/v1/jobs/${job.id}` }
    : job.state === "failed" || job.state === "cancelled"
      ? { label: "Retry", method: "POST", path: `/api/v1/jobs/${job.id}/retry` }
      : null;
  if (action === null) return null;
  const button = el("button", { type: "button", className: `action action-${action.label.toLowerCase()}`, "data-job": job.id }, action.label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await api(action.path, { method: action.method });
      showError(null, "action");
    } catch (error) {
      showError(error, "action");
    }
    after();
  });
  return button;
}

export function errorText(text) {
  return text ? el("span", { className: "error-text", title: text }, text) : "";
}
