// render.js: pure functions that turn report JSON (docs/report-schema.md) into DOM nodes.
// Shared by the page (app.js) and the embeddable widget. Rules:
//  - file-derived text is only ever written with textContent / createTextNode (never innerHTML);
//  - nothing here computes a total, a balance or an outcome: it formats what the report says
//    (the only arithmetic is scaling chart bars to the largest amount shown);
//  - every class name starts with "dx-" so the nodes can be styled inside a page or a shadow root;
//    their styles common to page and widget are in report.css beside this file;
//  - no globals besides `document` and `navigator.clipboard` (copy buttons); no imports.
//
// Exports (stable): h, svg, formatMoney, formatPercent, formatDate, formatCount, outcomeTone,
// outcomeBadge, actionBadge, copyButton, summaryCards, barChart, paymentsTable,
// providerAdjustments, balanceFindings, fileStatus, diagnosticItem, claimsTable,
// claimDetail, adjustmentCard, remarkCard, codeAnswer, releaseLabel, deadlineOwnerLabel, actByCell,
// sourcesList.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** ", release 2026-07-01" after a list's name; our place-of-service copy is a partial list. */
export function releaseLabel(release) {
  if (!release) return '';
  return release === 'partial' ? ', partial list' : `, release ${release}`;
}

/**
 * Creates an element. `attrs`: class, text (textContent), on<event> functions, dataset
 * ({...}), hidden/disabled (booleans), anything else via setAttribute. Children: nodes,
 * strings (as text nodes), arrays, null/undefined/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  applyAttrs(node, attrs);
  append(node, children);
  return node;
}

/** Same as h() in the SVG namespace. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  applyAttrs(node, attrs);
  append(node, children);
  return node;
}

function applyAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === '') continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting (strings in, strings out; amounts stay decimal strings, no float rounding)

/** "1234.5" / "-20.00" -> "$1,234.50" / "−$20.00". Missing -> "—". */
export function formatMoney(amount, { sign = false } = {}) {
  if (amount === null || amount === undefined || amount === '') return '—';
  let s = String(amount).trim();
  let negative = false;
  if (s.startsWith('-')) { negative = true; s = s.slice(1); } else if (s.startsWith('+')) s = s.slice(1);
  if (!/^\d*(\.\d*)?$/.test(s)) return String(amount);
  let [whole, frac = ''] = s.split('.');
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  frac = (frac + '00').slice(0, Math.max(2, frac.length));
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (negative && /^[0,]*$/.test(grouped) && /^0*$/.test(frac)) negative = false;
  const prefix = negative ? '−' : sign ? '+' : '';
  return `${prefix}$${grouped}.${frac}`;
}

/** "0.2500" -> "25.0 %". */
export function formatPercent(ratio) {
  if (ratio === null || ratio === undefined || ratio === '') return '—';
  const n = Number(ratio);
  if (!Number.isFinite(n)) return String(ratio);
  return `${(n * 100).toFixed(1)} %`;
}

/** "20250314" -> "2025-03-14"; anything else unchanged. */
export function formatDate(ccyymmdd) {
  const s = String(ccyymmdd ?? '');
  return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}` : s || '—';
}

/** 12345 -> "12,345". */
export function formatCount(n) {
  return Number.isFinite(Number(n)) ? Number(n).toLocaleString('en-US') : String(n ?? '—');
}

function plural(n, one, many = `${one}s`) {
  return `${formatCount(n ?? 0)} ${Number(n) === 1 ? one : many}`;
}

function isZero(amount) {
  return amount === null || amount === undefined || /^[-+]?0*(\.0*)?$/.test(String(amount));
}

function amountValue(amount) {
  const n = Number(amount);
  return Number.isFinite(n) ? n : 0;
}

// ---------------------------------------------------------------------------------------------
// Badges

const OUTCOME_TONES = {
  paid_as_expected: 'ok',
  paid_with_contractual_reductions: 'ok',
  patient_responsibility_only: 'info',
  forwarded_to_another_payer: 'info',
  predetermination: 'info',
  partially_denied: 'warn',
  denied: 'bad',
  reversed: 'neutral',
};
const OUTCOME_ICONS = { ok: '✓', info: 'i', warn: '!', bad: '✕', neutral: '↺' };

/** Tone id ("ok", "info", "warn", "bad", "neutral") for an outcome id. */
export function outcomeTone(outcome) {
  return OUTCOME_TONES[outcome] ?? 'neutral';
}

/** A badge with an icon and the label as text (color is never the only signal). */
export function outcomeBadge(outcome, label) {
  const tone = outcomeTone(outcome);
  return h('span', { class: `dx-badge dx-badge--${tone}`, dataset: { outcome: outcome ?? '' } },
    h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: OUTCOME_ICONS[tone] }),
    label || String(outcome ?? '').replace(/_/g, ' '));
}

// Routine posting; every other action id (appeal, resubmit, verify eligibility, ...) is work.
const ROUTINE_ACTIONS = new Set(['write_off', 'bill_patient', 'post_payment', 'none', '']);

/** An action chip: work actions stand out, routine posting (write off, bill patient) is quiet. */
export function actionBadge(action, label) {
  if (!action && !label) return h('span', { class: 'dx-muted', text: '—' });
  const work = !ROUTINE_ACTIONS.has(String(action ?? ''));
  return h('span', { class: ['dx-action', work ? 'dx-action--work' : 'dx-action--routine'], dataset: { action: action ?? '' } },
    label || String(action).replace(/_/g, ' '));
}

// ---------------------------------------------------------------------------------------------
// Copy button

/** A button that copies `getText()` (string or function) to the clipboard and says so. */
export function copyButton(getText, label = 'Copy') {
  const status = h('span', { class: 'dx-copy__status', role: 'status', 'aria-live': 'polite' });
  const button = h('button', {
    type: 'button', class: 'dx-button dx-button--small dx-copy',
    onclick: async () => {
      const text = typeof getText === 'function' ? getText() : String(getText ?? '');
      let ok = false;
      try {
        await navigator.clipboard.writeText(text);
        ok = true;
      } catch {
        ok = legacyCopy(text, button);
      }
      status.textContent = ok ? 'Copied' : 'Copy failed: select the text and copy it';
      setTimeout(() => { status.textContent = ''; }, 2500);
    },
  }, label);
  return h('span', { class: 'dx-copy-wrap' }, button, status);
}

function legacyCopy(text, near) {
  const area = h('textarea', { class: 'dx-offscreen', readonly: true, 'aria-hidden': 'true' });
  area.value = text;
  (near.getRootNode() instanceof ShadowRoot ? near.getRootNode() : document.body).append(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch { ok = false; }
  area.remove();
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Summary

function card(label, value, { note, tone, id } = {}) {
  return h('div', { class: ['dx-card', tone && `dx-card--${tone}`], dataset: id ? { metric: id } : undefined },
    h('div', { class: 'dx-card__label', text: label }),
    // Long amounts ($158,875,185.42) get a smaller size instead of breaking mid-number.
    h('div', { class: `dx-card__value${String(value).length > 11 ? ' dx-card__value--long' : ''}${String(value).length > 14 ? ' dx-card__value--longer' : ''}`, text: value }),
    note ? h('div', { class: 'dx-card__note', text: note }) : null);
}

/** The headline numbers of a report summary, as a grid of labelled cards. */
export function summaryCards(summary) {
  const s = summary ?? {};
  const claims = `${plural(s.claims, 'claim')} · ${plural(s.service_lines, 'line')}`;
  const denialNote = `${plural(s.denied_claims, 'claim')} · ${formatPercent(s.denial_rate_by_count)} of claims`;
  return h('div', { class: 'dx-cards' },
    card('Paid', formatMoney(s.total_paid), { note: claims, id: 'total_paid', tone: 'ok' }),
    card('Charged', formatMoney(s.total_charge), { note: `${plural(s.transactions, 'payment')} · ${plural(s.files, 'file')}`, id: 'total_charge' }),
    card('Adjusted', formatMoney(s.total_adjusted), { note: `Write-offs ${formatMoney(s.write_off_amount)}`, id: 'total_adjusted' }),
    card('Patient responsibility', formatMoney(s.total_patient_responsibility), { note: `To bill the patient ${formatMoney(s.patient_amount)}`, id: 'total_patient_responsibility', tone: 'info' }),
    card('Denied', formatMoney(s.denied_amount), { note: denialNote, id: 'denied_amount', tone: 'bad' }),
    card('Denial rate (dollars)', formatPercent(s.denial_rate_by_dollars), { note: `Recoverable ${formatMoney(s.recoverable_amount)}`, id: 'denial_rate_by_dollars', tone: 'warn' }));
}

/**
 * A horizontal bar chart as inline SVG with text labels (readable at any width: the SVG is
 * 100 % wide and sized in CSS pixels, bars are percentages). items: [{label, amount, count}].
 */
export function barChart(items, { title = '', valueLabel = (it) => formatMoney(it.amount), note = (it) => (it.count !== undefined ? `${formatCount(it.count)}×` : '') } = {}) {
  const list = (items ?? []).filter(Boolean);
  const figure = h('figure', { class: 'dx-chart' });
  if (title) figure.append(h('figcaption', { class: 'dx-chart__title', text: title }));
  if (!list.length) {
    figure.append(h('p', { class: 'dx-muted', text: 'Nothing to chart.' }));
    return figure;
  }
  const max = Math.max(...list.map((it) => Math.abs(amountValue(it.amount))), 0) || 1;
  // Each item takes two lines so nothing overlaps at any width: the label (with its count) on
  // its own line, then the bar (left 64 %) and the amount right-aligned after it.
  const rowHeight = 48;
  const barSpan = 64;
  const height = list.length * rowHeight;
  const titleId = `dx-chart-${Math.random().toString(36).slice(2, 9)}`;
  const summaryText = list.map((it) => `${it.label}: ${valueLabel(it)}${note(it) ? ` (${note(it)})` : ''}`).join('; ');
  const chart = svg('svg', { class: 'dx-chart__svg', width: '100%', height: String(height), role: 'img', 'aria-labelledby': titleId },
    svg('title', { id: titleId, text: `${title ? `${title}. ` : ''}${summaryText}` }));
  list.forEach((it, i) => {
    const y = i * rowHeight;
    const fraction = Math.abs(amountValue(it.amount)) / max;
    const pct = Math.max(fraction * barSpan, fraction > 0 ? 0.5 : 0);
    const extra = note(it);
    chart.append(svg('g', { class: 'dx-chart__row' },
      svg('text', { class: 'dx-chart__label', x: '0', y: String(y + 15) }, String(it.label ?? ''),
        extra ? svg('tspan', { class: 'dx-chart__note', text: `  ·  ${extra}` }) : null),
      svg('rect', { class: 'dx-chart__track', x: '0', y: String(y + 23), width: `${barSpan}%`, height: '12', rx: '3' }),
      svg('rect', { class: `dx-chart__bar dx-chart__bar--${i % 6}`, x: '0', y: String(y + 23), width: `${pct.toFixed(2)}%`, height: '12', rx: '3' }),
      svg('text', { class: 'dx-chart__value', x: '100%', y: String(y + 34), 'text-anchor': 'end', text: valueLabel(it) })));
  });
  figure.append(chart);
  return figure;
}

function table(headers, rows, { caption, className } = {}) {
  return h('div', { class: 'dx-table-wrap' },
    h('table', { class: ['dx-table', className] },
      caption ? h('caption', { class: 'dx-table__caption', text: caption }) : null,
      h('thead', {}, h('tr', {}, headers.map((hd) => h('th', { scope: 'col', class: hd.num ? 'dx-num' : null, text: hd.label ?? hd })))),
      h('tbody', {}, rows)));
}

function td(content, { num = false, label, className } = {}) {
  return h('td', { class: [num && 'dx-num', className], 'data-label': label }, content);
}

/** One row per payment (transaction): trace (check/EFT) number, date, payer, method, amount, duplicates. */
export function paymentsTable(transactions, { files = [] } = {}) {
  const rows = (transactions ?? []).map((t) => {
    const p = t.payment ?? {};
    const dup = t.duplicate_of !== null && t.duplicate_of !== undefined;
    return h('tr', { class: dup ? 'dx-row--duplicate' : null },
      td(h('span', { class: 'dx-mono', text: p.trace_number || '—' }), { label: 'Check / EFT' }),
      td(formatDate(p.date), { label: 'Date' }),
      td(t.payer?.name || '—', { label: 'Payer' }),
      td(p.method_official?.description || p.method || '—', { label: 'Method' }),
      td(files[t.file]?.name ?? '', { label: 'File', className: 'dx-file' }),
      td(formatMoney(p.credit_debit === 'D' && !String(p.amount).startsWith('-') ? `-${p.amount}` : p.amount), { num: true, label: 'Amount' }),
      td(dup ? h('span', { class: 'dx-badge dx-badge--warn' },
        h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: '!' }),
        `Retransmission of payment #${Number(t.duplicate_of) + 1}: not counted again`) : (t.complete === false ? h('span', { class: 'dx-badge dx-badge--bad', text: 'Incomplete (no SE)' }) : ''), { label: 'Note' }));
  });
  return table([{ label: 'Check / EFT no.' }, { label: 'Date' }, { label: 'Payer' }, { label: 'Method' }, { label: 'File' }, { label: 'Amount', num: true }, { label: 'Note' }],
    rows, { caption: 'Payments', className: 'dx-table--payments' });
}

/** Provider-level adjustments (PLB) across transactions, explained; null when there are none. */
export function providerAdjustments(transactions) {
  const items = [];
  for (const t of transactions ?? []) {
    for (const a of t.provider_adjustments ?? []) {
      items.push(h('li', { class: 'dx-plb' },
        h('div', { class: 'dx-plb__head' },
          h('span', { class: 'dx-code', text: a.reason || '?' }),
          h('span', { class: 'dx-plb__desc', text: a.official?.description || 'Code not in the official list' }),
          h('span', { class: 'dx-num dx-plb__amount', text: formatMoney(a.amount) })),
        h('div', { class: 'dx-plb__meta' },
          a.direction ? `${a.direction[0].toUpperCase()}${a.direction.slice(1)}` : '',
          a.reference ? ` · reference ${a.reference}` : '',
          ` · payment ${t.payment?.trace_number || `#${t.index + 1}`}`,
          a.fiscal_period ? ` · fiscal period ${formatDate(a.fiscal_period)}` : '',
          ` · segment ${a.segment}`)));
    }
  }
  if (!items.length) return null;
  return h('ul', { class: 'dx-plb-list' }, items);
}

const BALANCE_LEVELS = { service_line: 'Service line', claim: 'Claim', transaction: 'Payment', patient_responsibility: 'Patient responsibility' };

/** Balance findings (the report's own checks), or null when everything balances. */
export function balanceFindings(transactions) {
  const items = [];
  for (const t of transactions ?? []) {
    for (const b of t.balance ?? []) {
      const where = [BALANCE_LEVELS[b.level] ?? b.level,
        b.claim !== null && b.claim !== undefined ? `claim ${b.claim + 1}` : null,
        b.line !== null && b.line !== undefined ? `line ${b.line + 1}` : null,
        `payment ${t.payment?.trace_number || `#${t.index + 1}`}`].filter(Boolean).join(', ');
      items.push(h('li', { class: 'dx-finding' },
        h('div', { class: 'dx-finding__rule' }, h('span', { class: 'dx-badge dx-badge--warn' },
          h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: '!' }), 'Does not balance'), ' ', h('span', { class: 'dx-mono', text: b.rule })),
        h('div', { class: 'dx-finding__meta', text: `${where} · expected ${formatMoney(b.expected)}, found ${formatMoney(b.actual)}, difference ${formatMoney(b.difference)} · segment ${b.segment}` })));
    }
  }
  if (!items.length) return null;
  return h('ul', { class: 'dx-findings' }, items);
}

const SEVERITY_ICON = { error: '✕', warning: '!', info: 'i' };

/**
 * One diagnostic: severity, message, where (segment/offset/path). `raw`: the raw segment text
 * (string) or {text, note} (note e.g. "last segment in the file").
 */
export function diagnosticItem(d, { raw } = {}) {
  const rawText = typeof raw === 'string' ? raw : raw?.text;
  const rawNote = typeof raw === 'string' ? '' : raw?.note;
  const where = [d.segment ? `segment ${d.segment}` : null, d.offset || d.offset === 0 ? `byte ${d.offset}` : null, d.path || null]
    .filter(Boolean).join(' · ');
  return h('li', { class: `dx-diag dx-diag--${d.severity}`, dataset: { code: d.code ?? '' } },
    h('span', { class: `dx-badge dx-badge--${d.severity === 'error' ? 'bad' : d.severity === 'warning' ? 'warn' : 'info'}` },
      h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: SEVERITY_ICON[d.severity] ?? 'i' }), d.severity),
    ' ',
    h('span', { class: 'dx-diag__message', text: d.message }),
    where ? h('span', { class: 'dx-diag__where', text: ` (${where})` }) : null,
    rawText ? h('div', { class: 'dx-diag__rawline' },
      h('span', { class: 'dx-diag__rawlabel', text: rawNote ? `Raw segment (${rawNote}):` : 'Raw segment:' }), ' ',
      h('code', { class: 'dx-diag__raw', text: rawText })) : null);
}

const FILE_KINDS = { 835: '835 remittance', '277CA': '277CA claim acknowledgment', 999: '999 syntax acknowledgment' };
const FILE_STATUS = { read: ['ok', 'Read'], read_with_errors: ['warn', 'Read with problems'], unreadable: ['bad', 'Not readable'] };

/**
 * A file's status card: name, size, status, claims and its diagnostics.
 * status: addFile() answer or report.files[] entry; diagnostics default to status.diagnostics.
 */
export function fileStatus(status, { diagnostics, rawFor, limit = 20 } = {}) {
  const [tone, label] = FILE_STATUS[status.status] ?? ['neutral', status.status];
  const diags = diagnostics ?? status.diagnostics ?? [];
  const shown = diags.slice(0, limit);
  const ack = status.acknowledgments;
  const counts = status.kind === '999' && ack ? `${formatCount(ack.sets)} ${ack.sets === 1 ? 'set' : 'sets'}, ${formatCount(ack.rejected_sets)} rejected`
    : status.kind === '277CA' && ack ? `${formatCount(ack.claims)} ${ack.claims === 1 ? 'claim' : 'claims'}, ${formatCount(ack.rejected_claims)} rejected`
      : status.claims !== undefined ? `${formatCount(status.claims)} claims` : null;
  const meta = [status.bytes !== undefined ? `${formatCount(status.bytes)} bytes` : null, counts,
    status.big_file_mode ? 'big file: claims load on demand' : null].filter(Boolean).join(' · ');
  return h('div', { class: `dx-file-status dx-file-status--${tone}` },
    h('div', { class: 'dx-file-status__head' },
      h('span', { class: `dx-badge dx-badge--${tone}` }, h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: OUTCOME_ICONS[tone] }), label),
      FILE_KINDS[status.kind] ? h('span', { class: 'dx-file-kind dx-mono', title: FILE_KINDS[status.kind], text: status.kind }) : null,
      h('span', { class: 'dx-file-status__name', text: status.name }),
      meta ? h('span', { class: 'dx-muted', text: meta }) : null),
    shown.length ? h('ul', { class: 'dx-diags' }, shown.map((d) => diagnosticItem(d, { raw: rawFor?.(d) }))) : null,
    diags.length > shown.length ? h('p', { class: 'dx-muted', text: `… and ${formatCount(diags.length - shown.length)} more (see the full report JSON)` }) : null);
}

// ---------------------------------------------------------------------------------------------
// Claim rows

const ROW_COLUMNS = {
  patient: { label: 'Patient', cell: (r) => h('span', { class: 'dx-patient' }, h('span', { class: 'dx-patient__name', text: r.patient_name || '—' }), h('span', { class: 'dx-patient__id dx-mono', text: r.patient_control_number || '' })) },
  payer_claim: { label: 'Payer claim no.', cell: (r) => h('span', { class: 'dx-mono', text: r.payer_claim_number || '—' }) },
  payer: { label: 'Payer', cell: (r) => r.payer || '—' },
  outcome: { label: 'Outcome', cell: (r) => [outcomeBadge(r.outcome, r.outcome_label), r.duplicate ? h('span', { class: 'dx-badge dx-badge--warn dx-dup', text: 'Duplicate payment' }) : null] },
  action: { label: 'Next action', cell: (r) => [actionBadge(r.action, r.action_label), r.unbalanced ? unbalancedBadge() : null] },
  act_by: { label: 'Act by', cell: (r, o) => actByCell(r, o) },
  codes: { label: 'Codes', cell: (r) => h('span', { class: 'dx-codes dx-mono', text: r.codes || '' }) },
  charge: { label: 'Charged', num: true, cell: (r) => formatMoney(r.charge) },
  paid: { label: 'Paid', num: true, cell: (r) => formatMoney(r.paid) },
  patient_responsibility: { label: 'Patient owes', num: true, cell: (r) => formatMoney(r.patient_responsibility) },
  at_stake: { label: 'At stake', num: true, cell: (r) => h('strong', { text: formatMoney(r.at_stake) }) },
  file: { label: 'File', cell: (r) => h('span', { class: 'dx-file', text: r.file_name || '' }) },
};

const OWNERS = { medicare: 'Medicare rule', contract: 'Your contract' };

/** "Medicare rule" / "Your contract" for an action's deadline_owner; '' when none. */
export function deadlineOwnerLabel(owner) {
  return OWNERS[owner] ?? (owner ? String(owner) : '');
}

function unbalancedBadge() {
  return h('span', { class: 'dx-badge dx-badge--warn dx-unbalanced' },
    h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: '!' }), 'Does not balance');
}

/** Whether a row's act-by date has passed: the engine says so (the page judges no date). */
function rowPassed(r) {
  return r.deadline_passed === true;
}

/**
 * An act-by cell for a claim row: the date (never wrapped), whose rule it follows and, when it
 * has passed (the engine says so), "passed" in words (not colour alone).
 */
export function actByCell(r) {
  const owner = deadlineOwnerLabel(r.deadline_owner);
  if (!r.act_by) {
    return r.deadline_owner === 'contract'
      ? h('span', { class: 'dx-actby dx-actby--none' }, h('span', { class: 'dx-muted', text: 'No date' }), h('span', { class: 'dx-actby__owner', text: 'Contract window not set' }))
      : h('span', { class: 'dx-muted', text: '—' });
  }
  const passed = rowPassed(r);
  return h('span', { class: ['dx-actby', passed && 'dx-actby--passed'], dataset: { actBy: r.act_by, owner: r.deadline_owner ?? '' } },
    h('span', { class: 'dx-date', text: r.act_by }),
    passed ? h('span', { class: 'dx-badge dx-badge--bad dx-actby__passed' }, h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: '✕' }), 'Passed') : null,
    owner ? h('span', { class: 'dx-actby__owner', text: owner }) : null);
}

/**
 * A table of Session.rows() rows. options: columns (ids of ROW_COLUMNS, e.g. 'act_by'), onOpen(row, event)
 * makes the patient cell a button opening the claim, caption, asOf (the report's as-of date,
 * to mark passed act-by dates).
 */
export function claimsTable(rows, { columns = ['patient', 'payer', 'outcome', 'action', 'codes', 'charge', 'paid', 'at_stake'], onOpen, caption, className, asOf } = {}) {
  const cols = columns.map((id) => ({ id, ...ROW_COLUMNS[id] })).filter((c) => c.cell);
  const body = (rows ?? []).map((r) => h('tr', { dataset: { row: String(r.row) }, class: r.duplicate ? 'dx-row--duplicate' : null },
    cols.map((c, i) => {
      let content = c.cell(r, { asOf });
      if (i === 0 && onOpen) {
        content = h('button', { type: 'button', class: 'dx-link', 'aria-label': `Open claim ${r.patient_control_number || r.row}${r.patient_name ? ` (${r.patient_name})` : ''}`, onclick: (e) => onOpen(r, e) }, content);
      }
      return td(content, { num: c.num, label: c.label, className: `dx-col-${c.id}` });
    })));
  return table(cols.map((c) => ({ label: c.label, num: c.num })), body, { caption, className: ['dx-table--claims', className].filter(Boolean).join(' ') });
}

// ---------------------------------------------------------------------------------------------
// Claim detail

const DATE_QUALIFIERS = { '472': 'Service date', '150': 'Service from', '151': 'Service to', '232': 'Statement from', '233': 'Statement to',
  '036': 'Coverage expires', '050': 'Received', '009': 'Processed' };
const AMOUNT_QUALIFIERS = { B6: 'Allowed', AU: 'Covered', KH: 'Late filing reduction', T: 'Interest', 'T2': 'Total claim before taxes', DY: 'Per day limit', F5: 'Patient paid', 'I': 'Interest', ZK: 'Federal mandate 1', ZL: 'Federal mandate 2' };
const VALIDITY = { not_yet_valid: 'This code was not yet valid on the remit date', deactivated: 'This code was deactivated before the remit date' };

function section(title, ...children) {
  return h('section', { class: 'dx-section' }, h('h3', { class: 'dx-section__title', text: title }), children);
}

function officialBlock(label, official, fallback) {
  return h('div', { class: 'dx-official' },
    h('div', { class: 'dx-source dx-source--official', text: official ? `Official text · ${official.list_name ?? official.list}${releaseLabel(official.release)}` : label }),
    h('p', { class: 'dx-official__text', text: official?.description ?? fallback ?? 'Not in the official list.' }));
}

function listOf(items, ordered = false) {
  const list = (items ?? []).filter(Boolean);
  if (!list.length) return null;
  return h(ordered ? 'ol' : 'ul', { class: 'dx-list' }, list.map((s) => h('li', { text: s })));
}

/**
 * The sources named by `ids` as a list of plain text (publisher, title, citation). Citations
 * are never links, even when they look like URLs: nothing here can make a request.
 * `sources`: the report's or the claim's {id: {publisher, title, citation}}.
 */
export function sourcesList(ids, sources = {}) {
  const list = [...new Set((ids ?? []).filter(Boolean))];
  if (!list.length) return null;
  return h('ul', { class: 'dx-sources' }, list.map((id) => {
    const src = sources?.[id];
    if (!src) return h('li', { class: 'dx-sources__item', dataset: { source: id } }, h('span', { class: 'dx-sources__title', text: id }));
    return h('li', { class: 'dx-sources__item', dataset: { source: id } },
      src.publisher ? h('span', { class: 'dx-sources__publisher', text: `${src.publisher}: ` }) : null,
      h('span', { class: 'dx-sources__title', text: src.title || id }),
      src.citation ? h('span', { class: 'dx-sources__citation', text: ` · ${src.citation}` }) : null);
  }));
}

/** "Sources: title; title" for one adjustment or remark (text only). */
function sourcesLine(ids, sources) {
  const list = [...new Set((ids ?? []).filter(Boolean))];
  if (!list.length) return null;
  return h('p', { class: 'dx-where dx-sources-line' }, `Sources: ${list.map((id) => {
    const src = sources?.[id];
    return src ? `${src.title || id}${src.publisher ? ` (${src.publisher})` : ''}` : id;
  }).join('; ')}`);
}

/** One CAS adjustment: code, group, amount, official text and our guidance, labelled apart. `sources`: {id: source} to name its guidance sources. */
export function adjustmentCard(a, sources) {
  const g = a.guidance ?? {};
  const valid = a.validity && a.validity !== 'valid' ? h('p', { class: 'dx-warning', text: `${VALIDITY[a.validity] ?? a.validity}.` }) : null;
  return h('article', { class: 'dx-adj', dataset: { code: a.code ?? '' } },
    h('header', { class: 'dx-adj__head' },
      h('span', { class: 'dx-code dx-code--big', text: a.code }),
      h('span', { class: 'dx-adj__group', text: a.group_official?.description ? `${a.group} · ${a.group_official.description}` : (a.group ?? '') }),
      h('span', { class: 'dx-adj__amount dx-num', text: formatMoney(a.amount) }),
      g.action ? actionBadge(g.action, g.action_label) : null),
    valid,
    officialBlock(`Reason code ${a.reason}`, a.official, a.official === null ? `Reason code ${a.reason} is not in the official list (release used by this build).` : undefined),
    g.known === false && !g.plain ? null : h('div', { class: 'dx-guidance' },
      h('div', { class: 'dx-source dx-source--ours', text: g.source || 'Denial Explainer guidance (not official text)' }),
      g.plain ? h('p', { text: g.plain }) : null,
      g.group_note ? h('p', { class: 'dx-guidance__note', text: g.group_note }) : null,
      g.steps?.length ? [h('h4', { class: 'dx-sub', text: 'What to do' }), listOf(g.steps, true)] : null,
      g.appeal_attachments?.length ? [h('h4', { class: 'dx-sub', text: 'Attach to an appeal' }), listOf(g.appeal_attachments)] : null,
      g.remark_notes?.length ? [h('h4', { class: 'dx-sub', text: 'Remark codes' }), listOf(g.remark_notes)] : null,
      g.appealable ? h('p', { class: 'dx-muted', text: `Appealable: ${g.appealable}${g.category_label ? ` · ${g.category_label}` : ''}` }) : null,
      g.late_route ? h('p', { class: 'dx-warning', text: `The deadline for ${String(g.late_route).replace(/_/g, ' ')} has passed.` }) : null,
      sources && typeof sources === 'object' ? sourcesLine(g.sources, sources) : null),
    h('p', { class: 'dx-where', text: `${a.level === 'line' ? `Line ${Number(a.line) + 1}` : 'Claim'} · segment ${a.segment}${a.quantity ? ` · quantity ${a.quantity}` : ''}` }));
}

/** One remark (RARC, MOA/MIA/LQ): official text and our note, labelled apart. */
export function remarkCard(r, sources) {
  const g = r.guidance ?? {};
  return h('article', { class: 'dx-remark', dataset: { code: r.code ?? '' } },
    h('header', { class: 'dx-adj__head' },
      h('span', { class: 'dx-code', text: r.code }),
      h('span', { class: 'dx-muted', text: `Remark · ${r.source ?? ''}` }),
      g.action ? actionBadge(g.action, g.action_label) : null),
    r.validity && r.validity !== 'valid' ? h('p', { class: 'dx-warning', text: `${VALIDITY[r.validity] ?? r.validity}.` }) : null,
    officialBlock(`Remark ${r.code}`, r.official, r.official === null ? `Remark ${r.code} is not in the official list.` : undefined),
    g.note ? h('div', { class: 'dx-guidance' },
      h('div', { class: 'dx-source dx-source--ours', text: g.source || 'Denial Explainer guidance (not official text)' }),
      h('p', { text: g.note }),
      sources && typeof sources === 'object' ? sourcesLine(g.sources, sources) : null) : null,
    h('p', { class: 'dx-where', text: `segment ${r.segment}` }));
}

function keyValues(pairs) {
  const items = pairs.filter(([, v]) => v !== null && v !== undefined && v !== '');
  return h('dl', { class: 'dx-kv' }, items.map(([k, v]) => h('div', { class: 'dx-kv__item' }, h('dt', { text: k }), h('dd', {}, v instanceof Node ? v : String(v)))));
}

function lineTitle(line) {
  const p = line.procedure ?? {};
  const mods = (p.modifiers ?? []).filter(Boolean);
  return `${p.code || line.revenue_code || '—'}${mods.length ? `-${mods.join('-')}` : ''}`;
}

function lineBlock(line, sources) {
  const dates = (line.dates ?? []).map((d) => `${DATE_QUALIFIERS[d.qualifier] ?? d.qualifier} ${formatDate(d.date)}`).join(', ');
  const amounts = (line.amounts ?? []).map((a) => [AMOUNT_QUALIFIERS[a.qualifier] ?? `Amount ${a.qualifier}`, formatMoney(a.amount)]);
  return h('article', { class: 'dx-line' },
    h('header', { class: 'dx-line__head' },
      h('span', { class: 'dx-line__no', text: `Line ${Number(line.index) + 1}` }),
      h('span', { class: 'dx-code', text: lineTitle(line) }),
      line.procedure?.description ? h('span', { text: line.procedure.description }) : null,
      h('span', { class: 'dx-muted', text: dates })),
    keyValues([
      ['Charged', formatMoney(line.charge)], ['Paid', formatMoney(line.paid)], ...amounts,
      ['Units paid', line.units_paid], ['Units billed', line.units_submitted],
      ['Revenue code', line.revenue_code],
      ['Billed as', line.submitted_procedure ? `${line.submitted_procedure.code ?? ''} ${(line.submitted_procedure.modifiers ?? []).join('-')}`.trim() : null],
      ['Line control no.', line.control_number], ['Segment', line.segment]]),
    (line.adjustments ?? []).map((a) => adjustmentCard(a, sources)),
    (line.remarks ?? []).map((r) => remarkCard(r, sources)),
    !(line.adjustments ?? []).length && !(line.remarks ?? []).length ? h('p', { class: 'dx-muted', text: 'No adjustments on this line.' }) : null);
}

/**
 * One next action: label, amount, reasons, "Act by YYYY-MM-DD" with whose rule it follows and
 * the rule in words, "deadline passed" in words when so, and the action's note (which names the
 * exception route when a deadline passed).
 */
/** Text with every YYYY-MM-DD kept on one line (a span each; still text nodes only). */
function withDates(text) {
  return String(text ?? '').split(/(\d{4}-\d{2}-\d{2})/).map((part, i) => (i % 2 ? h('span', { class: 'dx-date', text: part }) : part));
}

function actionItem(a) {
  const owner = deadlineOwnerLabel(a.deadline_owner);
  let deadline = null;
  if (a.act_by) {
    deadline = h('div', { class: ['dx-deadline', a.deadline_passed && 'dx-deadline--passed'], dataset: { actBy: a.act_by, owner: a.deadline_owner ?? '' } },
      h('span', { class: 'dx-deadline__date' }, a.deadline_passed ? 'Was due by ' : 'Act by ', h('strong', { class: 'dx-date', text: a.act_by })),
      owner ? h('span', { class: 'dx-deadline__owner', text: owner }) : null,
      a.deadline_rule ? h('span', { class: 'dx-deadline__rule' }, withDates(a.deadline_rule)) : null);
  } else if (a.deadline_owner || a.deadline_rule) {
    deadline = h('div', { class: 'dx-deadline dx-deadline--none', dataset: { owner: a.deadline_owner ?? '' } },
      h('span', { class: 'dx-deadline__date', text: a.deadline_owner === 'contract' ? 'No act-by date: your contract\'s window is not set' : 'No act-by date' }),
      owner ? h('span', { class: 'dx-deadline__owner', text: owner }) : null,
      a.deadline_rule ? h('span', { class: 'dx-deadline__rule', text: a.deadline_rule }) : null);
  }
  return h('li', { class: 'dx-actions__item', dataset: { action: a.action ?? '' } },
    h('div', { class: 'dx-actions__head' },
      actionBadge(a.action, a.label),
      h('span', { class: 'dx-num dx-actions__amount', text: formatMoney(a.amount) }),
      a.reasons?.length ? h('span', { class: 'dx-codes dx-mono', text: a.reasons.join(', ') }) : null),
    deadline,
    a.deadline_passed ? h('p', { class: 'dx-warning dx-deadline__passed' },
      h('span', { 'aria-hidden': 'true', text: '✕ ' }), 'Deadline passed', a.act_by ? [' (it was ', h('span', { class: 'dx-date', text: a.act_by }), ')'] : null,
      `: the action is now “${a.label || a.action}”.`) : null,
    a.note ? h('p', { class: 'dx-actions__note' }, withDates(a.note)) : null);
}

/**
 * Everything about one claim (Session.claim(row) answer). options:
 *  loadRaw: async () => string  (adds a "Show raw segments" button),
 *  headingLevel: 2 (the claim title's heading level),
 *  reportSources: the report's sources object, when the claim carries none.
 */
export function claimDetail(claim, { loadRaw, headingLevel = 2, reportSources } = {}) {
  if (!claim) return h('p', { class: 'dx-muted', text: 'Claim not found.' });
  const names = (claim.names ?? []).map((n) => {
    const who = [n.last, n.first, n.middle].filter(Boolean).join(', ');
    const role = { QC: 'Patient', IL: 'Insured', '74': 'Corrected insured', '82': 'Rendering provider', TT: 'Crossover payer', PR: 'Corrected payer', GB: 'Other insured' }[n.entity] ?? n.entity;
    return `${role}: ${who}${n.id ? ` (${n.id_qualifier ? `${n.id_qualifier} ` : ''}${n.id})` : ''}`;
  });
  const dates = (claim.dates ?? []).map((d) => `${DATE_QUALIFIERS[d.qualifier] ?? d.qualifier} ${formatDate(d.date)}`);
  const money = claim.money ?? {};
  const root = h('div', { class: 'dx-claim', dataset: { row: claim.row !== undefined ? String(claim.row) : '' } });

  root.append(h('header', { class: 'dx-claim__head' },
    h(`h${headingLevel}`, { class: 'dx-claim__title' },
      h('span', { text: claim.patient_name || 'Unnamed patient' }),
      h('span', { class: 'dx-claim__pcn dx-mono', text: claim.patient_control_number ? ` · ${claim.patient_control_number}` : '' })),
    h('div', { class: 'dx-claim__badges' }, outcomeBadge(claim.outcome, claim.outcome_label),
      claim.status_official ? h('span', { class: 'dx-muted', text: `Status ${claim.status}: ${claim.status_official.description}` }) : null)));

  root.append(h('div', { class: 'dx-cards dx-cards--claim' },
    card('Charged', formatMoney(claim.charge)),
    card('Paid', formatMoney(claim.paid), { tone: 'ok' }),
    card('Patient responsibility', formatMoney(claim.patient_responsibility)),
    card('Recoverable', formatMoney(money.recoverable), { tone: isZero(money.recoverable) ? undefined : 'bad' }),
    card('Write-off', formatMoney(money.write_off))));

  root.append(keyValues([
    ['Payer', claim.payer], ['Payer claim no.', claim.payer_claim_number], ['File', claim.file_name],
    ['Remit date', claim.remit_date ? formatDate(claim.remit_date) : null],
    ['Filing indicator', claim.filing_indicator], ['Facility / frequency', claim.facility_type ? `${claim.facility_type} / ${claim.frequency}` : null],
    ['DRG', claim.drg], ['Dates', dates.join(', ')], ['People', names.join('; ')],
    ['Segments', claim.segment ? `${claim.segment}–${claim.last_segment}` : null]]));

  if (claim.reversal_pair) {
    root.append(h('p', { class: 'dx-note', text: `${claim.outcome === 'reversed' ? 'This reversal is paired with its corrected claim' : 'This claim corrects an earlier reversed payment'} (claim ${Number(claim.reversal_pair.other_claim) + 1} in the same payment). Net paid for the pair: ${formatMoney(claim.reversal_pair.net_paid)}.` }));
  }

  const actions = claim.actions ?? [];
  const sources = claim.sources ?? reportSources ?? {};
  root.append(section('What to do',
    actions.length ? h('ol', { class: 'dx-actions' }, actions.map((a) => actionItem(a)))
      : h('p', { class: 'dx-muted', text: 'Nothing to do: post the payment.' })));

  if ((claim.adjustments ?? []).length || (claim.remarks ?? []).length) {
    root.append(section('Claim-level adjustments and remarks', (claim.adjustments ?? []).map((a) => adjustmentCard(a, sources)), (claim.remarks ?? []).map((r) => remarkCard(r, sources))));
  }

  root.append(section(`Service lines (${(claim.lines ?? []).length})`,
    (claim.lines ?? []).length ? claim.lines.map((line) => lineBlock(line, sources)) : h('p', { class: 'dx-muted', text: 'No service lines: the payer adjudicated the claim as a whole.' })));

  // "Why we say this": every source of the actions and of the adjustments' and remarks'
  // guidance, as text (no link: nothing is fetched, citations that look like URLs stay text).
  const ids = [...actions.flatMap((a) => a.sources ?? []),
    ...(claim.adjustments ?? []).flatMap((a) => a.guidance?.sources ?? []),
    ...(claim.remarks ?? []).flatMap((r) => r.guidance?.sources ?? []),
    ...(claim.lines ?? []).flatMap((l) => [...(l.adjustments ?? []).flatMap((a) => a.guidance?.sources ?? []), ...(l.remarks ?? []).flatMap((r) => r.guidance?.sources ?? [])])];
  const why = sourcesList(ids, sources);
  if (why) {
    root.append(h('section', { class: 'dx-section dx-why' },
      h(`h${Math.min(headingLevel + 1, 6)}`, { class: 'dx-section__title', text: 'Why we say this' }),
      h('p', { class: 'dx-muted', text: 'The rules and documents our advice for this claim follows. Listed as text: nothing is fetched.' }),
      why));
  }

  if (claim.appeal_letter) {
    const letter = h('pre', { class: 'dx-letter', text: claim.appeal_letter });
    root.append(section('Appeal letter (draft)',
      h('p', { class: 'dx-muted', text: 'Fill in the [BLANKS] before sending. Drafted by Denial Explainer, not by the payer.' }),
      h('div', { class: 'dx-toolbar' }, copyButton(() => claim.appeal_letter, 'Copy letter')), letter));
  }
  if ((claim.corrected_claim_checklist ?? []).length) {
    root.append(section('Corrected-claim checklist',
      h('div', { class: 'dx-toolbar' }, copyButton(() => claim.corrected_claim_checklist.map((s, i) => `${i + 1}. ${s}`).join('\n'), 'Copy checklist')),
      listOf(claim.corrected_claim_checklist, true)));
  }

  if (loadRaw) {
    const out = h('pre', { class: 'dx-raw', hidden: true, tabindex: '0', 'aria-label': 'Raw segments' });
    const button = h('button', {
      type: 'button', class: 'dx-button dx-button--small', 'aria-expanded': 'false',
      onclick: async () => {
        if (!out.hidden) {
          out.hidden = true;
          button.setAttribute('aria-expanded', 'false');
          button.textContent = 'Show raw segments';
          return;
        }
        button.disabled = true;
        try {
          out.textContent = await loadRaw();
        } catch (error) {
          out.textContent = `Could not load the raw segments: ${error?.message ?? error}`;
        }
        button.disabled = false;
        out.hidden = false;
        button.setAttribute('aria-expanded', 'true');
        button.textContent = 'Hide raw segments';
      },
    }, 'Show raw segments');
    root.append(section('Raw segments', h('p', { class: 'dx-muted', text: 'The claim exactly as the payer sent it.' }), h('div', { class: 'dx-toolbar' }, button), out));
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// Code lookup

/**
 * A lookup answer (DenialExplainer.lookup) or a search answer (DenialExplainer.search).
 * options.onPick(code, list) for search hits (e.g. to look the code up).
 */
export function codeAnswer(answer, { onPick } = {}) {
  const root = h('div', { class: 'dx-answer' });
  if (!answer) return root;
  const answers = Array.isArray(answer) ? answer : [answer];
  for (const a of answers) {
    if (Array.isArray(a.hits)) {
      root.append(h('p', { class: 'dx-muted', text: a.hits.length ? `Codes whose official text matches “${a.query}”:` : `No code's official text matches “${a.query}”.` }));
      if (a.hits.length) {
        root.append(h('ul', { class: 'dx-hits' }, a.hits.map((hit) => h('li', { class: ['dx-hit', hit.deactivated && 'dx-hit--old'] },
          onPick ? h('button', { type: 'button', class: 'dx-link dx-code', onclick: () => onPick(hit.code, hit.list), text: `${hit.list === 'carc' ? 'CARC' : hit.list === 'rarc' ? 'RARC' : hit.list.toUpperCase()} ${hit.code}` })
            : h('span', { class: 'dx-code', text: `${hit.list.toUpperCase()} ${hit.code}` }),
          ' ', h('span', { text: hit.description }),
          hit.deactivated ? h('span', { class: 'dx-badge dx-badge--neutral', text: 'deactivated' }) : null))));
      }
      continue;
    }
    if (!a.found) {
      root.append(h('p', { class: 'dx-note', text: a.message || `“${a.query}” is not a known code.` }));
      continue;
    }
    for (const m of a.matches ?? []) {
      const g = m.guidance;
      const dates = [m.start_date ? `since ${m.start_date}` : null, m.stop_date ? `stopped ${m.stop_date}` : null, m.last_modified ? `last modified ${m.last_modified}` : null].filter(Boolean).join(' · ');
      root.append(h('article', { class: 'dx-adj dx-lookup', dataset: { code: m.code, list: m.list } },
        h('header', { class: 'dx-adj__head' },
          h('span', { class: 'dx-code dx-code--big', text: m.list === 'group' ? m.code : `${m.list === 'carc' && a.group ? `${a.group}-` : ''}${m.code}` }),
          h('span', { class: 'dx-adj__group', text: m.list_name }),
          m.deactivated ? h('span', { class: 'dx-badge dx-badge--bad', text: 'Deactivated' }) : null,
          g?.action_label ? actionBadge(g.action, g.action_label) : null),
        h('div', { class: 'dx-official' },
          h('div', { class: 'dx-source dx-source--official', text: `Official text · ${m.list_name}${releaseLabel(m.release)}` }),
          h('p', { class: 'dx-official__text', text: m.description }),
          m.definition ? h('p', { class: 'dx-official__text', text: m.definition }) : null,
          dates ? h('p', { class: 'dx-muted', text: dates }) : null),
        g ? h('div', { class: 'dx-guidance' },
          h('div', { class: 'dx-source dx-source--ours', text: g.source || 'Denial Explainer guidance (not official text)' }),
          g.plain ? h('p', { text: g.plain }) : null,
          g.note ? h('p', { text: g.note }) : null,
          g.group_note ? h('p', { class: 'dx-guidance__note', text: g.group_note }) : null,
          g.steps?.length ? [h('h4', { class: 'dx-sub', text: 'What to do' }), listOf(g.steps, true)] : null,
          g.appeal_attachments?.length ? [h('h4', { class: 'dx-sub', text: 'Attach to an appeal' }), listOf(g.appeal_attachments)] : null,
          g.appealable ? h('p', { class: 'dx-muted', text: `Appealable: ${g.appealable}${g.category_label ? ` · ${g.category_label}` : ''}` }) : null) : null));
    }
  }
  return root;
}
