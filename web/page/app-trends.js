// The Trends view: which payer denies us most, for what, and is it getting worse. Everything
// shown comes from the engine's trends answer (core/src/report/breakdowns.cpp): the payer
// table, denial rate by month per payer and the top reasons by month. The page only sorts
// rows the engine gave it; it never adds an amount up.
import { h, svg, formatMoney, formatCount, formatPercent } from './render.js';

const PAYER_COLUMNS = [
  { key: 'label', label: 'Payer', text: true },
  { key: 'claims', label: 'Claims' },
  { key: 'billed', label: 'Billed' },
  { key: 'paid', label: 'Paid' },
  { key: 'patient', label: 'Patient' },
  { key: 'denied', label: 'Denied' },
  { key: 'recoverable', label: 'Recoverable' },
  { key: 'denial_rate_count', label: 'Denial rate (claims)', percent: true },
  { key: 'denial_rate_dollars', label: 'Denial rate ($)', percent: true },
];
const MAX_CHART_PAYERS = 6;

/** Payer table; `sort` = {key, descending}; onSort(key) when a header button is pressed. */
export function payerTable(rows, { sort, onSort, onPick }) {
  const col = PAYER_COLUMNS.find((c) => c.key === sort.key) ?? PAYER_COLUMNS[2];
  const value = (r) => (col.text ? String(r[col.key] ?? '') : Number(r[col.key] ?? 0));
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const c = x < y ? -1 : x > y ? 1 : 0;
    return sort.descending ? -c : c;
  });
  const head = PAYER_COLUMNS.map((c) => {
    const active = c.key === col.key;
    const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
    return h('th', { scope: 'col', class: c.text ? null : 'dx-num', 'aria-sort': ariaSort },
      h('button', { type: 'button', class: 'trends__sort', dataset: { sort: c.key }, onclick: () => onSort(c.key) },
        c.label, h('span', { class: 'trends__arrow', 'aria-hidden': 'true', text: active ? (sort.descending ? ' ▼' : ' ▲') : '' })));
  });
  const cell = (r, c) => {
    if (c.text) {
      return h('th', { scope: 'row', class: 'trends__payer' },
        h('button', { type: 'button', class: 'trends__pick', title: 'Narrow every view to this payer', onclick: () => onPick(r.key) }, r.label),
        r.key !== r.label && r.key !== '-' ? h('span', { class: 'dx-muted trends__id', text: ` ${r.key}` }) : null);
    }
    const text = c.percent ? formatPercent(r[c.key]) : c.key === 'claims' ? formatCount(r.claims) : formatMoney(r[c.key]);
    return h('td', { class: 'dx-num', 'data-label': c.label, text });
  };
  return h('div', { class: 'dx-table-wrap' },
    h('table', { class: 'dx-table trends__table', id: 'payer-table' },
      h('caption', { class: 'dx-table__caption', text: 'Payers: claims, money and denial rates (select a column to sort)' }),
      h('thead', {}, h('tr', {}, head)),
      h('tbody', {}, sorted.map((r) => h('tr', { dataset: { payer: r.key } }, PAYER_COLUMNS.map((c) => cell(r, c))))),
      h('tfoot', {}, h('tr', {}, PAYER_COLUMNS.map((c) => (c.text ? h('th', { scope: 'row', text: 'All payers' }) : cell({ ...rows.total }, c)))))));
}

/**
 * Denial rate (dollars) by remit month, one small bar chart per payer: bars are months, height
 * the rate, each labelled. The SVG scales to its box, so it reads at 390 px.
 */
export function payerMonthCharts(payerMonths, months) {
  // The latest 12 remit months with a known date (the table below lists every month).
  const keys = months.map((m) => m.key).filter((k) => k !== '-').slice(-12);
  const list = payerMonths.slice(0, MAX_CHART_PAYERS);
  const figure = h('figure', { class: 'dx-chart trends__charts' },
    h('figcaption', { class: 'dx-chart__title', text: `Denial rate (dollars) by remit month, per payer${keys.length ? `: ${keys[0]} to ${keys[keys.length - 1]}` : ''}` }));
  if (!keys.length) return figure;
  for (const p of list) {
    const byMonth = new Map(p.months.map((m) => [m.key, m]));
    const w = Math.max(keys.length * 30, 240);
    const height = 130;
    const top = 18;
    const base = height - 22;
    const id = `trend-${Math.random().toString(36).slice(2, 9)}`;
    const description = keys.map((k) => `${k}: ${byMonth.has(k) ? formatPercent(byMonth.get(k).denial_rate_dollars) : 'no claims'}`).join('; ');
    const chart = svg('svg', { class: 'trends__svg', viewBox: `0 0 ${w} ${height}`, width: '100%', role: 'img', 'aria-labelledby': id, preserveAspectRatio: 'xMinYMin meet' },
      svg('title', { id, text: `${p.label}: denial rate by month. ${description}` }),
      svg('line', { class: 'trends__axis', x1: '0', x2: String(w), y1: String(base), y2: String(base) }));
    keys.forEach((k, i) => {
      const m = byMonth.get(k);
      const x = i * (w / keys.length) + 6;
      const bw = w / keys.length - 12;
      const rate = m ? Math.min(Number(m.denial_rate_dollars) || 0, 1) : 0;
      const bh = Math.max((base - top) * rate, m ? 1 : 0);
      chart.append(svg('g', {},
        svg('rect', { class: `trends__bar${m ? '' : ' trends__bar--none'}`, x: String(x), y: String(base - bh), width: String(bw), height: String(bh), rx: '2' }),
        svg('text', { class: 'trends__value', x: String(x + bw / 2), y: String(base - bh - 4), 'text-anchor': 'middle', text: m ? `${Math.round(rate * 100)}%` : '–' }),
        svg('text', { class: 'trends__month', x: String(x + bw / 2), y: String(height - 6), 'text-anchor': 'middle', text: k.length === 7 ? k.slice(2) : k })));
    });
    figure.append(h('div', { class: 'trends__chart' }, h('h4', { class: 'trends__chart-title', text: p.label }), chart));
  }
  if (payerMonths.length > list.length) {
    figure.append(h('p', { class: 'dx-muted', text: `${payerMonths.length - list.length} more payers: narrow to one with the filter above.` }));
  }
  return figure;
}

/** Top reasons per remit month (the engine's top 5, largest amount first). */
export function reasonsByMonth(months) {
  return h('div', { class: 'dx-table-wrap' },
    h('table', { class: 'dx-table trends__reasons', id: 'reasons-by-month' },
      h('caption', { class: 'dx-table__caption', text: 'Top adjustment reasons by remit month' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Month' }), h('th', { scope: 'col', class: 'dx-num', text: 'Claims' }),
        h('th', { scope: 'col', class: 'dx-num', text: 'Denied' }), h('th', { scope: 'col', text: 'Top reasons (amount)' }))),
      h('tbody', {}, months.map((m) => h('tr', {},
        h('th', { scope: 'row', text: m.label }),
        h('td', { class: 'dx-num', 'data-label': 'Claims', text: formatCount(m.claims) }),
        h('td', { class: 'dx-num', 'data-label': 'Denied', text: formatMoney(m.denied) }),
        h('td', { 'data-label': 'Top reasons' }, h('ul', { class: 'trends__codes' },
          m.top_reasons.slice(0, 3).map((t) => h('li', {}, h('code', { text: t.code }), ' ', h('span', { class: 'dx-amount', text: formatMoney(t.amount) }))))))))));
}

/** The slice filter: payer, month and provider selects; onChange(slice) on any change. */
export function fillSliceForm(choices, slice) {
  const fill = (id, list, all) => {
    const select = document.getElementById(id);
    const keep = select.value;
    select.replaceChildren(h('option', { value: '', text: all }),
      ...list.map((c) => h('option', { value: c.key, text: `${c.key === '-' ? '(none)' : c.label} (${formatCount(c.claims)})` })));
    const want = slice[id.slice(6)] ?? keep;
    select.value = list.some((c) => c.key === want) ? want : '';
  };
  fill('slice-payer', choices.payers ?? [], 'All payers');
  fill('slice-month', choices.months ?? [], 'All months');
  fill('slice-provider', choices.providers ?? [], 'All providers');
}

/** "Payer X · 2024-03" for the views' headings, "" when nothing is narrowed. */
export function sliceLabel(slice, choices) {
  const name = (list, key) => (list ?? []).find((c) => c.key === key)?.label ?? key;
  const parts = [];
  if (slice.payer) parts.push(name(choices?.payers, slice.payer));
  if (slice.month) parts.push(slice.month);
  if (slice.provider) parts.push(`provider ${slice.provider === '-' ? '(none)' : slice.provider}`);
  return parts.join(' · ');
}

/** The whole Trends view from one engine answer. */
export function trendsView(t, { sort, onSort, onPick }) {
  const payers = t.payers.rows;
  payers.total = t.payers.total;
  return [
    h('section', { class: 'block' }, h('h3', { class: 'block__title', text: 'By payer' }), payerTable(payers, { sort, onSort, onPick })),
    h('section', { class: 'block' }, h('h3', { class: 'block__title', text: 'Is it getting worse?' }), payerMonthCharts(t.payer_months, t.months.rows)),
    h('section', { class: 'block' }, h('h3', { class: 'block__title', text: 'What for, month by month' }), reasonsByMonth(t.months.rows)),
  ];
}

/** Headline numbers of the narrowed batch, from the engine's slice total. */
export function sliceCards(total, label) {
  const card = (name, value, tone) => h('div', { class: ['dx-card', tone && `dx-card--${tone}`] },
    h('div', { class: 'dx-card__label', text: name }), h('div', { class: 'dx-card__value', text: value }));
  return h('section', { class: 'block slice__summary', 'aria-label': `Narrowed to ${label}` },
    h('h3', { class: 'block__title', text: `Narrowed to ${label} (${formatCount(total.claims)} claims)` }),
    h('div', { class: 'dx-cards' },
      card('Paid', formatMoney(total.paid), 'ok'),
      card('Billed', formatMoney(total.billed)),
      card('Patient', formatMoney(total.patient), 'info'),
      card('Denied', formatMoney(total.denied), 'bad'),
      card('Recoverable', formatMoney(total.recoverable), 'warn'),
      card('Denial rate ($)', formatPercent(total.denial_rate_dollars), 'warn')),
    h('p', { class: 'dx-muted', text: 'The full batch follows below.' }));
}
