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
import { loadDeadlines, saveDeadlines, parseDays, parseAsOf, sessionOptions } from './app-settings.js';
import { trendsView, fillSliceForm, sliceLabel, sliceCards } from './app-trends.js';

const $ = (id) => document.getElementById(id);
const VIEWS = ['summary', 'worklist', 'rejections', 'claims', 'trends', 'lookup'];
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
const saved = loadDeadlines();
engine.setOptions(sessionOptions(saved.settings));

const state = {
  mask: false,
  files: [],            // [{file: File, status, raws: Map}]
  summary: null,        // Session.summary() answer
  acks: null,           // Session.acknowledgments() answer (null: no 277CA or 999 read)
  view: 'summary',
  returnView: 'worklist',
  worklist: { offset: 0, limit: 50 },
  claims: { offset: 0, limit: 50 },
  nav: { view: 'worklist', rows: [] },   // row ids of the list the claim was opened from
  queue: Promise.resolve(),
  epoch: 0,             // bumps on cancel/clear: queued batches of an older epoch are dropped
  abort: null,
  dirty: new Set(VIEWS),
  renderToken: { worklist: 0, rejections: 0, claims: 0, claim: 0, lookup: 0, trends: 0 },
  deadlines: saved.settings,   // {appealDays, filingDays, asOf}: this device's settings
  deadlinesStored: saved.stored,
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
    const rejections = state.acks?.summary?.rejections_to_work;
    say(`Read ${formatCount(state.files.length)} ${state.files.length === 1 ? 'file' : 'files'}: ${formatCount(s.claims ?? 0)} claims, ${formatCount(state.summary?.worklist_size ?? 0)} need work${rejections ? `, ${formatCount(rejections)} ${rejections === 1 ? 'rejection' : 'rejections'} to fix and resend` : ''}${problems ? `, ${problems} ${problems === 1 ? 'file has' : 'files have'} problems (see Files)` : ''}.`);
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
  state.acks = null;
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
  // Acknowledgments only when a 277CA or 999 was read (an 835-only batch answers with zeros).
  const acks = await engine.acknowledgments(state.mask);
  const read = acks?.summary && (acks.summary.claim_acknowledgments || acks.summary.implementation_acknowledgments);
  state.acks = read ? acks : null;
  renderDeadlinesLine();
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
  const acks = state.acks;
  $('tab-rejections').hidden = !(loaded && acks);
  $('count-rejections').textContent = loaded && acks ? formatCount(acks.summary?.rejections_to_work ?? 0) : '';
  if (!(loaded && acks) && state.view === 'rejections') location.hash = 'summary';
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
    else if (view === 'rejections') await renderRejections();
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
  const ack = state.acks?.summary;
  if (ack) {
    parts.push(h('p', { class: 'notice notice--reject', role: 'note', id: 'summary-rejections' },
      h('strong', { text: `${formatCount(ack.rejections_to_work ?? 0)} ${ack.rejections_to_work === 1 ? 'rejection' : 'rejections'} to fix and resend` }),
      ` beside ${formatCount(state.summary?.worklist_size ?? 0)} denied or adjusted ${state.summary?.worklist_size === 1 ? 'claim' : 'claims'} to work. `,
      `Acknowledged: ${formatCount(ack.acknowledged_claims ?? 0)} claims by 277CA (${formatCount(ack.rejected_claims ?? 0)} rejected), `,
      `${formatCount(ack.acknowledged_sets ?? 0)} 837 sets by 999 (${formatCount(ack.rejected_sets ?? 0)} rejected). `,
      h('a', { href: '#rejections', text: 'See Rejections' })));
  }
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
    claimsTable(page.rows, { columns: ['patient', 'payer_claim', 'payer', 'action', 'act_by', 'codes', 'charge', 'paid', 'at_stake'], onOpen: (r) => openClaim(r.row, 'worklist'), caption: `Claims needing work, by amount at stake (${formatCount(page.total)})`, className: 'worklist-table', asOf: reportAsOf() }),
    page.total > pos.limit ? pager(page.total, pos, (top) => renderWorklist(top), 'Worklist (bottom)') : null);
  if (scrollTop) $('panel-worklist').scrollIntoView({ block: 'start' });
}

// ---------------------------------------------------------------------------------------------
// Rejections (277CA / 999): everything shown comes from Session.acknowledgments().

const REJECTION_KINDS = {
  rejected_not_resubmitted: 'Rejected, not resubmitted',
  rejected_level: 'Rejected above claim level',
  rejected_set: 'Rejected 837 set (999)',
};
const HISTORY_STATES = {
  rejected_not_resubmitted: ['bad', 'Rejected, not resubmitted'],
  resubmitted_accepted: ['info', 'Resubmitted, accepted'],
  resubmitted_remitted: ['ok', 'Resubmitted, on a remit'],
  accepted: ['info', 'Accepted'],
  remitted: ['ok', 'On a remit'],
};

/** An official text ({code, description}) as words. */
function official(o) {
  return (o && typeof o === 'object' ? o.description : o) || '';
}

/** "20260105" as "2026-01-05" (the report keeps X12 dates as sent). */
function isoDate(d) {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(String(d ?? ''));
  return m ? `${m[1]}-${m[2]}-${m[3]}` : String(d ?? '');
}

function toneBadge(tone, label) {
  const icons = { ok: '✓', info: 'i', warn: '!', bad: '✕', neutral: '↺' };
  return h('span', { class: `dx-badge dx-badge--${tone}` }, h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: icons[tone] ?? '' }), label);
}

function eventLabel(e) {
  const id = String(e.event ?? '').replace(/^set_/, 'set ').replace(/_/g, ' ');
  return `${e.kind} ${id}`;
}

function historyTimeline(history) {
  if (!history?.events?.length) return null;
  return h('ol', { class: 'timeline', 'aria-label': `History of claim ${history.patient_control_number}` },
    history.events.map((e) => h('li', { class: ['timeline__event', e.rejection ? 'timeline__event--rejected' : null] },
      h('span', { class: 'timeline__date dx-mono', text: e.date ? isoDate(e.date) : 'no date' }),
      h('span', { class: 'timeline__what' }, h('strong', { text: eventLabel(e) }), e.detail ? ` — ${e.detail}` : ''),
      h('span', { class: 'timeline__file dx-muted', text: e.file_name }))));
}

function statusesTable(statuses, caption) {
  if (!statuses?.length) return null;
  return h('div', { class: 'dx-table-wrap' }, h('table', { class: 'dx-table rejection-codes' },
    h('caption', { class: 'visually-hidden', text: caption }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Status' }), h('th', { scope: 'col', text: 'Official text' }),
      h('th', { scope: 'col', text: 'What to fix' }), h('th', { scope: 'col', text: 'Where in the 837' }), h('th', { scope: 'col', text: 'Urgency' }))),
    h('tbody', {}, statuses.map((st) => h('tr', {},
      h('td', { 'data-label': 'Status', class: 'dx-mono', text: [st.category, st.code, st.entity].filter((x) => x).join(':') }),
      h('td', { 'data-label': 'Official text' },
        h('span', { class: 'rejection-official', text: official(st.status_official) || 'Not in the official list' }),
        h('span', { class: 'dx-muted rejection-official__more', text: [official(st.category_official), official(st.entity_official)].filter(Boolean).join(' · ') })),
      h('td', { 'data-label': 'What to fix', text: st.guidance?.what_to_fix || '—' }),
      h('td', { 'data-label': 'Where in the 837', class: 'dx-mono', text: st.guidance?.loop_segment || '—' }),
      h('td', { 'data-label': 'Urgency', text: st.guidance?.urgency || '—' }))))));
}

function setErrors(set, caption) {
  const rows = [];
  for (const err of set?.errors ?? []) {
    rows.push(h('tr', {},
      h('td', { 'data-label': 'Segment', class: 'dx-mono', text: `${err.segment_id ?? ''} at ${err.position ?? '?'}` }),
      h('td', { 'data-label': 'Loop', class: 'dx-mono', text: err.loop || '—' }),
      h('td', { 'data-label': 'Element', class: 'dx-mono', text: '—' }),
      h('td', { 'data-label': 'Bad value', class: 'dx-mono', text: '—' }),
      h('td', { 'data-label': 'Error' }, h('span', { text: official(err.official) || err.code || '' }), err.meaning ? h('span', { class: 'dx-muted rejection-official__more', text: err.meaning }) : null,
        err.claim_id ? h('span', { class: 'dx-muted rejection-official__more', text: `Claim ${err.claim_id}` }) : null)));
    for (const el of err.elements ?? []) {
      rows.push(h('tr', { class: 'rejection-element' },
        h('td', { 'data-label': 'Segment', class: 'dx-mono', text: `${err.segment_id ?? ''} at ${err.position ?? '?'}` }),
        h('td', { 'data-label': 'Loop', class: 'dx-mono', text: err.loop || '—' }),
        h('td', { 'data-label': 'Element', class: 'dx-mono', text: [`${err.segment_id ?? ''}${String(el.position ?? '').padStart(2, '0')}`, el.reference ? `(${el.reference})` : ''].join(' ').trim() }),
        h('td', { 'data-label': 'Bad value', class: 'dx-mono', text: el.bad_value || '—' }),
        h('td', { 'data-label': 'Error' }, h('span', { text: official(el.official) || el.code || '' }), el.meaning ? h('span', { class: 'dx-muted rejection-official__more', text: el.meaning }) : null)));
    }
  }
  if (!rows.length) return h('p', { class: 'dx-muted', text: (set?.syntax_errors ?? []).map((x) => official(x.official) || x.code).join('; ') || 'No segment error was sent.' });
  return h('div', { class: 'dx-table-wrap' }, h('table', { class: 'dx-table set-errors' },
    h('caption', { class: 'visually-hidden', text: caption }),
    h('thead', {}, h('tr', {}, ['Segment', 'Loop', 'Element', 'Bad value', 'Error'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, rows)));
}

/** The 277CA statuses or 999 set behind a rejection, found through the history's indexes. */
function rejectionSource(acks, item, history) {
  const events = (history?.events ?? []).filter((e) => e.rejection);
  const last = events.at(-1);
  if (last?.kind === '277CA') {
    const claim = acks.claim_acknowledgments?.[last.acknowledgment]?.claims?.[last.item];
    const statuses = [...(claim?.statuses ?? []), ...(claim?.lines ?? []).flatMap((l) => l.statuses ?? [])].filter((st) => st.outcome === 'rejected');
    return { statuses: statuses.length ? statuses : claim?.statuses ?? [] };
  }
  if (last?.kind === '999') {
    const set = acks.implementation_acknowledgments?.[last.acknowledgment]?.sets?.[last.item];
    if (set) return { set };
  }
  return {};
}

function rejectionCard(acks, item, index) {
  const history = item.history !== null && item.history !== undefined ? acks.claim_history?.[item.history] : null;
  const source = rejectionSource(acks, item, history);
  const title = item.patient_control_number ? `Claim ${item.patient_control_number}` : (REJECTION_KINDS[item.kind] ?? item.kind);
  return h('article', { class: 'rejection', dataset: { kind: item.kind, pcn: item.patient_control_number ?? '' }, 'aria-labelledby': `rejection-${index}` },
    h('header', { class: 'rejection__head' },
      h('h4', { class: 'rejection__title', id: `rejection-${index}`, text: title }),
      toneBadge('bad', REJECTION_KINDS[item.kind] ?? item.kind),
      item.charge ? h('span', { class: 'dx-num rejection__charge', text: `Charged ${formatMoney(item.charge)}` }) : null),
    h('p', { class: 'dx-muted rejection__where', text: [item.date ? `Rejected ${isoDate(item.date)}` : null, item.file_name, item.codes ? `codes ${item.codes}` : null].filter(Boolean).join(' · ') }),
    h('p', { class: 'rejection__action' }, h('strong', { text: 'Next step: ' }), item.action),
    source.statuses ? statusesTable(source.statuses, `Statuses of ${title}`)
      : source.set ? setErrors(source.set, `Errors of ${title}`)
        : h('dl', { class: 'rejection__fix' },
          h('div', {}, h('dt', { text: 'What to fix' }), h('dd', { text: item.kind === 'rejected_set' ? `${item.what_to_fix} The errors are listed under “837 sets rejected by a 999” below.` : item.what_to_fix || '—' })),
          item.loop_segment ? h('div', {}, h('dt', { text: 'Where in the 837' }), h('dd', { class: 'dx-mono', text: item.loop_segment })) : null),
    history ? h('div', { class: 'rejection__history' }, h('h5', { class: 'rejection__subtitle', text: 'History' }), historyTimeline(history)) : null);
}

async function renderRejections() {
  const body = $('rejections-body');
  if (!state.summary) {
    body.replaceChildren(emptyState('No rejections yet', 'Load 277CA or 999 files to see the claims that were rejected.'));
    return;
  }
  const token = ++state.renderToken.rejections;
  const acks = await busy(body, engine.acknowledgments(state.mask));
  if (token !== state.renderToken.rejections) return;
  if (!acks?.summary?.claim_acknowledgments && !acks?.summary?.implementation_acknowledgments) {
    body.replaceChildren(emptyState('No acknowledgments read', 'Drop the 277CA and 999 files beside the 835s to see rejections.'));
    return;
  }
  const sum = acks.summary ?? {};
  const items = acks.rejections ?? [];
  const matched = (acks.claim_history ?? []).filter((x) => !x.needs_work && x.events?.some((e) => e.rejection));
  const sets = (acks.implementation_acknowledgments ?? []).flatMap((a) => (a.sets ?? []).map((set) => ({ ack: a, set })))
    .filter(({ set }) => set.outcome === 'rejected');
  fill(body,
    h('dl', { class: 'totals rejection-totals' },
      h('div', {}, h('dt', { text: 'To fix and resend' }), h('dd', { class: 'dx-num', text: formatCount(sum.rejections_to_work ?? 0) })),
      h('div', {}, h('dt', { text: 'Rejected, not resubmitted' }), h('dd', { class: 'dx-num', text: formatCount(sum.rejected_not_resubmitted ?? 0) })),
      h('div', {}, h('dt', { text: 'Claims rejected (277CA)' }), h('dd', { class: 'dx-num', text: `${formatCount(sum.rejected_claims ?? 0)} of ${formatCount(sum.acknowledged_claims ?? 0)}` })),
      h('div', {}, h('dt', { text: '837 sets rejected (999)' }), h('dd', { class: 'dx-num', text: `${formatCount(sum.rejected_sets ?? 0)} of ${formatCount(sum.acknowledged_sets ?? 0)}` }))),
    section(`To fix and send as a new claim (${formatCount(items.length)})`,
      items.length ? h('div', { class: 'rejections', id: 'rejections-worklist' }, items.map((item, i) => rejectionCard(acks, item, i)))
        : h('p', { class: 'ok-line' }, h('span', { 'aria-hidden': 'true', text: '✓ ' }), 'Nothing to resend: every rejected claim was sent again.')),
    matched.length ? section(`Rejected, then resubmitted (${formatCount(matched.length)})`,
      h('div', { class: 'rejections', id: 'rejections-history' }, matched.map((x) => h('article', { class: 'rejection', dataset: { pcn: x.patient_control_number } },
        h('header', { class: 'rejection__head' }, h('h4', { class: 'rejection__title', text: `Claim ${x.patient_control_number}` }), toneBadge(...(HISTORY_STATES[x.state] ?? ['neutral', x.state]))),
        historyTimeline(x))))) : null,
    sets.length ? section(`837 sets rejected by a 999 (${formatCount(sets.length)})`,
      h('div', { class: 'rejections', id: 'rejections-sets' }, sets.map(({ ack, set }) => h('article', { class: 'rejection', dataset: { set: set.control_number ?? '' } },
        h('header', { class: 'rejection__head' }, h('h4', { class: 'rejection__title', text: `Set ${set.set_id ?? ''} ${set.control_number ?? ''}` }), toneBadge('bad', official(set.status_official) || 'Rejected')),
        h('p', { class: 'dx-muted rejection__where', text: [ack.date ? isoDate(ack.date) : null, ack.file_name, set.claim_ids?.length ? `claims ${set.claim_ids.join(', ')}` : 'no claim named'].filter(Boolean).join(' · ') }),
        set.meaning ? h('p', { class: 'rejection__action', text: set.meaning }) : null,
        setErrors(set, `Errors of set ${set.control_number ?? ''}`))))) : null);
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
    page.total ? claimsTable(page.rows, { columns: ['patient', 'payer_claim', 'payer', 'outcome', 'action', 'act_by', 'codes', 'charge', 'paid', 'at_stake'], onOpen: (r) => openClaim(r.row, 'claims'), caption: `Claims (${formatCount(page.total)} matching)`, className: 'claims-table', asOf: reportAsOf() })
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
    const detail = claimDetail(claim, { loadRaw: state.mask ? undefined : () => engine.rawSegments(row), headingLevel: 2, reportSources: state.summary?.sources });
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
// Deadline settings (kept on this device; applied to the engine's session)

/** The date the report's deadlines were judged by (the engine's answer, not the page's clock). */
function reportAsOf() {
  return state.summary?.options?.as_of || null;
}

function describeDeadlines() {
  const d = state.deadlines;
  const asOf = reportAsOf() ?? d.asOf;
  return `Deadlines as of ${asOf ?? 'today'}${d.asOf ? ' (set in Deadlines)' : ''}. Medicare: its rules. Other payers: appeal window ${d.appealDays ? `${d.appealDays} days` : 'not set'}, filing window ${d.filingDays ? `${d.filingDays} days` : 'not set'} (your contract).`;
}

function renderDeadlinesLine() {
  $('deadlines-line').textContent = describeDeadlines();
}

function openDeadlines() {
  const d = state.deadlines;
  $('set-appeal').value = d.appealDays ?? '';
  $('set-filing').value = d.filingDays ?? '';
  $('set-asof').value = d.asOf ?? '';
  $('deadlines-error').hidden = true;
  $('deadlines-store').textContent = state.deadlinesStored
    ? 'Kept in this browser only (never sent anywhere).'
    : 'This browser does not let the page keep settings: they apply until you close the page. Nothing is sent anywhere.';
  $('deadlines').showModal();
  $('set-appeal').focus();
}

async function applyDeadlines(settings) {
  state.deadlines = settings;
  state.deadlinesStored = saveDeadlines(settings);
  engine.setOptions(sessionOptions(settings));
  renderDeadlinesLine();
  const stored = state.deadlinesStored ? '' : ' They apply until you close this page (this browser does not let the page keep them).';
  if (!state.files.length) {
    say(`Deadline settings saved.${stored}`);
    return;
  }
  // Re-explain the files read so far with the new options: the engine computes every date.
  const files = state.files.map((f) => f.file);
  const view = state.view === 'claim' ? state.returnView : state.view;
  const opened = state.view === 'claim' ? state.lastOpened : undefined;
  await clearAll({ quiet: true });
  await enqueue(files);
  if (opened !== undefined && state.summary) {
    state.returnView = view;
    location.hash = `claim/${opened}`;
  } else if (state.summary && location.hash !== `#${view}`) location.hash = view;
  say(`Re-explained ${formatCount(files.length)} ${files.length === 1 ? 'file' : 'files'} with the new deadline settings.${stored}`);
}

function setupDeadlines() {
  const dialog = $('deadlines');
  $('deadlines-open').addEventListener('click', openDeadlines);
  $('deadlines-cancel').addEventListener('click', () => dialog.close());
  $('deadlines-clear').addEventListener('click', () => {
    $('set-appeal').value = '';
    $('set-filing').value = '';
    $('set-asof').value = '';
    $('set-appeal').focus();
  });
  $('deadlines-form').addEventListener('submit', (e) => {
    e.preventDefault();
    let settings;
    try {
      settings = {
        appealDays: parseDays($('set-appeal').value, 'Appeal window'),
        filingDays: parseDays($('set-filing').value, 'Filing window'),
        asOf: parseAsOf($('set-asof').value),
      };
    } catch (error) {
      $('deadlines-error').textContent = error.message;
      $('deadlines-error').hidden = false;
      return;
    }
    dialog.close();
    $('deadlines-open').focus();
    applyDeadlines(settings).catch((error) => alertBox(`Could not apply the deadline settings: ${error?.message ?? error}`));
  });
  dialog.addEventListener('close', () => $('deadlines-open').focus());
  renderDeadlinesLine();
  if (!state.deadlinesStored) {
    // Quiet: the settings dialog says it too.
    $('deadlines-open').title = 'Settings apply until you close this page: this browser does not let the page keep them';
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
    const shown = tabs.filter((t) => !t.hidden);
    const at = shown.indexOf(document.activeElement);
    if (at < 0) return;
    let next = null;
    if (e.key === 'ArrowRight') next = (at + 1) % shown.length;
    else if (e.key === 'ArrowLeft') next = (at - 1 + shown.length) % shown.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = shown.length - 1;
    if (next === null) return;
    e.preventDefault();
    shown[next].focus();
    location.hash = shown[next].dataset.view;
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
  setupDeadlines();
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
    const what = { summary: 'Summary', worklist: 'Worklist', rejections: 'Rejections', claims: 'Claims', lookup: 'Code lookup', claim: 'Claim detail' }[state.view];
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
