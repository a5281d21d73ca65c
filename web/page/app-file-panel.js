// The file panel when many files were read: a summary instead of every file's warnings above
// the views. Counts by status, problems grouped by kind (each opens to the files that have it)
// and every file on demand, problems first, each file's diagnostics folded. The page counts
// files and diagnostics only; the words for each kind are the engine's (status.kinds).
import { h, formatCount, fileStatus } from './render.js';

/** From this many files on, the panel summarises. */
export const SUMMARISE_FROM = 11;
const PAGE = 100;           // files rendered per "Show more" in the list of every file
const FILES_PER_KIND = 50;  // files named under one kind before "and N more"

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 };
const SEVERITY_TONE = { error: 'bad', warning: 'warn', info: 'info' };
const SEVERITY_ICON = { error: '✕', warning: '!', info: 'i' };
const KIND_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' };

function plural(n, one, many = `${one}s`) {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Counts by status: read cleanly, read with problems, not readable, with a retransmitted payment. */
export function statusCounts(entries) {
  const c = { read: 0, read_with_errors: 0, unreadable: 0, retransmission: 0 };
  for (const { status } of entries) {
    if (status.status in c) c[status.status]++;
    if ((status.diagnostics ?? []).some((d) => d.code === 'duplicate_payment')) c.retransmission++;
  }
  return c;
}

/**
 * Problems grouped by kind (diagnostic code): [{code, severity, summary, occurrences,
 * files: [{entry, diagnostics}]}], errors first, then the kinds found in most files.
 */
export function problemKinds(entries) {
  const kinds = new Map();
  for (const entry of entries) {
    const byCode = new Map();
    for (const d of entry.status.diagnostics ?? []) {
      if (!byCode.has(d.code)) byCode.set(d.code, []);
      byCode.get(d.code).push(d);
    }
    for (const [code, diagnostics] of byCode) {
      let kind = kinds.get(code);
      if (!kind) {
        kind = { code, severity: 'info', summary: '', occurrences: 0, files: [] };
        kinds.set(code, kind);
      }
      kind.summary ||= entry.status.kinds?.[code] ?? '';
      for (const d of diagnostics) {
        if ((SEVERITY_RANK[d.severity] ?? 2) < (SEVERITY_RANK[kind.severity] ?? 2)) kind.severity = d.severity;
      }
      kind.occurrences += diagnostics.length;
      kind.files.push({ entry, diagnostics });
    }
  }
  return [...kinds.values()].sort((a, b) => (SEVERITY_RANK[a.severity] ?? 2) - (SEVERITY_RANK[b.severity] ?? 2)
    || b.files.length - a.files.length || a.code.localeCompare(b.code));
}

// Spans, not a list: they stand in the panel's <summary>, which holds phrasing content only.
function countsList(c) {
  const item = (tone, icon, label, n, key) => h('span', { class: `files__count files__count--${tone}`, dataset: { count: key } },
    h('span', { class: `dx-badge dx-badge--${tone}` }, h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: icon }), label),
    h('strong', { class: 'files__count-n', text: formatCount(n) }));
  return h('span', { class: 'files__counts' },
    item('ok', '✓', 'Read', c.read, 'read'),
    c.read_with_errors ? item('warn', '!', 'Read with problems', c.read_with_errors, 'read_with_errors') : null,
    c.unreadable ? item('bad', '✕', 'Not readable', c.unreadable, 'unreadable') : null,
    c.retransmission ? item('warn', '↺', 'Retransmitted payment', c.retransmission, 'retransmission') : null);
}

function kindGroup(kind) {
  const shown = kind.files.slice(0, FILES_PER_KIND);
  return h('details', { class: `files__kind files__kind--${kind.severity}`, dataset: { code: kind.code } },
    h('summary', { class: 'files__kind-head' },
      h('span', { class: `dx-badge dx-badge--${SEVERITY_TONE[kind.severity] ?? 'info'}` },
        h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: SEVERITY_ICON[kind.severity] ?? 'i' }), KIND_LABEL[kind.severity] ?? kind.severity),
      h('span', { class: 'files__kind-text', text: kind.summary || kind.code.replace(/_/g, ' ') }),
      h('span', { class: 'files__kind-count', text: `${plural(kind.files.length, 'file')} · ${plural(kind.occurrences, 'time')}` }),
      h('code', { class: 'files__kind-code', text: kind.code })),
    h('ul', { class: 'files__kind-files' }, shown.map(({ entry, diagnostics }) => h('li', {},
      h('span', { class: 'dx-file-status__name', text: entry.status.name }), ': ',
      h('span', { class: 'files__kind-message', text: diagnostics[0].message }),
      diagnostics.length > 1 ? h('span', { class: 'dx-muted', text: ` (and ${formatCount(diagnostics.length - 1)} more)` }) : null))),
    kind.files.length > shown.length ? h('p', { class: 'dx-muted', text: `… and ${plural(kind.files.length - shown.length, 'more file')}: every file is listed below.` }) : null);
}

/**
 * Every file, problems first, `PAGE` at a time, each a folded status card. `shown` is kept
 * on the element so a refresh while loading keeps what the user opened.
 */
function allFiles(entries, rawFor, shown) {
  const ordered = [...entries.filter((e) => e.status.status !== 'read' || e.status.diagnostics?.length),
    ...entries.filter((e) => e.status.status === 'read' && !e.status.diagnostics?.length)];
  const list = h('div', { class: 'files__all-list', tabindex: '0', role: 'region', 'aria-label': 'Every file read, problems first' });
  const more = h('button', { type: 'button', class: 'button button--small files__more' });
  let count = 0;
  const grow = (n) => {
    const next = ordered.slice(count, count + n);
    list.append(...next.map((e) => fileStatus(e.status, { rawFor: (d) => rawFor(e, d), collapsible: true })));
    count += next.length;
    details.dataset.shown = String(count);
    more.hidden = count >= ordered.length;
    more.textContent = `Show ${formatCount(Math.min(PAGE, ordered.length - count))} more (${formatCount(ordered.length - count)} left)`;
  };
  more.addEventListener('click', () => grow(PAGE));
  const details = h('details', { class: 'files__all', id: 'files-all' },
    h('summary', { class: 'files__all-head', text: `Every file (${formatCount(entries.length)}), problems first` }), list, more);
  // Rendered when opened: thousands of cards cost time nobody asked for.
  details.addEventListener('toggle', () => { if (details.open && !count) grow(Math.max(PAGE, shown)); });
  if (shown) {
    details.open = true;
    grow(shown);
  }
  return details;
}

/** The panel's always-visible line: how many files, and how many of each status. */
export function fileSummaryHead(entries) {
  return [h('span', { class: 'files__title', text: `${plural(entries.length, 'file')} read` }),
    countsList(statusCounts(entries))];
}

/**
 * The summarised panel's content, shown when the user opens it. `previous`: the panel's
 * current content, so kinds and the file list the user opened stay open when it is redrawn
 * while files are still loading.
 */
export function fileSummary(entries, { rawFor, previous }) {
  const openKinds = new Set([...(previous?.querySelectorAll('.files__kind[open]') ?? [])].map((d) => d.dataset.code));
  const prevAll = previous?.querySelector('#files-all');
  const shown = prevAll?.open ? Number(prevAll.dataset.shown || 0) : 0;
  const kinds = problemKinds(entries);
  const groups = kinds.map(kindGroup);
  for (const g of groups) if (openKinds.has(g.dataset.code)) g.open = true;
  return [
    kinds.length ? h('section', { class: 'files__kinds', 'aria-label': 'Problems by kind' },
      h('h2', { class: 'files__heading', text: `Problems by kind (${formatCount(kinds.length)})` }), groups)
      : h('p', { class: 'dx-muted', text: 'No file has a problem.' }),
    allFiles(entries, rawFor, shown),
  ];
}
