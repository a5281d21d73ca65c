// The Trends view: which payer denies us most, for what, and is it getting worse. Everything
// shown comes from the engine's trends answer (core/src/report/breakdowns.cpp); the payer
// table, the charts and the reasons by month are render-trends.js's, shared with the widget.
// The page only sorts rows the engine gave it; it never adds an amount up.
import { h, formatMoney, formatCount, formatPercent } from './render.js';
import { payerTable, payerMonthCharts, reasonsByMonth } from './render-trends.js';

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
  return [
    h('section', { class: 'block' }, h('h3', { class: 'block__title', text: 'By payer' }),
      payerTable(t.payers.rows, t.payers.total, { sort, onSort, onPick, id: 'payer-table' })),
    h('section', { class: 'block' }, h('h3', { class: 'block__title', text: 'Is it getting worse?' }),
      payerMonthCharts(t.payer_months, t.months.rows, { headingLevel: 4, morePayersNote: 'narrow to one with the filter above' })),
    h('section', { class: 'block' }, h('h3', { class: 'block__title', text: 'What for, month by month' }),
      reasonsByMonth(t.months.rows, { id: 'reasons-by-month' })),
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
