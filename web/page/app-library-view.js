// What the "Kept on this device" dialog shows: the kept files (name, payer, remit date, size,
// how kept) with a Remove button each, and how much of the browser's storage they use.
// Plain DOM from plain data; every text goes through textContent (file names are user data).
import { h, formatCount } from './render.js';

export const MODE_LABELS = { trends: 'Trends only', full: 'Full claims' };

export function formatSize(n) {
  if (!(n >= 0)) return '—';
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

/** "20250314" as "2025-03-14"; '' stays ''. */
export function isoDay(d) {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(String(d ?? ''));
  return m ? `${m[1]}-${m[2]}-${m[3]}` : String(d ?? '');
}

/** Newest remit first, then by name. */
export function byRemitDate(a, b) {
  return String(b.remitDate ?? '').localeCompare(String(a.remitDate ?? '')) || String(a.name).localeCompare(String(b.name));
}

/** The table of kept files; onRemove(record) for each row's button. */
export function libraryTable(records, { onRemove }) {
  if (!records.length) return h('p', { class: 'dx-muted library__empty', text: 'Nothing is kept yet: files you drop from now on are kept here.' });
  const sorted = [...records].sort(byRemitDate);
  return h('div', { class: 'dx-table-wrap library__wrap', tabindex: '0', role: 'region', 'aria-label': 'Files kept on this device' },
    h('table', { class: 'dx-table library__table', id: 'library-table' },
      h('caption', { class: 'visually-hidden', text: `Files kept on this device (${formatCount(records.length)})` }),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', text: 'File' }), h('th', { scope: 'col', text: 'Payer' }), h('th', { scope: 'col', text: 'Remit date' }),
        h('th', { scope: 'col', class: 'dx-num', text: 'Size' }), h('th', { scope: 'col', text: 'Kept as' }),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden', text: 'Remove' })))),
      h('tbody', {}, sorted.map((r) => h('tr', { dataset: { hash: r.hash } },
        h('td', { 'data-label': 'File', class: 'library__name' }, h('span', { text: r.name })),
        h('td', { 'data-label': 'Payer', text: r.payer || '—' }),
        h('td', { 'data-label': 'Remit date', class: 'dx-mono', text: isoDay(r.remitDate) || '—' }),
        h('td', { 'data-label': 'Size', class: 'dx-num', text: formatSize(r.size) }),
        h('td', { 'data-label': 'Kept as', class: 'library__mode-cell', text: MODE_LABELS[r.mode] ?? r.mode }),
        h('td', { class: 'library__remove' },
          h('button', { type: 'button', class: 'button button--small button--quiet', 'aria-label': `Remove ${r.name}`, onclick: () => onRemove(r) }, 'Remove')))))));
}

/** "12 files (3 with full claims), 1.2 MB stored; the browser allows this page 120 GB." */
export function usageText(records, estimate) {
  const full = records.filter((r) => r.mode === 'full').length;
  const stored = records.reduce((n, r) => n + (r.storedBytes ?? 0), 0);
  const files = `${formatCount(records.length)} ${records.length === 1 ? 'file' : 'files'}${full ? ` (${formatCount(full)} with full claims)` : ''}`;
  const parts = [`${files}, ${formatSize(stored)} stored.`];
  if (estimate?.quota) parts.push(`This page uses ${formatSize(estimate.usage ?? 0)} of the ${formatSize(estimate.quota)} the browser allows it.`);
  if (estimate && !estimate.persisted) parts.push('The browser may clear it when the disk runs low: export a copy now and then.');
  return parts.join(' ');
}
