// The editors' page: check names, accept or reject rewrites, translate. Talks only to this server.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { text: "", lang: "auto", matches: [], decisions: [], selected: -1, translation: "", settings: null };
const TEXT_FILES = [".txt", ".md", ".markdown"];

function setStatus(message, isError = false) {
  $("status").textContent = message;
  $("status").classList.toggle("error", isError);
}

function apiKey() { return $("api-key").value.trim(); }

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify(apiKey() ? { ...body, api_key: apiKey() } : body),
  };
  const response = await fetch(path, init);
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!response.ok) {
    throw new Error((data && data.error) || `${response.status} ${response.statusText}`);
  }
  return data;
}

function isRewrite(m) { return m.entry && !m.silenced && m.found !== m.canonical; }

// -- step 1: check names ---------------------------------------------------------------------

async function check() {
  const text = $("source").value;
  if (!text.trim()) { setStatus("Paste a text first.", true); $("source").focus(); return; }
  setStatus("Checking names…");
  try {
    const result = await api("/normalize", { q: text, lang: $("lang").value });
    state.text = text;
    state.lang = result.lang;
    state.matches = visible(result.matches);
    state.decisions = state.matches.map(() => "pending");
    state.selected = -1;
    renderReview();
    $("review-pane").hidden = false;
    $("translate-pane").hidden = false;
    $("target").value = result.lang === "uk" ? "ru" : "uk";
    clearTranslation();
    setStatus(`Language: ${langName(result.lang)}.`);
    const first = $("review").querySelector(".mention");
    if (first) first.focus();
  } catch (e) {
    setStatus(`Error: ${e.message}`, true);
  }
}

function visible(matches) {
  const out = [];
  let end = 0;
  for (const m of matches) {
    if (m.start < end || m.silenced) continue;
    out.push(m);
    end = m.end;
  }
  return out;
}

function langName(code) {
  return { en: "English", uk: "Ukrainian", ru: "Russian" }[code] || code;
}

function mentionButton(m, i, interactive) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "mention";
  b.dataset.index = i;
  if (m.entry) b.dataset.entry = m.entry;
  if (interactive && isRewrite(m)) {
    b.classList.add("rewrite");
    const was = document.createElement("span");
    was.className = "was";
    was.textContent = m.found;
    const now = document.createElement("span");
    now.className = "now";
    now.textContent = m.canonical;
    b.append(was, now);
    b.setAttribute("aria-label", `${m.found}, rewrite to ${m.canonical}`);
  } else {
    b.textContent = m.found;
    b.setAttribute("aria-label", m.entry ? `${m.found}: ${m.entry}` : `${m.found}: ambiguous`);
  }
  b.title = m.entry ? `${m.entry} (${m.kind}) — ${m.method}, score ${m.score}`
                    : `ambiguous: ${m.candidates.join(", ")}`;
  return b;
}

function decideButtons(m, i) {
  const group = document.createElement("span");
  group.className = "decide";
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", `Rewrite ${m.found} to ${m.canonical}?`);
  for (const [action, label, sign] of [["accept", "Accept", "✓"], ["reject", "Reject", "✗"]]) {
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.action = action;
    b.dataset.index = i;
    b.textContent = sign;
    b.title = `${label}: ${action === "accept" ? m.canonical : m.found}`;
    b.setAttribute("aria-label", `${label} ${m.canonical} for ${m.found}`);
    b.setAttribute("aria-pressed", "false");
    group.append(b);
  }
  return group;
}

function renderMarked(container, text, matches, interactive) {
  container.textContent = "";
  let pos = 0;
  matches.forEach((m, i) => {
    container.append(document.createTextNode(text.slice(pos, m.start)));
    container.append(mentionButton(m, i, interactive));
    if (interactive && isRewrite(m)) container.append(decideButtons(m, i));
    pos = m.end;
  });
  container.append(document.createTextNode(text.slice(pos)));
}

function renderReview() {
  renderMarked($("review"), state.text, state.matches, true);
  state.decisions.forEach((_, i) => showDecision(i));
  updateSummary();
}

function showDecision(i) {
  const d = state.decisions[i];
  const mark = $("review").querySelector(`.mention[data-index="${i}"]`);
  if (!mark) return;
  mark.classList.toggle("accepted", d === "accepted");
  mark.classList.toggle("rejected", d === "rejected");
  for (const b of $("review").querySelectorAll(`.decide button[data-index="${i}"]`)) {
    b.setAttribute("aria-pressed", String((b.dataset.action === "accept") === (d === "accepted") && d !== "pending"));
  }
}

function decide(i, decision) {
  if (!isRewrite(state.matches[i])) return;
  state.decisions[i] = decision;
  showDecision(i);
  updateSummary();
  if (state.translation) setStatus("The text changed: translate again to update the translation.");
}

function decideAll(decision) {
  state.matches.forEach((m, i) => { if (isRewrite(m)) state.decisions[i] = decision; });
  renderReview();
}

function updateSummary() {
  const rewrites = state.matches.map((m, i) => i).filter((i) => isRewrite(state.matches[i]));
  const count = (d) => rewrites.filter((i) => state.decisions[i] === d).length;
  $("summary").textContent = `${state.matches.length} names found, ${rewrites.length} to rewrite: ` +
    `${count("accepted")} accepted, ${count("rejected")} rejected, ${count("pending")} open.`;
}

function reviewedText() {
  let out = "";
  let pos = 0;
  state.matches.forEach((m, i) => {
    if (state.decisions[i] !== "accepted") return;
    out += state.text.slice(pos, m.start) + m.canonical;
    pos = m.end;
  });
  return out + state.text.slice(pos);
}

// Entries whose rewrites the editor rejected (and accepted none of): the translation leaves
// those names as the model writes them instead of putting in the house form.
function rejectedEntries() {
  const accepted = new Set();
  const rejected = new Set();
  state.matches.forEach((m, i) => {
    if (!isRewrite(m)) return;
    if (state.decisions[i] === "accepted") accepted.add(m.entry);
    if (state.decisions[i] === "rejected") rejected.add(m.entry);
  });
  return [...rejected].filter((e) => !accepted.has(e));
}

// -- details ---------------------------------------------------------------------------------

async function showDetails(m, container) {
  const body = $("details-body");
  body.textContent = "";
  const dl = document.createElement("dl");
  const add = (name, value) => {
    if (value === null || value === undefined || value === "") return;
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.textContent = value;
    dl.append(dt, dd);
  };
  add("found", m.found);
  add("entry", m.entry || "ambiguous");
  add("kind", m.kind);
  add("house form", m.canonical);
  add("found by", m.method);
  add("score", m.score);
  add("case", m.case);
  add("candidates", (m.candidates || []).join(", "));
  body.append(dl);
  if (!m.entry) return;
  try {
    const entry = await api(`/glossary/entries/${encodeURIComponent(m.entry)}` +
                            (apiKey() ? `?api_key=${encodeURIComponent(apiKey())}` : ""));
    add("en", entry.forms.en);
    add("uk", entry.forms.uk);
    add("ru", entry.forms.ru);
    add("variants", entry.variants.join(", "));
    add("glossary", entry.source);
  } catch (e) {
    add("entry details", e.message);
  }
}

function select(container, matches, i) {
  for (const el of container.querySelectorAll(".mention.selected")) el.classList.remove("selected");
  const mark = container.querySelector(`.mention[data-index="${i}"]`);
  if (mark) mark.classList.add("selected");
  if (container === $("review")) state.selected = i;
  showDetails(matches[i], container);
}

// -- step 3: translate -----------------------------------------------------------------------

function clearTranslation() {
  state.translation = "";
  state.translationMatches = [];
  $("translation").textContent = "";
  $("copy-translation").disabled = true;
  $("download-translation").disabled = true;
}

async function translate() {
  const text = reviewedText();
  const target = $("target").value;
  if (state.lang === target) { setStatus(`The text is already in ${langName(target)}.`, true); return; }
  setStatus(`Translating into ${langName(target)}…`);
  $("translate").disabled = true;
  try {
    const skip = rejectedEntries();
    const result = await api("/translate", { q: text, source: state.lang || "auto", target,
                                             ...(skip.length ? { skip_entries: skip } : {}) });
    state.translation = result.translatedText;
    const names = await api("/normalize", { q: state.translation, lang: target });
    state.translationMatches = visible(names.matches);
    renderMarked($("translation"), state.translation, state.translationMatches, false);
    $("copy-translation").disabled = false;
    $("download-translation").disabled = false;
    setStatus(`Translated into ${langName(target)}; ${state.translationMatches.length} names marked.`);
  } catch (e) {
    setStatus(`Error: ${e.message}`, true);
  } finally {
    $("translate").disabled = false;
  }
}

// -- copy, download, files -------------------------------------------------------------------

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    const area = document.createElement("textarea");
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  setStatus(`${what} copied.`);
}

function download(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function openFile(file) {
  const suffix = file.name.includes(".") ? file.name.slice(file.name.lastIndexOf(".")).toLowerCase() : "";
  if (TEXT_FILES.includes(suffix)) {
    $("source").value = await file.text();
    setStatus(`${file.name} opened.`);
    await check();
    return;
  }
  const formats = (state.settings && state.settings.supportedFilesFormat) || [];
  if (!formats.includes(suffix)) {
    setStatus(`Error: ${file.name}: format not supported (${formats.join(", ")})`, true);
    return;
  }
  const target = $("target").value;
  const form = new FormData();
  form.append("file", file);
  form.append("source", $("lang").value);
  form.append("target", target);
  if (apiKey()) form.append("api_key", apiKey());
  setStatus(`Translating ${file.name} into ${langName(target)}…`);
  try {
    const response = await fetch("/translate_file", { method: "POST", body: form });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || response.statusText);
    const link = $("file-link");
    link.href = data.translatedFileUrl;
    link.hidden = false;
    $("translate-pane").hidden = false;
    setStatus(`${file.name} translated: use the download link (it works once).`);
  } catch (e) {
    setStatus(`Error: ${e.message}`, true);
  }
}

// -- wiring ----------------------------------------------------------------------------------

function wire() {
  $("check").addEventListener("click", check);
  $("translate").addEventListener("click", translate);
  $("accept-all").addEventListener("click", () => decideAll("accepted"));
  $("reject-all").addEventListener("click", () => decideAll("rejected"));
  $("copy-reviewed").addEventListener("click", () => copy(reviewedText(), "Text"));
  $("download-reviewed").addEventListener("click", () => download(reviewedText(), "text.txt"));
  $("copy-translation").addEventListener("click", () => copy(state.translation, "Translation"));
  $("download-translation").addEventListener("click",
    () => download(state.translation, `translation.${$("target").value}.txt`));
  $("source").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); check(); }
  });
  $("review").addEventListener("click", (e) => {
    const action = e.target.closest(".decide button");
    if (action) { decide(Number(action.dataset.index), action.dataset.action === "accept" ? "accepted" : "rejected"); return; }
    const mark = e.target.closest(".mention");
    if (mark) select($("review"), state.matches, Number(mark.dataset.index));
  });
  $("review").addEventListener("focusin", (e) => {
    const mark = e.target.closest(".mention");
    if (mark) select($("review"), state.matches, Number(mark.dataset.index));
  });
  $("review").addEventListener("keydown", (e) => {
    const mark = e.target.closest(".mention, .decide button");
    if (!mark || e.ctrlKey || e.altKey || e.metaKey) return;
    const i = Number(mark.dataset.index);
    if (e.key === "a" || e.key === "A") { e.preventDefault(); decide(i, "accepted"); }
    if (e.key === "r" || e.key === "R") { e.preventDefault(); decide(i, "rejected"); }
  });
  $("translation").addEventListener("click", (e) => {
    const mark = e.target.closest(".mention");
    if (mark) select($("translation"), state.translationMatches, Number(mark.dataset.index));
  });
  $("translation").addEventListener("focusin", (e) => {
    const mark = e.target.closest(".mention");
    if (mark) select($("translation"), state.translationMatches, Number(mark.dataset.index));
  });
  $("file").addEventListener("change", () => { if ($("file").files[0]) openFile($("file").files[0]); });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer.files[0]) openFile(e.dataTransfer.files[0]);
  });
  $("api-key").value = sessionStorage.getItem("translit-api-key") || "";
  $("api-key").addEventListener("change", () => sessionStorage.setItem("translit-api-key", apiKey()));
}

async function start() {
  wire();
  try {
    state.settings = await api("/frontend/settings");
    $("key-box").hidden = !state.settings.apiKeys;
    $("formats").textContent = state.settings.supportedFilesFormat.join(" ");
    const langs = await api("/languages");
    const targets = new Set(langs.flatMap((l) => l.targets));
    for (const option of $("target").options) option.disabled = !targets.has(option.value);
  } catch (e) {
    setStatus(`Error: ${e.message}`, true);
  }
}

start();
