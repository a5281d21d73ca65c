// The Denial Explainer page: drop 835 files, see the money, the denials and a worklist.
// Files are read here and parsed by the engine in a Web Worker (bridge.js); the page only
// shows what the engine's answers say (summary, rows, claim): it never totals anything.
// Views: #summary, #worklist, #claims, #lookup and #claim/<row> (hash routing, so Back works).
// The same code runs in the single-file build (denial-explainer-offline.html), where the
// engine comes from an inline script (#dx-engine-src) started as a blob worker.
import { h, formatMoney, formatCount, formatPercent, summaryCards, barChart, paymentsTable, providerAdjustments, balanceFindings, fileStatus, claimsTable, claimDetail, codeAnswer, outcomeBadge } from './render.js';
import { WorkerBridge, sharedBridge } from './bridge.js';
import { Engine } from './app-engine.js';
import { rawSegmentsFor, download, stamp } from './app-files.js';
import { trendsView, fillSliceForm, sliceLabel, sliceCards } from './app-trends.js';

const $ = (id) => document.getElementById(id);
const VIEWS = ['summary', 'worklist', 'claims', 'trends', 'lookup'];
const PAGE_SIZES = [25, 50, 100, 250];
const OUTCOME_LABELS = {
  needs_action: 'Needs work (worklist)',
  denied: 'Denied',
  partially_denied: 'Partially denied',
  paid_with_contractual_reductions: 'Paid with contractual reductions',
  paid_as_expected: 'Paid as expected',
  patient_responsibility_only: 'Patient responsibility only',
  reversed: 'Reversed',
  forwarded_to_another_payer: 'Forwarded to another payer',
  predetermination: 'Predetermination',
};

// ---------------------------------------------------------------------------------------------
// Engine: the worker from bridge.js, or in the single-file build a blob worker built from the
// inline engine source.

const inlineEngine = document.getElementById('dx-engine-src');
let inlineUrl = null;
const bridge = inlineEngine
  ? new WorkerBridge(() => {
    inlineUrl ??= URL.createObjectURL(new Blob([inlineEngine.textContent], { type: 'text/javascript' }));
    return new Worker(inlineUrl);
  })
  : sharedBridge();
const engine = new Engine(bridge);

const state = {
  mask: false,
  files: [],            // [{file: File, status, raws: Map}]
  summary: null,        // Session.summary() answer
  view: 'summary',
  returnView: 'worklist',
  worklist: { offset: 0, limit: 50 },
  claims: { offset: 0, limit: 50 },
  nav: { view: 'worklist', rows: [] },   // row ids of the list the claim was opened from
  queue: Promise.resolve(),
  epoch: 0,             // bumps on cancel/clear: queued batches of an older epoch are dropped
  abort: null,
  dirty: new Set(VIEWS),
  renderToken: { worklist: 0, claims: 0, claim: 0, lookup: 0, trends: 0 },
  slice: {},            // {payer, month, provider}: narrows every view (engine breakdowns)
  trends: null,         // engine trends answer for the slice
  trendsSort: { key: 'billed', descending: true },
};

/** The slice for engine queries, or undefined when nothing is narrowed. */
function activeSlice() {
  const s = state.slice;
  return s.payer || s.month || s.provider ? { ...s } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Status, alerts, progress

function say(text) {
  $('status').textContent = text;
}

function alertBox(text) {
  const box = $('alert');
  box.textContent = text;
  box.hidden = !text;
}

function showProgress(label, fraction) {
  $('progress').hidden = false;
  $('progress-label').textContent = label;
  const bar = $('progress-bar');
  if (fraction === null || fraction === undefined) bar.removeAttribute('value');
  else bar.value = Math.max(0, Math.min(1, fraction));
  document.body.classList.add('is-busy');
}

function formatBytes(n) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Dims a list while its query runs (only when it takes a moment: the class fades in late). */
async function busy(node, promise) {
  node.setAttribute('aria-busy', 'true');
  node.classList.add('is-loading');
  try {
    return await promise;
  } finally {
    node.removeAttribute('aria-busy');
    node.classList.remove('is-loading');
  }
}

function hideProgress() {
  $('progress').hidden = true;
  document.body.classList.remove('is-busy');
}

// ---------------------------------------------------------------------------------------------
// Loading files

function enqueue(files) {
  const list = Array.from(files ?? []).filter(Boolean);
  if (!list.length) return state.queue;
  const epoch = state.epoch;
  state.queue = state.queue.then(() => (epoch === state.epoch ? loadBatch(list) : undefined)).catch(() => {});
  return state.queue;
}

async function loadBatch(files) {
  const controller = new AbortController();
  state.abort = controller;
  const signal = controller.signal;
  const totalBytes = files.reduce((n, f) => n + (f.size || 0), 0) || 1;
  let doneBytes = 0;
  let lastRefresh = performance.now();
  // Each interim refresh costs more as the batch grows (summary, trends, file list): wait at
  // least ten times its cost before the next one, so refreshing stays under a tenth of the time.
  let refreshGap = 1500;
  alertBox('');
  try {
    for (let i = 0; i < files.length; i++) {
      const file = files[i];
      const of = files.length > 1 ? ` (${i + 1} of ${files.length})` : '';
      showProgress(`Reading ${file.name}${of}`, doneBytes / totalBytes);
      // The worker reads the file straight into the engine (the page never holds it whole),
      // then parses it in one call: shown as indeterminate for big files.
      const status = await engine.addBlob(file, signal, (loaded, total) => {
        if (loaded < total) showProgress(`Reading ${file.name}${of}`, (doneBytes + loaded * 0.5) / totalBytes);
        else showProgress(`Analyzing ${file.name}${of} (${formatBytes(file.size)})…`, file.size > 4 * 1024 * 1024 ? null : (doneBytes + file.size * 0.75) / totalBytes);
      });
      doneBytes += file.size;
      const entry = { file, status, raws: new Map() };
      state.files.push(entry);
      entry.raws = await rawSegmentsFor(file, status.diagnostics ?? []);
      // The file list is redrawn at most every 1.5 s (and at the end): redrawing every
      // file's status after each of thousands of small files made the batch quadratic.
      if (files.length < 20) renderFiles();
      if (performance.now() - lastRefresh > refreshGap && i < files.length - 1) {
        const started = performance.now();
        if (files.length >= 20) renderFiles();
        await refresh();
        lastRefresh = performance.now();
        refreshGap = Math.max(1500, 10 * (lastRefresh - started));
      }
    }
    renderFiles();
    await refresh();
    const s = state.summary?.summary ?? {};
    const problems = state.files.filter((f) => f.status.status !== 'read').length;
    say(`Read ${formatCount(state.files.length)} ${state.files.length === 1 ? 'file' : 'files'}: ${formatCount(s.claims ?? 0)} claims, ${formatCount(state.summary?.worklist_size ?? 0)} need work${problems ? `, ${problems} ${problems === 1 ? 'file has' : 'files have'} problems (see Files)` : ''}.`);
  } catch (error) {
    if (error?.name === 'AbortError') {
      await afterCancel();
    } else {
      alertBox(`Something went wrong while reading the files: ${error?.message ?? error}. Nothing left this device.`);
      if (engine.lost || !engine.hasSession) await afterCancel(false);
    }
  } finally {
    if (state.abort === controller) state.abort = null;
    hideProgress();
  }
}

function cancel() {
  if (!state.abort) return;
  state.epoch++;
  state.abort.abort();   // WorkerBridge terminates the worker: the parse stops at once
}

async function afterCancel(cancelled = true) {
  await clearAll({ quiet: true });
  say(cancelled ? 'Cancelled. The analysis was stopped and nothing was kept: load the files again when ready.'
    : 'The engine stopped; the files read so far were dropped. Load them again.');
}

async function clearAll({ quiet = false } = {}) {
  state.epoch++;
  if (state.abort) state.abort.abort();
  await engine.reset();
  state.files = [];
  state.summary = null;
  state.trends = null;
  state.slice = {};
  $('slice').reset();
  state.worklist.offset = 0;
  state.claims.offset = 0;
  state.nav = { view: 'worklist', rows: [] };
  $('filters').reset();
  renderFiles();
  markDirty();
  updateChrome();
  if (state.view === 'claim') location.hash = 'summary';
  else renderView(state.view);
  if (!quiet) say('Cleared. Nothing is kept once you close this page.');
}

async function refresh() {
  if (!engine.hasSession) return;
  state.summary = await engine.summary();
  state.trends = await engine.trends(activeSlice() ?? {});
  fillSliceForm(state.trends.choices, state.slice);
  markDirty();
  updateChrome();
  fillFilterOptions();
  if (state.view === 'claim') return;
  await renderView(state.view);
}

function markDirty() {
  for (const v of VIEWS) if (v !== 'lookup') state.dirty.add(v);
}

async function loadSample() {
  try {
    let file;
    const embedded = document.getElementById('dx-sample');
    if (embedded) {
      file = new File([embedded.textContent.trim()], 'sample.835', { type: 'text/plain' });
    } else {
      const response = await fetch('./sample.835');
      if (!response.ok) throw new Error(`sample.835: ${response.status}`);
      file = new File([await response.arrayBuffer()], 'sample.835', { type: 'text/plain' });
    }
    await enqueue([file]);
    if (state.summary) location.hash = 'summary';
  } catch (error) {
    alertBox(`Could not load the sample: ${error?.message ?? error}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Chrome: file list, counts, export buttons

function renderFiles() {
  const box = $('files');
  if (!state.files.length) {
    box.hidden = true;
    state.problemsShown = 0;
    $('files-list').replaceChildren();
    return;
  }
  box.hidden = false;
  const problems = state.files.filter((f) => f.status.status !== 'read');
  $('files-summary').replaceChildren(
    h('span', { class: 'files__title', text: `${formatCount(state.files.length)} ${state.files.length === 1 ? 'file' : 'files'} read` }),
    problems.length ? h('span', { class: 'dx-badge dx-badge--warn' }, h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: '!' }),
      `${problems.length} with problems`) : h('span', { class: 'dx-badge dx-badge--ok' }, h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: '✓' }), 'all read cleanly'));
  // Open the list when a new file with problems arrives (not again after the user closed it).
  if (problems.length > (state.problemsShown ?? 0)) $('files-details').open = true;
  state.problemsShown = problems.length;
  // Files with problems first, then the rest in load order.
  const ordered = [...problems, ...state.files.filter((f) => f.status.status === 'read')];
  const hidden = { text: 'hidden while patient data is masked', note: '' };
  $('files-list').replaceChildren(...ordered.map((f) => fileStatus(f.status, { rawFor: (d) => (f.raws.has(d) && state.mask ? hidden : f.raws.get(d)) })));
}

function updateChrome() {
  const loaded = !!state.summary;
  $('clear').hidden = !state.files.length;
  $('export-csv').disabled = !loaded;
  $('export-json').disabled = !loaded;
  $('count-worklist').textContent = loaded ? formatCount(state.summary.worklist_size ?? 0) : '';
  $('count-claims').textContent = loaded ? formatCount(state.summary.summary?.claims ?? 0) : '';
  $('slice').hidden = !loaded;
  document.body.classList.toggle('has-data', loaded);
  $('intake').classList.toggle('intake--compact', loaded);
}

function fillFilterOptions() {
  const s = state.summary;
  if (!s) return;
  const keep = (select) => select.value;
  const outcome = $('f-outcome');
  const action = $('f-action');
  const payer = $('f-payer');
  const [o, a, p] = [keep(outcome), keep(action), keep(payer)];
  outcome.replaceChildren(h('option', { value: '', text: 'All outcomes' }), h('option', { value: 'needs_action', text: OUTCOME_LABELS.needs_action }),
    ...Object.entries(s.summary?.outcomes ?? {}).map(([id, n]) => h('option', { value: id, text: `${OUTCOME_LABELS[id] ?? id.replace(/_/g, ' ')} (${formatCount(n)})` })));
  action.replaceChildren(h('option', { value: '', text: 'All actions' }),
    ...(s.summary?.by_action ?? []).map((x) => h('option', { value: x.action, text: x.label })));
  const payers = [...new Set((s.transactions ?? []).map((t) => t.payer?.name).filter(Boolean))].sort();
  payer.replaceChildren(h('option', { value: '', text: 'All payers' }), ...payers.map((name) => h('option', { value: name, text: name })));
  outcome.value = o;
  action.value = [...action.options].some((x) => x.value === a) ? a : '';
  payer.value = payers.includes(p) ? p : '';
  if (outcome.value !== o) outcome.value = '';
}

// ---------------------------------------------------------------------------------------------
// Views and routing

function route() {
  const hash = decodeURIComponent(location.hash.slice(1));
  const claim = /^claim\/(\d+)$/.exec(hash);
  if (claim) {
    if (engine.hasSession && state.summary) return showClaim(Number(claim[1]));
    history.replaceState(null, '', '#summary');
    return showView('summary');
  }
  const lookup = /^lookup(?:\/(.+))?$/.exec(hash);
  if (lookup) {
    showView('lookup');
    if (lookup[1]) runLookup(lookup[1]);
    return undefined;
  }
  return showView(VIEWS.includes(hash) ? hash : 'summary');
}

function showView(view, { focus = false } = {}) {
  const wasClaim = state.view === 'claim';
  state.view = view;
  for (const v of VIEWS) {
    const tab = $(`tab-${v}`);
    const selected = v === view;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`panel-${v}`).hidden = !selected;
  }
  $('view-claim').hidden = true;
  document.body.dataset.view = view;
  if (focus) $(`tab-${view}`).focus();
  const done = renderView(view);
  if (wasClaim && state.lastOpened !== undefined) {
    done.then(() => {
      const button = document.querySelector(`#panel-${view} tr[data-row="${state.lastOpened}"] button`);
      button?.focus();
    });
  }
  return done;
}

async function renderView(view) {
  try {
    if (view === 'summary') renderSummary();
    else if (view === 'trends') renderTrends();
    else if (view === 'worklist') await renderWorklist();
    else if (view === 'claims') await renderClaims();
    state.dirty.delete(view);
  } catch (error) {
    if (error?.name !== 'AbortError') alertBox(`Could not show this view: ${error?.message ?? error}`);
  }
}

/** replaceChildren() that skips null/false (a plain replaceChildren would print "null"). */
function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

function section(title, ...children) {
  return h('section', { class: 'block' }, h('h3', { class: 'block__title', text: title }), children);
}

function renderSummary() {
  const body = $('summary-body');
  const s = state.summary;
  $('summary-empty').hidden = !!s;
  body.hidden = !s;
  if (!s) {
    body.replaceChildren();
    return;
  }
  const sum = s.summary ?? {};
  const transactions = s.transactions ?? [];
  const parts = [];

  if (sum.duplicate_payments > 0) {
    parts.push(h('p', { class: 'notice notice--warn', role: 'note' },
      h('strong', { text: `${formatCount(sum.duplicate_payments)} retransmitted ${sum.duplicate_payments === 1 ? 'payment' : 'payments'} found. ` }),
      'The same payment arrived more than once; it is flagged below and counted only once in every total.'));
  }
  parts.push(h('h2', { class: 'visually-hidden', text: 'Summary' }));
  if (activeSlice() && state.trends) parts.push(sliceCards(state.trends.total, sliceLabel(state.slice, state.trends.choices)));
  parts.push(summaryCards(sum));

  const outcomes = Object.entries(sum.outcomes ?? {});
  if (outcomes.length) {
    parts.push(h('div', { class: 'outcomes', role: 'group', 'aria-label': 'Claims by outcome' },
      outcomes.map(([id, n]) => h('button', { type: 'button', class: 'outcome-chip', onclick: () => openClaimsFiltered({ outcome: id }) },
        outcomeBadge(id, OUTCOME_LABELS[id]), h('span', { class: 'outcome-chip__count', text: formatCount(n) })))));
  }

  parts.push(h('div', { class: 'grid-2' },
    section('Adjusted dollars by category', barChart((sum.by_category ?? []).map((c) => ({ label: c.label, amount: c.amount, count: c.count })),
      { note: (it) => `${formatCount(it.count)} ${it.count === 1 ? 'adjustment' : 'adjustments'}` })),
    section('Adjusted dollars by next action', barChart((sum.by_action ?? []).map((c) => ({ label: c.label, amount: c.amount, count: c.count })),
      { note: (it) => `${formatCount(it.count)} ${it.count === 1 ? 'claim' : 'claims'}` }))));

  const reasons = sum.top_reasons ?? [];
  if (reasons.length) {
    parts.push(section('Top adjustment reasons',
      h('div', { class: 'dx-table-wrap' }, h('table', { class: 'dx-table dx-table--reasons' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Code' }), h('th', { scope: 'col', text: 'Official description' }),
          h('th', { scope: 'col', class: 'dx-num', text: 'Count' }), h('th', { scope: 'col', class: 'dx-num', text: 'Amount' }))),
        h('tbody', {}, reasons.map((r) => h('tr', {},
          h('td', { 'data-label': 'Code' }, h('a', { class: 'dx-code', href: `#lookup/${encodeURIComponent(r.code)}`, title: `Look up ${r.code}`, text: r.code })),
          h('td', { 'data-label': 'Description', class: 'reason-desc' }, h('span', { class: 'clamp', text: r.description || 'Not in the official list' })),
          h('td', { 'data-label': 'Count', class: 'dx-num', text: formatCount(r.count) }),
          h('td', { 'data-label': 'Amount', class: 'dx-num', text: formatMoney(r.amount) }))))))));
  }

  const shown = transactions.slice(0, 200);
  parts.push(section(`Payments (${formatCount(transactions.length)})`,
    h('dl', { class: 'totals' },
      h('div', {}, h('dt', { text: 'Total of payments (BPR)' }), h('dd', { class: 'dx-num', text: formatMoney(sum.total_payments) })),
      h('div', {}, h('dt', { text: 'Provider adjustments (PLB)' }), h('dd', { class: 'dx-num', text: formatMoney(sum.provider_adjustment_total) }))),
    shown.length ? paymentsTable(shown, { files: s.files ?? [] }) : h('p', { class: 'dx-muted', text: 'No payment was read.' }),
    transactions.length > shown.length ? h('p', { class: 'dx-muted', text: `Showing the first ${shown.length} payments; the report JSON has all of them.` }) : null));

  parts.push(section('Provider-level adjustments (PLB)',
    providerAdjustments(transactions) ?? h('p', { class: 'dx-muted', text: 'None: no amount was withheld from or added to these payments outside the claims.' })));

  parts.push(section('Balance checks',
    balanceFindings(transactions) ?? h('p', { class: 'ok-line' }, h('span', { 'aria-hidden': 'true', text: '✓ ' }), 'Every payment, claim and service line balances.')));

  fill(body, ...parts);
}

function pager(total, pos, onChange, label) {
  const { offset, limit } = pos;
  const first = total ? offset + 1 : 0;
  const last = Math.min(offset + limit, total);
  const size = h('select', { 'aria-label': `${label}: rows per page`, onchange: (e) => { pos.limit = Number(e.target.value); pos.offset = 0; onChange(); } },
    PAGE_SIZES.map((n) => h('option', { value: String(n), text: `${n} per page`, selected: n === limit })));
  return h('nav', { class: 'pager', 'aria-label': `${label} pages` },
    h('span', { class: 'pager__range', text: total ? `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}` : 'No claims' }),
    h('span', { class: 'pager__buttons' },
      h('button', { type: 'button', class: 'button button--small', disabled: offset === 0, onclick: () => { pos.offset = Math.max(0, offset - limit); onChange(true); } }, '‹ Previous'),
      h('button', { type: 'button', class: 'button button--small', disabled: last >= total, onclick: () => { pos.offset = offset + limit; onChange(true); } }, 'Next ›')),
    size);
}

function emptyState(title, text) {
  return h('div', { class: 'empty' }, h('h3', { class: 'empty__title', text: title }), h('p', { text }));
}

async function renderWorklist(scrollTop = false) {
  const body = $('worklist-body');
  if (!state.summary) {
    body.replaceChildren(emptyState('No worklist yet', 'Load 835 files to see the claims that need work.'));
    return;
  }
  const token = ++state.renderToken.worklist;
  const pos = state.worklist;
  const page = await busy(body, engine.rows({ outcome: 'needs_action', sort: 'at_stake', descending: true, offset: pos.offset, limit: pos.limit, slice: activeSlice() }, state.mask));
  if (token !== state.renderToken.worklist) return;
  if (!page.total) {
    body.replaceChildren(emptyState('Nothing to work', 'No claim needs an appeal, a corrected claim or a call: what remains is routine posting (write-offs, patient billing).'));
    return;
  }
  if (page.rows.length === 0 && pos.offset > 0) {
    pos.offset = 0;
    await renderWorklist();
    return;
  }
  state.nav = { view: 'worklist', rows: page.rows.map((r) => r.row) };
  fill(body,
    pager(page.total, pos, (top) => renderWorklist(top), 'Worklist'),
    claimsTable(page.rows, { columns: ['patient', 'payer_claim', 'payer', 'action', 'codes', 'charge', 'paid', 'at_stake'], onOpen: (r) => openClaim(r.row, 'worklist'), caption: `Claims needing work, by amount at stake (${formatCount(page.total)})`, className: 'worklist-table' }),
    page.total > pos.limit ? pager(page.total, pos, (top) => renderWorklist(top), 'Worklist (bottom)') : null);
  if (scrollTop) $('panel-worklist').scrollIntoView({ block: 'start' });
}

function claimQuery() {
  const q = {};
  const text = $('f-text').value.trim();
  const code = $('f-code').value.trim();
  if (text) q.text = text;
  if (code) q.code = code;
  if ($('f-outcome').value) q.outcome = $('f-outcome').value;
  if ($('f-action').value) q.action = $('f-action').value;
  if ($('f-payer').value) q.payer = $('f-payer').value;
  if (activeSlice()) q.slice = activeSlice();
  const sort = $('f-sort').value;
  if (sort) {
    q.sort = sort;
    q.descending = sort !== 'patient';
  }
  return q;
}

async function renderClaims(scrollTop = false) {
  const body = $('claims-body');
  $('filters').hidden = !state.summary;
  if (!state.summary) {
    body.replaceChildren(emptyState('No claims yet', 'Load 835 files to list, filter and search their claims.'));
    return;
  }
  const token = ++state.renderToken.claims;
  const pos = state.claims;
  const query = { ...claimQuery(), offset: pos.offset, limit: pos.limit };
  const page = await busy(body, engine.rows(query, state.mask));
  if (token !== state.renderToken.claims) return;
  if (page.rows.length === 0 && pos.offset > 0 && page.total > 0) {
    pos.offset = 0;
    await renderClaims();
    return;
  }
  state.nav = { view: 'claims', rows: page.rows.map((r) => r.row) };
  fill(body,
    pager(page.total, pos, (top) => renderClaims(top), 'Claims'),
    page.total ? claimsTable(page.rows, { columns: ['patient', 'payer_claim', 'payer', 'outcome', 'action', 'codes', 'charge', 'paid', 'at_stake'], onOpen: (r) => openClaim(r.row, 'claims'), caption: `Claims (${formatCount(page.total)} matching)`, className: 'claims-table' })
      : emptyState('No claim matches', 'Change or reset the filters.'),
    page.total > pos.limit ? pager(page.total, pos, (top) => renderClaims(top), 'Claims (bottom)') : null);
  if (scrollTop) $('panel-claims').scrollIntoView({ block: 'start' });
}

function openClaimsFiltered({ outcome = '', code = '' }) {
  $('filters').reset();
  if (outcome) {
    fillFilterOptions();
    $('f-outcome').value = outcome;
  }
  if (code) $('f-code').value = code;
  state.claims.offset = 0;
  state.dirty.add('claims');
  location.hash = 'claims';
}

function openClaim(row, from) {
  state.returnView = from;
  location.hash = `claim/${row}`;
}

async function showClaim(row) {
  state.view = 'claim';
  state.lastOpened = row;
  for (const v of VIEWS) {
    $(`panel-${v}`).hidden = true;
    $(`tab-${v}`).setAttribute('aria-selected', String(v === state.returnView));
    $(`tab-${v}`).tabIndex = v === state.returnView ? 0 : -1;
  }
  document.body.dataset.view = 'claim';
  const view = $('view-claim');
  view.hidden = false;
  const body = $('claim-body');
  const token = ++state.renderToken.claim;
  body.replaceChildren(h('p', { class: 'dx-muted', text: 'Loading the claim…' }));
  $('claim-back').textContent = `← Back to ${state.returnView === 'claims' ? 'Claims' : 'Worklist'}`;
  const list = state.nav.rows;
  const at = list.indexOf(row);
  $('claim-prev').disabled = at <= 0;
  $('claim-next').disabled = at < 0 || at >= list.length - 1;
  try {
    const claim = await engine.claim(row, state.mask);
    if (token !== state.renderToken.claim) return;
    // Raw segments carry names and IDs: not offered while patient data is masked.
    const detail = claimDetail(claim, { loadRaw: state.mask ? undefined : () => engine.rawSegments(row), headingLevel: 2 });
    if (state.mask) detail.append(h('p', { class: 'dx-muted dx-section', text: 'Raw segments are hidden while patient data is masked.' }));
    body.replaceChildren(detail);
    const heading = body.querySelector('.dx-claim__title');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
    window.scrollTo({ top: view.offsetTop - 8 });
  } catch (error) {
    body.replaceChildren(h('p', { class: 'alert', text: `Could not load this claim: ${error?.message ?? error}` }));
  }
}

function stepClaim(delta) {
  const list = state.nav.rows;
  const at = list.indexOf(state.lastOpened);
  const next = list[at + delta];
  if (next !== undefined) location.replace(`#claim/${next}`);
}

// ---------------------------------------------------------------------------------------------
// Code lookup

function looksLikeCode(q) {
  return /^(?:(?:CO|PR|OA|PI|CR)\s*-?\s*)?[A-Z]{0,2}\d{1,4}[A-Z]?$/i.test(q.trim()) || /^(?:CO|PR|OA|PI|CR)$/i.test(q.trim());
}

async function runLookup(query) {
  const q = String(query ?? '').trim();
  const out = $('lookup-result');
  const input = $('lookup-input');
  if (input.value.trim() !== q) input.value = q;
  if (!q) {
    out.replaceChildren();
    return;
  }
  const token = ++state.renderToken.lookup;
  out.replaceChildren(h('p', { class: 'dx-muted', text: 'Looking up…' }));
  try {
    const answer = await engine.lookup(q);
    let shown = answer;
    if (!answer.found && !looksLikeCode(q)) {
      const hits = await engine.search(q, 15);
      shown = hits.hits?.length ? hits : [answer, hits];
    }
    if (token !== state.renderToken.lookup) return;
    const pick = (code, list) => {
      const prefix = list === 'carc' ? '' : '';
      location.hash = `lookup/${encodeURIComponent(prefix + code)}`;
    };
    const parts = [codeAnswer(shown, { onPick: pick })];
    if (answer.found && state.summary) {
      parts.push(h('p', { class: 'lookup__inbatch' }, h('button', { type: 'button', class: 'button button--small', onclick: () => openClaimsFiltered({ code: q }) }, `Show claims with ${q} in the files read`)));
    }
    fill(out, ...parts);
  } catch (error) {
    out.replaceChildren(h('p', { class: 'alert', text: `Lookup failed: ${error?.message ?? error}` }));
  }
}

// ---------------------------------------------------------------------------------------------
// Exports

async function exportCsv() {
  if (!engine.hasSession) return;
  const csv = await engine.worklistCsv(state.mask);
  download(`denial-worklist-${stamp()}${state.mask ? '-masked' : ''}.csv`, csv, 'text/csv;charset=utf-8');
  say(`Worklist CSV saved${state.mask ? ' (patient data masked)' : ''}.`);
}

async function exportJson() {
  if (!engine.hasSession) return;
  const json = await engine.reportJson(state.mask);
  download(`denial-report-${stamp()}${state.mask ? '-masked' : ''}.json`, json, 'application/json');
  say(`Report JSON saved${state.mask ? ' (patient data masked)' : ''}.`);
}

// ---------------------------------------------------------------------------------------------
// Wiring

function setupDrop() {
  const veil = $('dropveil');
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    veil.hidden = false;
  });
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) veil.hidden = true;
  });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    veil.hidden = true;
    const files = e.dataTransfer?.files;
    if (files?.length) enqueue(files).then(() => { if (state.summary && state.view !== 'summary') location.hash = 'summary'; });
  });
}

function setupTabs() {
  const tabs = VIEWS.map((v) => $(`tab-${v}`));
  for (const tab of tabs) {
    tab.addEventListener('click', () => {
      const view = tab.dataset.view;
      if (location.hash === `#${view}`) showView(view);
      else location.hash = view;
    });
  }
  $('tablist').addEventListener('keydown', (e) => {
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    let next = null;
    if (e.key === 'ArrowRight') next = (at + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (at - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next === null) return;
    e.preventDefault();
    tabs[next].focus();
    location.hash = VIEWS[next];
  });
}

function setupFilters() {
  let timer = 0;
  const rerun = (delay) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.claims.offset = 0;
      renderClaims();
    }, delay);
  };
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    rerun(0);
  });
  $('filters').addEventListener('input', (e) => rerun(e.target.tagName === 'SELECT' ? 0 : 250));
  $('filters').addEventListener('reset', () => rerun(0));
}

// The slice narrows every view: the engine answers trends, rows and the worklist for it.
function setupSlice() {
  const apply = async () => {
    state.slice = { payer: $('slice-payer').value, month: $('slice-month').value, provider: $('slice-provider').value };
    state.worklist.offset = 0;
    state.claims.offset = 0;
    if (!engine.hasSession) return;
    state.trends = await engine.trends(activeSlice() ?? {});
    const label = sliceLabel(state.slice, state.trends.choices);
    $('slice-note').textContent = label ? `Every view shows ${label}: ${formatCount(state.trends.total.claims)} claims.` : '';
    markDirty();
    if (state.view !== 'claim') await renderView(state.view);
  };
  $('slice').addEventListener('submit', (e) => e.preventDefault());
  $('slice').addEventListener('change', apply);
  $('slice').addEventListener('reset', () => setTimeout(apply, 0));
}

function pickPayer(key) {
  $('slice-payer').value = key;
  $('slice').dispatchEvent(new Event('change'));
}

function renderTrends() {
  const body = $('trends-body');
  if (!state.summary || !state.trends) {
    body.replaceChildren(emptyState('No trends yet', 'Load 835 files (this week on top of last year) to see denials by payer and month.'));
    return;
  }
  const onSort = (key) => {
    const s = state.trendsSort;
    state.trendsSort = { key, descending: s.key === key ? !s.descending : key !== 'label' };
    renderTrends();
    document.querySelector(`#payer-table button[data-sort="${key}"]`)?.focus();
  };
  fill(body, trendsView(state.trends, { sort: state.trendsSort, onSort, onPick: pickPayer }));
}

function setup() {
  setupSlice();
  setupDrop();
  setupTabs();
  setupFilters();
  $('choose').addEventListener('click', () => $('file').click());
  $('file').addEventListener('change', (e) => {
    const files = [...e.target.files];
    e.target.value = '';
    enqueue(files).then(() => { if (state.summary && state.view !== 'summary' && state.view !== 'claim') location.hash = 'summary'; });
  });
  $('sample').addEventListener('click', loadSample);
  $('clear').addEventListener('click', () => clearAll());
  $('cancel').addEventListener('click', cancel);
  $('export-csv').addEventListener('click', () => exportCsv().catch((e) => alertBox(`Export failed: ${e?.message ?? e}`)));
  $('export-json').addEventListener('click', () => exportJson().catch((e) => alertBox(`Export failed: ${e?.message ?? e}`)));
  $('print').addEventListener('click', () => window.print());
  window.addEventListener('beforeprint', () => {
    const names = state.files.map((f) => f.file.name);
    const what = { summary: 'Summary', worklist: 'Worklist', claims: 'Claims', lookup: 'Code lookup', claim: 'Claim detail' }[state.view];
    $('print-meta').textContent = `Denial Explainer · ${what} · printed ${new Date().toLocaleString()}`
      + (names.length ? ` · ${names.length === 1 ? names[0] : `${names.length} files`}` : '')
      + (state.mask ? ' · patient data masked' : '');
  });
  $('mask').addEventListener('change', (e) => {
    state.mask = e.target.checked;
    document.body.classList.toggle('is-masked', state.mask);
    markDirty();
    renderFiles();
    say(state.mask ? 'Patient names and IDs are masked on screen and in exports.' : 'Patient data shown.');
    if (state.view === 'claim') showClaim(state.lastOpened);
    else renderView(state.view);
  });
  $('claim-back').addEventListener('click', () => { location.hash = state.returnView || 'worklist'; });
  $('claim-prev').addEventListener('click', () => stepClaim(-1));
  $('claim-next').addEventListener('click', () => stepClaim(1));
  $('lookup-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = $('lookup-input').value.trim();
    if (!q) return;
    const target = `#lookup/${encodeURIComponent(q)}`;
    if (location.hash === target) runLookup(q);
    else location.hash = target;
  });
  $('lookup-examples').addEventListener('click', (e) => {
    const q = e.target.closest('button[data-q]')?.dataset.q;
    if (q) location.hash = `lookup/${encodeURIComponent(q)}`;
  });
  bridge.addEventListener('restart', () => {
    // The worker was terminated (cancel) or crashed: the session and its files are gone.
    if (!state.abort && state.files.length) afterCancel(false);
  });
  window.addEventListener('hashchange', route);
  route();
  updateChrome();
  engine.version().then((v) => { $('version').textContent = `Denial Explainer ${v}`; document.body.dataset.engine = 'ready'; })
    .catch((error) => alertBox(`The engine could not start: ${error?.message ?? error}`));
  if (!inlineEngine && 'serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.register('./sw.js').catch(() => { /* offline use is a bonus, never a blocker */ });
  }
}

setup();
