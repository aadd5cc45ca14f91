// The dashboard page: a live scan list, the curves of the selected scan against its motor, its latest
// detector frame (rendered server-side) and the twin's devices. Everything arrives over the app's own
// SSE feeds and JSON routes; window.dashboard exposes what the browser test checks.
"use strict";

const token = new URLSearchParams(location.search).get("token");
const url = (path, params = {}) => {
  const q = new URLSearchParams(params);
  if (token) q.set("token", token);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
};
const $ = id => document.getElementById(id);

const view = {
  key: null,          // selected scan
  feed: null,         // its EventSource
  layout: null,       // { motor, curves, images }
  values: {},         // stream name -> array of numbers (by point index)
  npoints: null,
  plot: null,
  plotted: 0,         // points drawn in the last redraw
  redraws: 0,
  framesShown: 0,
  lastFrame: -1,      // index of the frame on screen
  frameReady: {},     // stream -> last saved frame index
  state: null,
  endReason: null,
  ended: false,
};
window.dashboard = view;

// ---- scan list ----
function renderScans(scans) {
  const ul = $("scans");
  ul.replaceChildren(...scans.map(s => {
    const li = document.createElement("li");
    li.dataset.key = s.key;
    li.textContent = `#${s.number} ${s.title || s.name} `;
    const badge = document.createElement("span");
    badge.className = `badge ${s.endReason || s.state}`;
    badge.textContent = s.endReason && s.endReason !== "SUCCESS" ? s.endReason : s.state;
    li.append(badge);
    if (s.key === view.key) li.classList.add("selected");
    li.onclick = () => { $("follow").checked = false; openScan(s.key); };
    return li;
  }));
  const wanted = new URLSearchParams(location.search).get("scan");
  if (!view.key && wanted) openScan(wanted);
  else if ($("follow").checked && scans.length > 0 && scans[0].key !== view.key) openScan(scans[0].key);
}

function listScans() {
  const es = new EventSource(url("api/scans/live"));
  es.addEventListener("scans", e => renderScans(JSON.parse(e.data)));
  es.onopen = () => { $("connection").textContent = "live"; };
  es.onerror = () => { $("connection").textContent = "reconnecting…"; };
}

// ---- one scan ----
function openScan(key) {
  if (view.feed) view.feed.close();
  Object.assign(view, { key, layout: null, values: {}, npoints: null, plotted: 0, lastFrame: -1, frameReady: {}, state: null, endReason: null, ended: false });
  if (view.plot) { view.plot.destroy(); view.plot = null; }
  $("detector").hidden = true;
  $("scan-title").textContent = key;
  for (const li of $("scans").children) li.classList.toggle("selected", li.dataset.key === key);
  const es = new EventSource(url(`api/scan/${encodeURIComponent(key)}/events`));
  view.feed = es;
  es.addEventListener("state", e => showState(JSON.parse(e.data)));
  es.addEventListener("layout", e => setLayout(JSON.parse(e.data)));
  es.addEventListener("points", e => addPoints(JSON.parse(e.data)));
  es.addEventListener("frame", e => frameProgress(JSON.parse(e.data)));
  es.addEventListener("end", () => { view.ended = true; es.close(); });
}

function showState(s) {
  view.state = s.state;
  view.endReason = s.endReason;
  view.npoints = s.npoints;
  $("scan-title").textContent = s.title ? `${s.title}  (${s.key})` : s.key;
  const badge = $("state");
  badge.textContent = s.state;
  badge.className = `badge ${s.state}`;
  $("end-reason").textContent = s.endReason ? `end_reason: ${s.endReason}` : "";
  $("end-reason").className = `badge ${s.endReason || ""}`;
  $("end-reason").hidden = !s.endReason;
  showProgress();
}

function showProgress() {
  const first = view.layout && (view.layout.motor || view.layout.curves[0]);
  const done = first && view.values[first] ? view.values[first].length : 0;
  const total = view.npoints || 0;
  $("progress").max = Math.max(total, 1);
  $("progress").value = done;
  $("progress-text").textContent = total ? `${done} / ${total} points` : `${done} points`;
}

function setLayout(layout) {
  view.layout = layout;
  for (const name of [layout.motor, ...layout.curves]) if (name) view.values[name] = [];
  const series = [{ label: layout.motor || "point" }, ...layout.curves.map((c, i) => ({
    label: c, stroke: palette[i % palette.length], width: 1.5, points: { show: true, size: 5 },
  }))];
  const el = $("plot");
  view.plot = new uPlot({
    width: Math.max(el.clientWidth, 400), height: 360, series,
    scales: { x: { time: false } },
    axes: [{ label: layout.motor || "point" }, {}],
  }, [[], ...layout.curves.map(() => [])], el);
  if (layout.images.length > 0) {
    $("detector").hidden = false;
    $("image-stream").replaceChildren(...layout.images.map(n => new Option(n, n)));
  }
}

const palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"];

function addPoints(p) {
  const arr = view.values[p.stream] || (view.values[p.stream] = []);
  p.values.forEach((v, i) => { arr[p.index + i] = v; });
  scheduleRedraw();
  showProgress();
}

let redrawPending = false;
function scheduleRedraw() {
  if (redrawPending) return;
  redrawPending = true;
  requestAnimationFrame(() => { redrawPending = false; redraw(); });
}

// uPlot wants ascending x: points are ordered by motor position (a scan may run either way).
function redraw() {
  const l = view.layout;
  if (!l || !view.plot) return;
  const curves = l.curves.map(c => view.values[c] || []);
  const n = Math.min(l.motor ? view.values[l.motor].length : Infinity, ...curves.map(c => c.length));
  if (!isFinite(n) || n <= 0) return;
  const xs = l.motor ? view.values[l.motor].slice(0, n) : [...Array(n).keys()];
  const order = [...Array(n).keys()].sort((a, b) => xs[a] - xs[b]);
  view.plot.setData([order.map(i => xs[i]), ...curves.map(c => order.map(i => c[i] ?? null))]);
  view.plotted = n;
  view.redraws++;
}

function frameProgress(f) {
  view.frameReady[f.stream] = f.lastSaved;
  if (f.stream === $("image-stream").value && f.lastSaved >= 0 && f.lastSaved !== view.lastFrame) showFrame(f.lastSaved);
}

let frameBusy = false;
function showFrame(index) {
  // One request at a time: while a frame loads, newer ones replace the wish, not add requests.
  view.wantedFrame = index;
  if (frameBusy) return;
  frameBusy = true;
  const stream = $("image-stream").value;
  const params = { stream, index, cmap: $("cmap").value };
  if ($("cmin").value) params.min = $("cmin").value;
  if ($("cmax").value) params.max = $("cmax").value;
  if ($("roi").value) params.roi = $("roi").value;
  const key = encodeURIComponent(view.key);
  const img = $("frame");
  img.onload = () => {
    view.lastFrame = index;
    view.framesShown++;
    view.frameWidth = img.naturalWidth;
    frameBusy = false;
    if (view.wantedFrame !== index) showFrame(view.wantedFrame);
  };
  img.onerror = () => { frameBusy = false; $("frame-caption").textContent = `frame ${index} could not be shown`; };
  img.src = url(`api/scan/${key}/frame.png`, params);
  fetch(url(`api/scan/${key}/frame.json`, params)).then(r => r.ok ? r.json() : r.text().then(t => Promise.reject(t))).then(j => {
    $("frame-caption").textContent = `frame ${j.index} (${j.width}×${j.height}), min ${fmt(j.min)}, max ${fmt(j.max)}`;
    $("roi-sum").textContent = j.roiSum != null ? `ROI sum ${fmt(j.roiSum)}` : `sum ${fmt(j.sum)}`;
    view.roiSum = j.roiSum;
  }).catch(t => { $("roi-sum").textContent = String(t); });
}

const fmt = v => Number(v).toPrecision(6).replace(/\.?0+$/, "");

for (const id of ["cmap", "cmin", "cmax", "roi", "image-stream"])
  $(id).addEventListener("change", () => {
    const ready = view.frameReady[$("image-stream").value];
    if (ready >= 0) showFrame(ready);
  });

// ---- twin ----
function renderTwin(data) {
  const body = $("twin-body");
  body.className = "";
  body.replaceChildren(table(data));
}

function table(data) {
  if (data === null || typeof data !== "object") {
    const span = document.createElement("span");
    span.textContent = JSON.stringify(data);
    return span;
  }
  const t = document.createElement("table");
  for (const [k, v] of Object.entries(data)) {
    const tr = t.insertRow();
    const th = document.createElement("th");
    th.textContent = k;
    tr.append(th);
    tr.insertCell().append(table(v));
  }
  return t;
}

async function pollTwin() {
  try {
    const r = await fetch(url("api/twin"));
    if (r.ok) renderTwin(await r.json());
    else { $("twin-body").className = "muted"; $("twin-body").textContent = await r.text(); }
  } catch (e) { $("twin-body").textContent = String(e); }
  setTimeout(pollTwin, 2000);
}

async function start() {
  const config = await (await fetch(url("api/config"))).json();
  $("cmap").replaceChildren(...config.colourMaps.map(n => new Option(n, n)));
  if (config.twin) { $("twin").hidden = false; pollTwin(); }
  listScans();
}

start();
