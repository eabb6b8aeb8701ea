// The job page: facts, actions, the event history and, once done, the aligned lyrics on a time axis with the audio.
import {
  api, apiBlob, apiKey, poll, setUpKeyForm, showError, el, stateBadge, duration, between, since, clock, songTime, actionButton, errorText,
} from "/dashboard/common.js";

const id = decodeURIComponent(location.pathname.split("/").pop());
// A line whose confidence is below this is marked "check" (docs/api.md, "The job page").
const lowConfidence = 0.5;
const downloads = [["json", "json"], ["lrc", "lrc"], ["elrc", "lrc"], ["srt", "srt"], ["vtt", "vtt"], ["textgrid", "TextGrid"]];
let previewShown = false;

document.title = `${id} · Foreman`;
const refresh = poll(load);
setUpKeyForm(refresh);

async function load() {
  const job = await api(`/api/v1/jobs/${encodeURIComponent(id)}`);
  document.getElementById("job-id").textContent = job.id;
  document.getElementById("job-state").replaceChildren(stateBadge(job.state));
  document.getElementById("actions").replaceChildren(...[actionButton(job, refresh)].filter((b) => b !== null));
  renderFacts(job);
  renderEvents(job);
  if (job.state === "done" && !previewShown) {
    renderPreview(await api(`/api/v1/jobs/${encodeURIComponent(id)}/result?format=json`));
    previewShown = true;
  }
  document.getElementById("preview").hidden = job.state !== "done";
}

function renderFacts(job) {
  const running = job.state === "loading" || job.state === "working";
  const facts = [
    ["Model", job.model],
    ["Format", job.format],
    ["Attempt", `${job.attempt} of ${job.max_attempts}`],
    job.position != null ? ["Place in line", job.position] : null,
    ["Submitted", clock(job.created_at)],
    ["Waited", job.started_at ? between(job.created_at, job.started_at) : `${since(job.created_at)} so far`],
    job.started_at ? ["Started", clock(job.started_at)] : null,
    job.started_at ? ["Ran", running ? `${since(job.started_at)} so far` : between(job.started_at, job.finished_at)] : null,
    job.finished_at ? ["Finished", clock(job.finished_at)] : null,
    job.deadline ? ["Deadline", clock(job.deadline)] : null,
    job.last_error ? ["Last error", errorText(job.last_error)] : null,
  ].filter((fact) => fact !== null);
  document.getElementById("facts").replaceChildren(...facts.flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, value)]));
}

function renderEvents(job) {
  const created = Date.parse(job.created_at);
  document.querySelector("#events tbody").replaceChildren(...job.events.map((event) =>
    el("tr", { "data-state": event.state },
      el("td", {}, stateBadge(event.state)), el("td", {}, clock(event.at)), el("td", {}, duration(Date.parse(event.at) - created)),
      el("td", {}, event.attempt), el("td", {}, errorText(event.error)))));
}

function renderPreview(result) {
  // Lines without times (skipped section tags, unaligned lines, when the result lists them) have no place on the axis.
  const timed = (line) => Number.isFinite(line.start) && Number.isFinite(line.end);
  const length = Math.max(result.duration ?? 0, ...result.lines.filter(timed).map((line) => line.end), 0.001);
  const percent = (seconds) => `${(100 * seconds / length).toFixed(3)}%`;
  const player = document.getElementById("player");
  let playable = false;
  let currentIndex = -1;

  const blocks = result.lines.map((line, index) => {
    if (!timed(line)) return null;
    const block = el("div", { className: `block lane-${index % 2}`, title: `${songTime(line.start)}–${songTime(line.end)} ${line.text}`, "data-index": index });
    block.style.left = percent(line.start);
    block.style.width = percent(Math.max(line.end - line.start, 0));
    block.addEventListener("click", (event) => { event.stopPropagation(); seek(line.start); });
    return block;
  });
  document.getElementById("lanes").replaceChildren(...blocks.filter((block) => block !== null));

  const step = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600].find((s) => length / s <= 12) ?? 1200;
  const ticks = [];
  for (let t = 0; t <= length; t += step) {
    const tick = el("span", { className: "tick" }, songTime(t).replace(/\.\d+$/, ""));
    tick.style.left = percent(t);
    ticks.push(tick);
  }
  document.getElementById("axis").replaceChildren(...ticks);

  document.getElementById("threshold").textContent = String(lowConfidence);
  const items = result.lines.map((line, index) => {
    if (!timed(line)) {
      return el("li", { className: "line untimed", "data-index": index },
        el("span", { className: "times" }, line.status ?? "not aligned"), el("span", { className: "text" }, line.text),
        line.reason ? el("span", { className: "muted" }, line.reason) : null);
    }
    const words = (line.words ?? []).flatMap((word, w) => [
      w > 0 ? " " : "",
      el("span", { className: "word", title: `${songTime(word.start)}–${songTime(word.end)}`, "data-start": word.start, "data-end": word.end }, word.text),
    ]);
    const low = line.confidence < lowConfidence;
    const item = el("li", { className: low ? "line low" : "line", "data-index": index },
      el("span", { className: "times" }, `${songTime(line.start)} – ${songTime(line.end)}`),
      el("span", { className: "text" }, ...(words.length > 0 ? words : [line.text])),
      low ? el("span", { className: "flag", title: `confidence ${line.confidence.toFixed(2)}, below ${lowConfidence}: check this line` }, "check") : null);
    item.addEventListener("click", () => seek(line.start));
    return item;
  });
  document.getElementById("lines").replaceChildren(...items);

  document.getElementById("timeline").onclick = (event) => {
    const box = document.getElementById("lanes").getBoundingClientRect();
    seek(Math.min(length, Math.max(0, length * (event.clientX - box.left) / box.width)));
  };

  // Clicking moves the audio too, when there is audio; the player's own time then drives the highlight.
  function seek(seconds) {
    if (playable) player.currentTime = seconds;
    show(seconds);
  }

  function show(seconds) {
    const playhead = document.getElementById("playhead");
    playhead.hidden = false;
    // The timeline's padding (12 px each side) is outside the lanes the blocks sit in.
    playhead.style.left = `calc(12px + (100% - 24px) * ${seconds / length})`;
    playhead.title = songTime(seconds);
    const now = result.lines.findIndex((line) => timed(line) && line.start <= seconds && seconds < line.end);
    result.lines.forEach((line, index) => {
      blocks[index]?.classList.toggle("current", index === now);
      items[index].classList.toggle("current", index === now);
    });
    if (now >= 0 && now !== currentIndex) items[now].scrollIntoView({ block: "nearest" });
    currentIndex = now;
    for (const word of document.querySelectorAll("#lines .word")) {
      word.classList.toggle("current", Number(word.dataset.start) <= seconds && seconds < Number(word.dataset.end));
    }
  }

  // While playing, follow every frame (timeupdate alone fires only about four times a second: too coarse for words).
  const follow = () => {
    show(player.currentTime);
    if (!player.paused && !player.ended) requestAnimationFrame(follow);
  };
  player.addEventListener("play", follow);
  player.addEventListener("timeupdate", () => show(player.currentTime));
  player.addEventListener("seeked", () => show(player.currentTime));
  player.addEventListener("loadedmetadata", () => { playable = true; });
  loadAudio(player);

  document.getElementById("downloads").replaceChildren("Download: ", ...downloads.map(([format, extension]) => {
    const button = el("button", { type: "button" }, format);
    button.addEventListener("click", () => download(format, extension));
    return button;
  }));
}

// The upload is served while the server keeps it. An audio element cannot send the API key, so with a key the audio
// comes through fetch as a whole blob; without one the element streams it with Range requests.
async function loadAudio(player) {
  const path = `/api/v1/jobs/${encodeURIComponent(id)}/audio`;
  const note = document.getElementById("audio-note");
  const unavailable = (why) => {
    player.hidden = true;
    note.hidden = false;
    note.textContent = `No audio to play: ${why}`;
  };
  player.addEventListener("error", () => { if (!note.textContent) unavailable("the server no longer keeps this job's audio."); });
  try {
    player.src = apiKey() ? URL.createObjectURL(await apiBlob(path)) : path;
    player.hidden = false;
  } catch (error) {
    unavailable(error.message);
  }
}

async function download(format, extension) {
  try {
    const body = await api(`/api/v1/jobs/${encodeURIComponent(id)}/result?format=${format}`);
    const text = typeof body === "string" ? body : JSON.stringify(body, null, 2);
    const link = el("a", { href: URL.createObjectURL(new Blob([text])), download: `${id}.${extension}` });
    link.click();
    URL.revokeObjectURL(link.href);
  } catch (error) {
    showError(error, "action");
  }
}
