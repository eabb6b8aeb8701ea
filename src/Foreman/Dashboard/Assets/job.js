// The job page: facts, actions, the event history and, once done, the aligned lyrics on a time axis.
import {
  api, poll, setUpKeyForm, showError, el, stateBadge, duration, between, since, clock, songTime, actionButton, errorText,
} from "/dashboard/common.js";

const id = decodeURIComponent(location.pathname.split("/").pop());
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
    const result = await api(`/api/v1/jobs/${encodeURIComponent(id)}/result?format=json`);
    // Skipped and unaligned lines (tags, emoji) have no times: the preview shows the timed ones.
    renderPreview({ ...result, lines: result.lines.filter((line) => (line.status ?? "aligned") === "aligned") });
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
  const length = Math.max(result.duration, ...result.lines.map((line) => line.end), 0.001);
  const percent = (seconds) => `${(100 * seconds / length).toFixed(3)}%`;

  const blocks = result.lines.map((line, index) => {
    const block = el("div", { className: `block lane-${index % 2}`, title: `${songTime(line.start)}–${songTime(line.end)} ${line.text}`, "data-index": index });
    block.style.left = percent(line.start);
    block.style.width = percent(Math.max(line.end - line.start, 0));
    block.addEventListener("click", (event) => { event.stopPropagation(); seek(line.start); });
    return block;
  });
  document.getElementById("lanes").replaceChildren(...blocks);

  const step = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600].find((s) => length / s <= 12) ?? 1200;
  const ticks = [];
  for (let t = 0; t <= length; t += step) {
    const tick = el("span", { className: "tick" }, songTime(t).replace(/\.\d+$/, ""));
    tick.style.left = percent(t);
    ticks.push(tick);
  }
  document.getElementById("axis").replaceChildren(...ticks);

  const items = result.lines.map((line, index) => {
    const words = line.words.flatMap((word, w) => [
      w > 0 ? " " : "",
      el("span", { className: "word", title: `${songTime(word.start)}–${songTime(word.end)}`, "data-start": word.start, "data-end": word.end }, word.text),
    ]);
    const item = el("li", { className: line.confidence < 0.5 ? "line low" : "line", "data-index": index },
      el("span", { className: "times" }, `${songTime(line.start)} – ${songTime(line.end)}`), el("span", { className: "text" }, ...words));
    item.addEventListener("click", () => seek(line.start));
    return item;
  });
  document.getElementById("lines").replaceChildren(...items);

  document.getElementById("timeline").onclick = (event) => {
    const box = document.getElementById("lanes").getBoundingClientRect();
    seek(Math.min(length, Math.max(0, length * (event.clientX - box.left) / box.width)));
  };

  function seek(seconds) {
    const playhead = document.getElementById("playhead");
    playhead.hidden = false;
    // The timeline's padding (12 px each side) is outside the lanes the blocks sit in.
    playhead.style.left = `calc(12px + (100% - 24px) * ${seconds / length})`;
    playhead.title = songTime(seconds);
    result.lines.forEach((line, index) => {
      const on = line.start <= seconds && seconds < line.end;
      blocks[index].classList.toggle("current", on);
      items[index].classList.toggle("current", on);
      if (on) items[index].scrollIntoView({ block: "nearest" });
    });
    for (const word of document.querySelectorAll("#lines .word")) {
      word.classList.toggle("current", Number(word.dataset.start) <= seconds && seconds < Number(word.dataset.end));
    }
  }

  document.getElementById("downloads").replaceChildren("Download: ", ...downloads.map(([format, extension]) => {
    const button = el("button", { type: "button" }, format);
    button.addEventListener("click", () => download(format, extension));
    return button;
  }));
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
