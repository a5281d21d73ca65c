// Trends renderers shared by the page's Trends view and the widget's view="trends": the payer
// table, denial rate by remit month per payer and the top reasons by month. Everything shown
// comes from the engine's trends answer (Session.trends, core/src/report/breakdowns.cpp); these
// functions only sort the rows they are given and never add an amount up. Styles: the
// dx-trends__* rules of report.css (both hosts), each host adding its own look.
import { h, svg, formatMoney, formatCount, formatPercent } from './render.js';

export const PAYER_COLUMNS = [
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
let nextChart = 1;

/**
 * The payer table with the engine's total as its footer. `sort` = {key, descending}; onSort(key)
 * when a header button is pressed; onPick(payerKey) makes each payer name a button (the page
 * narrows every view to it), without it the name is text. `id` names the table; `columns`:
 * the keys of PAYER_COLUMNS to show (default all; the payer's name always comes first).
 */
export function payerTable(rows, total, { sort, onSort, onPick, id, columns } = {}) {
  const shown = columns ? PAYER_COLUMNS.filter((c) => c.text || columns.includes(c.key)) : PAYER_COLUMNS;
  const col = shown.find((c) => c.key === sort?.key) ?? shown.find((c) => c.key === 'billed') ?? shown[1];
  const descending = sort ? sort.descending : true;
  const value = (r) => (col.text ? String(r[col.key] ?? '') : Number(r[col.key] ?? 0));
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const c = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -c : c;
  });
  const head = shown.map((c) => {
    const active = c.key === col.key;
    const ariaSort = active ? (descending ? 'descending' : 'ascending') : 'none';
    return h('th', { scope: 'col', class: c.text ? null : 'dx-num', 'aria-sort': ariaSort },
      h('button', { type: 'button', class: 'dx-trends__sort', dataset: { sort: c.key }, onclick: () => onSort?.(c.key) },
        c.label, h('span', { class: 'dx-trends__arrow', 'aria-hidden': 'true', text: active ? (descending ? ' ▼' : ' ▲') : '' })));
  });
  const cell = (r, c) => {
    if (c.text) {
      return h('th', { scope: 'row', class: 'dx-trends__payer' },
        onPick ? h('button', { type: 'button', class: 'dx-trends__pick', title: 'Narrow every view to this payer', onclick: () => onPick(r.key) }, r.label)
          : h('span', { class: 'dx-trends__name', text: r.label }),
        r.key !== r.label && r.key !== '-' ? h('span', { class: 'dx-muted dx-trends__id', text: ` ${r.key}` }) : null);
    }
    const text = c.percent ? formatPercent(r[c.key]) : c.key === 'claims' ? formatCount(r.claims) : formatMoney(r[c.key]);
    return h('td', { class: 'dx-num', 'data-label': c.label, text });
  };
  return h('div', { class: 'dx-table-wrap' },
    h('table', { class: 'dx-table dx-trends__table', id },
      h('caption', { class: 'dx-table__caption', text: `Payers: claims, money and denial rates${onSort ? ' (select a column to sort)' : ''}` }),
      h('thead', {}, h('tr', {}, head)),
      h('tbody', {}, sorted.map((r) => h('tr', { dataset: { payer: r.key } }, shown.map((c) => cell(r, c))))),
      total ? h('tfoot', {}, h('tr', {}, shown.map((c) => (c.text ? h('th', { scope: 'row', text: 'All payers' }) : cell(total, c))))) : null));
}

/**
 * Denial rate (dollars) by remit month, one small bar chart per payer: bars are months, height
 * the rate, each labelled. The SVG scales to its box, so it reads at 390 px. `headingLevel`:
 * the level of each payer's title (default 4); `maxPayers`: charts drawn (the largest first).
 */
export function payerMonthCharts(payerMonths, months, { headingLevel = 4, maxPayers = MAX_CHART_PAYERS, morePayersNote } = {}) {
  // Twelve calendar months in a row, ending with the latest remit month read: a month with
  // no remit shows as a gap, so the bars never skip time (the table below lists every month).
  const keys = calendarMonths(months.map((m) => m.key).filter((k) => /^\d{4}-\d{2}$/.test(k)).sort().at(-1), 12);
  const list = payerMonths.slice(0, maxPayers);
  const figure = h('figure', { class: 'dx-chart dx-trends__charts' },
    h('figcaption', { class: 'dx-chart__title', text: `Denial rate (dollars) by remit month, per payer${keys.length ? `: ${keys[0]} to ${keys[keys.length - 1]}` : ''}` }));
  if (!keys.length) return figure;
  for (const p of list) {
    const byMonth = new Map(p.months.map((m) => [m.key, m]));
    const w = Math.max(keys.length * 30, 240);
    const height = 130;
    const top = 18;
    const base = height - 22;
    const id = `dx-trend-${nextChart++}`;
    const description = keys.map((k) => `${k}: ${byMonth.has(k) ? formatPercent(byMonth.get(k).denial_rate_dollars) : 'no claims'}`).join('; ');
    const chart = svg('svg', { class: 'dx-trends__svg', viewBox: `0 0 ${w} ${height}`, width: '100%', role: 'img', 'aria-labelledby': id, preserveAspectRatio: 'xMinYMin meet' },
      svg('title', { id, text: `${p.label}: denial rate by month. ${description}` }),
      svg('line', { class: 'dx-trends__axis', x1: '0', x2: String(w), y1: String(base), y2: String(base) }));
    keys.forEach((k, i) => {
      const m = byMonth.get(k);
      const x = i * (w / keys.length) + 6;
      const bw = w / keys.length - 12;
      const rate = m ? Math.min(Number(m.denial_rate_dollars) || 0, 1) : 0;
      const bh = Math.max((base - top) * rate, m ? 1 : 0);
      chart.append(svg('g', { dataset: { month: k } },
        svg('rect', { class: `dx-trends__bar${m ? '' : ' dx-trends__bar--none'}`, x: String(x), y: String(base - bh), width: String(bw), height: String(bh), rx: '2' }),
        svg('text', { class: 'dx-trends__value', x: String(x + bw / 2), y: String(base - bh - 4), 'text-anchor': 'middle', text: m ? `${Math.round(rate * 100)}%` : '–' }),
        svg('text', { class: 'dx-trends__month', x: String(x + bw / 2), y: String(height - 6), 'text-anchor': 'middle', text: k.length === 7 ? k.slice(2) : k })));
    });
    figure.append(h('div', { class: 'dx-trends__chart', dataset: { payer: p.key } },
      h(`h${Math.min(Math.max(headingLevel, 1), 6)}`, { class: 'dx-trends__chart-title', text: p.label }), chart));
  }
  if (payerMonths.length > list.length) {
    const more = payerMonths.length - list.length;
    figure.append(h('p', { class: 'dx-muted', text: `${formatCount(more)} more ${more === 1 ? 'payer' : 'payers'}${morePayersNote ? `: ${morePayersNote}` : ''}.` }));
  }
  return figure;
}

/** `count` consecutive 'YYYY-MM' months ending with `last` (none when `last` is missing). */
export function calendarMonths(last, count) {
  if (!last) return [];
  let [year, month] = last.split('-').map(Number);
  const out = [];
  for (let i = 0; i < count; i++) {
    out.unshift(`${year}-${String(month).padStart(2, '0')}`);
    if (--month === 0) [year, month] = [year - 1, 12];
  }
  return out;
}

/** Top reasons per remit month (the engine's top 5, largest amount first; `top` shown). */
export function reasonsByMonth(months, { id, top = 3 } = {}) {
  return h('div', { class: 'dx-table-wrap' },
    h('table', { class: 'dx-table dx-trends__reasons', id },
      h('caption', { class: 'dx-table__caption', text: 'Top adjustment reasons by remit month' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Month' }), h('th', { scope: 'col', class: 'dx-num', text: 'Claims' }),
        h('th', { scope: 'col', class: 'dx-num', text: 'Denied' }), h('th', { scope: 'col', text: 'Top reasons (amount)' }))),
      h('tbody', {}, months.map((m) => h('tr', { dataset: { month: m.key } },
        h('th', { scope: 'row', text: m.label }),
        h('td', { class: 'dx-num', 'data-label': 'Claims', text: formatCount(m.claims) }),
        h('td', { class: 'dx-num', 'data-label': 'Denied', text: formatMoney(m.denied) }),
        h('td', { 'data-label': 'Top reasons' }, h('ul', { class: 'dx-trends__codes' },
          m.top_reasons.slice(0, top).map((t) => h('li', {}, h('code', { text: t.code }), ' ', h('span', { class: 'dx-amount', text: formatMoney(t.amount) }))))))))));
}
