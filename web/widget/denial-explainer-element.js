// <denial-explainer>: the embeddable explainer. The host hands it an 835 (explainFile) or the
// user drops one on it; the engine runs in the page's one shared worker (sharedBridge), so
// several instances cost one wasm instance, and nothing leaves the browser. The class has no
// side effects: denial-explainer.js registers it.
import { sharedBridge } from './bridge.js';
import { h, svg, formatMoney, formatCount, summaryCards, barChart, outcomeBadge, claimDetail, fileStatus, deadlineOwnerLabel } from './render.js';
import { adoptStyles, TOKENS, BASE, REPORT_STYLES, EXPLAINER_STYLES } from './denial-widget-styles.js';

const VIEWS = ['summary', 'worklist', 'claims', 'rejections'];
const PAGE = 50;
let nextId = 1;

/** `denial-report`: a report is ready. detail: {summary, files}. */
export class DenialReportEvent extends CustomEvent {
  constructor(summary, files) {
    super('denial-report', { bubbles: true, composed: true, detail: { summary, files } });
  }
  /** The report's totals (docs/report-schema.md, "summary"). */
  get summary() { return this.detail.summary; }
  /** One status per file: {name, bytes, readable, status, errors, warnings, ...}. */
  get files() { return this.detail.files; }
}

/** `denial-error`: a file could not be explained. detail: {code, message, file}. */
export class DenialErrorEvent extends CustomEvent {
  constructor(code, message, file) {
    super('denial-error', { bubbles: true, composed: true, detail: { code, message, file } });
  }
  get code() { return this.detail.code; }
  get message() { return this.detail.message; }
  get file() { return this.detail.file; }
}

/** `denial-action`: the user picked an action on a claim. detail: {row, claim, action}. */
export class DenialActionEvent extends CustomEvent {
  constructor(row, claim, action) {
    super('denial-action', { bubbles: true, composed: true, detail: { row, claim, action } });
  }
  get row() { return this.detail.row; }
  get claim() { return this.detail.claim; }
  get action() { return this.detail.action; }
}

/** An Error with the diagnostic code the denial-error event carries. */
export class DenialError extends Error {
  constructor(code, message, file) {
    super(message);
    this.name = 'DenialError';
    this.code = code;
    this.file = file;
  }
}

// dx-* classes from render.js exposed as parts, so hosts can style them with ::part().
const RENDER_PARTS = [['.dx-card', 'card'], ['.dx-badge', 'badge'], ['.dx-claim', 'claim-detail'],
  ['.dx-chart', 'chart'], ['.dx-file-status', 'file-status']];

/**
 * Explains X12 835 remittances (ERA files) in the page, with no network request.
 *
 * @attr view - "summary" (default), "worklist", "claims" or "rejections" (277CA / 999 read; reflects `view`).
 * @attr compact - boolean: fewer numbers and a tighter layout (reflects `compact`).
 * @attr mask-patient-data - boolean: hide patient names and ids (reflects `maskPatientData`).
 * @attr heading-level - 1-6: level of the widget's section headings (default 2; reflects `headingLevel`).
 * @attr appeal-days - your contract's appeal window in days for payers other than Medicare (reflects `appealDays`).
 * @attr filing-days - your contract's filing window in days for payers other than Medicare (reflects `filingDays`).
 * @attr as-of - YYYY-MM-DD date deadlines are judged by (default today; reflects `asOf`).
 *
 * @event denial-report - DenialReportEvent, detail {summary, files}: a report is ready.
 * @event denial-error - DenialErrorEvent, detail {code, message, file}: a file could not be read.
 * @event denial-action - DenialActionEvent, detail {row, claim, action}: the user picked an action.
 *
 * @csspart base - the widget's box.
 * @csspart header - the title bar with the privacy note and the file button.
 * @csspart file-button - "Choose 835 file".
 * @csspart drop-zone - the empty state (drop a file here).
 * @csspart status - progress and result line.
 * @csspart error - an error message.
 * @csspart tabs - the view switcher; tab - one of its buttons.
 * @csspart summary - the summary view; card - one number; chart - the bar chart.
 * @csspart reasons - top reasons list; reason - one reason.
 * @csspart worklist - the worklist view; claims - the claims view.
 * @csspart claim - one claim row; claim-detail - an opened claim.
 * @csspart code - each <denial-code> (its own parts are exported as code-button, code-panel).
 * @csspart action - an action button (fires denial-action); details-button - opens a claim.
 * @csspart more-button - "Show more"; badge - an outcome or status badge.
 *
 * @cssproperty --denial-accent - accent color (default #1f5fbf).
 * @cssproperty --denial-accent-text - text on the accent color (default #fff).
 * @cssproperty --denial-font - font family (default the system UI font).
 * @cssproperty --denial-mono-font - font for codes and numbers.
 * @cssproperty --denial-font-size - base font size (default 14px).
 * @cssproperty --denial-radius - corner radius (default 8px).
 * @cssproperty --denial-text, --denial-muted - text colors.
 * @cssproperty --denial-surface, --denial-surface-alt, --denial-border - backgrounds and lines.
 * @cssproperty --denial-ok, --denial-warn, --denial-bad, --denial-info - outcome colors.
 * @cssproperty --denial-max-height - height before the view scrolls (default none).
 */
export class DenialExplainerElement extends HTMLElement {
  static observedAttributes = ['view', 'compact', 'mask-patient-data', 'heading-level', 'appeal-days', 'filing-days', 'as-of'];

  /** Registers the element (relative-time habit); throws if `tag` is taken. */
  static define(tag = 'denial-explainer', registry = customElements) {
    registry.define(tag, this);
    return this;
  }

  #bridge = sharedBridge();
  #session = null;       // session id in the shared worker
  #generation = -1;      // bridge generation the session belongs to
  #report = null;        // Session.summary() answer
  #counts = { worklist: 0, claims: 0 };
  #seq = 0;              // explain calls: only the latest one shows
  #renderSeq = 0;
  #updateQueued = false;
  #rendered = { view: '', compact: null, mask: null, level: 0, report: null };
  #ui;
  #uid = nextId++;
  #items = null;         // the last explained inputs, re-explained when a deadline option changes
  #adviceKey = '';       // the deadline options the shown report was explained with

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root, TOKENS, BASE, REPORT_STYLES, EXPLAINER_STYLES);
    this.#ui = this.#build();
    root.append(this.#ui.base);
    this.addEventListener('dragover', this.#onDragOver);
    this.addEventListener('dragleave', this.#onDragLeave);
    this.addEventListener('drop', this.#onDrop);
  }

  connectedCallback() {
    for (const prop of ['view', 'compact', 'maskPatientData', 'headingLevel', 'appealDays', 'filingDays', 'asOf']) {
      if (Object.prototype.hasOwnProperty.call(this, prop)) {
        const value = this[prop];
        delete this[prop];
        this[prop] = value;
      }
    }
    this.#queueUpdate();
  }

  disconnectedCallback() {
    // Moved, not removed: keep the data. Removed for good: free the worker's session.
    queueMicrotask(() => { if (!this.isConnected) this.clear(); });
  }

  attributeChangedCallback(name, oldValue, value) {
    if (['appeal-days', 'filing-days', 'as-of'].includes(name)) {
      // New deadline options: explain the same files again (the engine computes every date).
      if (oldValue !== value && this.#items && this.#report && this.#adviceKey !== JSON.stringify(this.#adviceOptions())) {
        queueMicrotask(() => {
          if (this.#items && this.#adviceKey !== JSON.stringify(this.#adviceOptions())) this.explainFiles(this.#items).catch(() => {});
        });
      }
      return;
    }
    this.#queueUpdate();
  }

  /** Your contract's appeal window (days after the remit date) for payers other than Medicare, or null. */
  get appealDays() { return days(this.getAttribute('appeal-days')); }
  set appealDays(value) { setOptional(this, 'appeal-days', value); }

  /** Your contract's filing window (days after the date of service) for payers other than Medicare, or null. */
  get filingDays() { return days(this.getAttribute('filing-days')); }
  set filingDays(value) { setOptional(this, 'filing-days', value); }

  /** 'YYYY-MM-DD' date deadlines are judged by, or null for today. */
  get asOf() {
    const v = String(this.getAttribute('as-of') ?? '').trim();
    return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
  }
  set asOf(value) { setOptional(this, 'as-of', value); }

  #adviceOptions() {
    const o = {};
    if (this.asOf) o.asOf = this.asOf;
    if (this.appealDays) o.appealDays = this.appealDays;
    if (this.filingDays) o.filingDays = this.filingDays;
    return o;
  }

  /** "summary", "worklist" or "claims". Unknown values read as "summary". */
  get view() {
    const v = this.getAttribute('view');
    return VIEWS.includes(v) ? v : 'summary';
  }
  set view(value) { this.setAttribute('view', String(value)); }

  /** Tighter layout with fewer numbers. */
  get compact() { return this.hasAttribute('compact'); }
  set compact(value) { this.toggleAttribute('compact', Boolean(value)); }

  /** Hides patient names and ids on screen and in the events' row and claim objects. */
  get maskPatientData() { return this.hasAttribute('mask-patient-data'); }
  set maskPatientData(value) { this.toggleAttribute('mask-patient-data', Boolean(value)); }

  /** Level of the section headings inside (1-6, default 2), to fit the host page's outline. */
  get headingLevel() {
    const n = Number.parseInt(this.getAttribute('heading-level') ?? '', 10);
    return n >= 1 && n <= 6 ? n : 2;
  }
  set headingLevel(value) { this.setAttribute('heading-level', String(value)); }

  /** The last report without claims (Session.summary(): files, summary, transactions, ...) or null. */
  get report() { return this.#report; }

  /** The last report's totals (docs/report-schema.md "summary") or null. */
  get summary() { return this.#report?.summary ?? null; }

  /**
   * Explains one file: a File/Blob, ArrayBuffer, Uint8Array or the text itself. The bytes are
   * copied (the caller's buffer stays usable). Resolves with the report's totals; rejects with
   * a DenialError (and fires denial-error) when the file cannot be read.
   */
  explainFile(input, name) {
    return this.explainFiles([{ input, name }]);
  }

  /** Explains several files together (one report). Items: File/Blob or {input, name}. */
  async explainFiles(items) {
    const list = [...items].map((it, i) => {
      const item = it instanceof Blob ? { input: it } : { ...it };
      item.name = String(item.name ?? item.input?.name ?? (i ? `input-${i + 1}.835` : 'input.835'));
      return item;
    });
    const seq = ++this.#seq;
    const stale = () => seq !== this.#seq;
    const superseded = () => new DOMException('A newer file replaced this one', 'AbortError');
    this.#setBusy(true);
    this.#showError(null);
    let session = null;
    const advice = this.#adviceOptions();
    try {
      session = await this.#bridge.call('openSession', { ...advice });
      const generation = this.#bridge.generation;
      let readable = 0;
      let lastError = null;
      for (const { input, name } of list) {
        if (stale()) throw superseded();
        this.#status(`Reading ${name}…`);
        let status;
        if (input instanceof Blob) {
          // Files and Blobs go to the worker as handles and are read there, straight into the
          // engine: the host page never holds a big file whole.
          status = await this.#bridge.call('addBlob', { session, name, blob: input }, {
            onProgress: (loaded, total) => {
              if (stale()) return;
              this.#status(loaded < total ? `Reading ${name}… ${Math.floor((loaded / Math.max(total, 1)) * 100)} %` : `Explaining ${name}…`);
            },
          });
        } else {
          let bytes;
          try {
            bytes = await toOwnedBuffer(input);
          } catch (error) {
            lastError = this.#fail(error?.code ?? 'read_failed', `${name} could not be read: ${error?.message ?? error}`, name);
            continue;
          }
          if (stale()) throw superseded();
          this.#status(`Explaining ${name}…`);
          status = await this.#bridge.call('addFile', { session, name, bytes }, { transfer: [bytes] });
        }
        if (status.status === 'unreadable') {
          const d = (status.diagnostics ?? []).find((x) => x.severity === 'error') ?? status.diagnostics?.[0];
          lastError = this.#fail(d?.code ?? 'unreadable', `${name}: ${d?.message ?? 'not a readable 835 file'}`, name);
        } else readable++;
      }
      if (!readable) throw lastError ?? this.#fail('no_input', 'No file to explain', '');
      const report = await this.#bridge.call('summary', { session });
      const [work, all] = await Promise.all([
        this.#bridge.call('rows', { session, query: { outcome: 'needs_action', limit: 1 }, mask: true }),
        this.#bridge.call('rows', { session, query: { limit: 1 }, mask: true })]);
      if (stale()) throw superseded();
      // The new report replaces the old one only now: a failed file leaves the last report shown.
      await this.#closeSession();
      this.#session = session;
      this.#generation = generation;
      session = null;
      this.#report = report;
      this.#items = list;
      this.#adviceKey = JSON.stringify(advice);
      this.#counts = { worklist: work.total, claims: all.total };
      const s = report.summary ?? {};
      const what = list.length === 1 ? list[0].name : `${formatCount(list.length)} files`;
      this.#status(`${what}: ${formatCount(s.claims ?? 0)} ${s.claims === 1 ? 'claim' : 'claims'}, ${formatCount(work.total)} ${work.total === 1 ? 'needs' : 'need'} work.`);
      this.#setBusy(false);
      await this.#render(true);
      this.dispatchEvent(new DenialReportEvent(s, report.files ?? []));
      return s;
    } catch (error) {
      if (session !== null) this.#bridge.call('closeSession', { session }).catch(() => {});
      if (stale()) throw error?.name === 'AbortError' ? error : superseded();
      this.#setBusy(false);
      if (error instanceof DenialError) {
        this.#status('');
        throw error;
      }
      this.#status('');
      const names = list.map((it) => it.name).join(', ');
      throw this.#fail(error?.code ?? 'engine_error', `The engine could not explain ${names}: ${error?.message ?? error}`, names);
    }
  }

  /** Forgets the report and frees its memory in the worker. */
  clear() {
    this.#seq++;
    this.#report = null;
    this.#items = null;
    this.#counts = { worklist: 0, claims: 0 };
    this.#closeSession();
    this.#status('');
    this.#showError(null);
    this.#setBusy(false);
    this.#queueUpdate();
  }

  /** A page of claim rows (Session.rows, masked when maskPatientData). */
  async rows(query = {}) {
    return this.#call('rows', { query, mask: this.maskPatientData });
  }

  /** One claim with everything about it (Session.claim, masked when maskPatientData). */
  async claim(row) {
    return this.#call('claim', { row, mask: this.maskPatientData });
  }

  // -------------------------------------------------------------------------------------------

  async #call(type, payload) {
    if (this.#session === null) throw new DenialError('no_report', 'No file has been explained yet', '');
    if (this.#bridge.generation !== this.#generation) {
      this.#session = null;
      throw new DenialError('engine_restarted', 'The engine restarted: explain the file again', '');
    }
    return this.#bridge.call(type, { session: this.#session, ...payload });
  }

  async #closeSession() {
    const session = this.#session;
    this.#session = null;
    if (session !== null && this.#bridge.generation === this.#generation) {
      await this.#bridge.call('closeSession', { session }).catch(() => {});
    }
  }

  #fail(code, message, file) {
    const error = new DenialError(code, message, file);
    this.#showError(message);
    this.dispatchEvent(new DenialErrorEvent(code, message, file));
    return error;
  }

  #status(text) { this.#ui.status.textContent = text; }

  #showError(text) {
    this.#ui.error.hidden = !text;
    this.#ui.error.textContent = text ?? '';
  }

  #setBusy(busy) {
    this.#ui.base.setAttribute('aria-busy', busy ? 'true' : 'false');
    this.#ui.fileButton.disabled = busy;
  }

  #queueUpdate() {
    if (this.#updateQueued) return;
    this.#updateQueued = true;
    queueMicrotask(() => {
      this.#updateQueued = false;
      this.#render(false);
    });
  }

  // The static frame: header, drop zone, status, tabs and the view container.
  #build() {
    const fileInput = h('input', { type: 'file', class: 'sr-only', tabindex: '-1', 'aria-hidden': 'true', multiple: true,
      accept: '.835,.edi,.txt,.dat,.x12,text/plain,application/edi-x12' });
    fileInput.addEventListener('change', () => {
      const files = [...fileInput.files];
      fileInput.value = '';
      if (files.length) this.explainFiles(files).catch(() => {});
    });
    const fileButton = h('button', { type: 'button', class: 'file-button', part: 'file-button',
      onclick: () => fileInput.click() }, 'Choose 835 file');
    const tabs = h('div', { class: 'tabs', role: 'tablist', part: 'tabs', 'aria-label': 'Views', hidden: true });
    const panel = h('div', { class: 'view', part: 'view', role: 'tabpanel', id: `dx-view-${this.#uid}`, tabindex: '-1' });
    const tabButtons = {};
    for (const v of VIEWS) {
      const b = h('button', { type: 'button', role: 'tab', class: 'tab', part: 'tab', id: `dx-tab-${this.#uid}-${v}`,
        'aria-controls': panel.id, dataset: { view: v }, onclick: () => { this.view = v; } });
      b.addEventListener('keydown', (e) => this.#tabKey(e, v));
      tabButtons[v] = b;
      tabs.append(b);
    }
    const status = h('p', { class: 'status', part: 'status', role: 'status', 'aria-live': 'polite' });
    const error = h('p', { class: 'error', part: 'error', role: 'alert', hidden: true });
    const drop = h('div', { class: 'drop', part: 'drop-zone' },
      h('p', { class: 'drop__title', text: 'Drop an 835 remittance (ERA) here' }),
      h('p', { class: 'drop__note', text: 'or use “Choose 835 file”. The file is read in this browser; nothing is uploaded.' }));
    const header = h('div', { class: 'header', part: 'header' },
      h('div', { class: 'brand' },
        h('span', { class: 'brand__mark', 'aria-hidden': 'true', text: '✓' }),
        h('span', { class: 'brand__name', text: 'Denial Explainer' })),
      h('span', { class: 'privacy' },
        svg('svg', { class: 'privacy__icon', viewBox: '0 0 16 16', 'aria-hidden': 'true', focusable: 'false' },
          svg('path', { d: 'M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm1.5 0h4V5a2 2 0 0 0-4 0z' })),
        'Stays in this browser'),
      fileButton, fileInput);
    const base = h('div', { class: 'base', part: 'base', 'aria-busy': 'false' }, header, status, error, drop, tabs, panel);
    return { base, header, fileButton, fileInput, tabs, tabButtons, panel, status, error, drop };
  }

  #tabKey(e, v) {
    const shown = VIEWS.filter((x) => !this.#ui.tabButtons[x].hidden);
    const i = shown.indexOf(v);
    const next = { ArrowRight: (i + 1) % shown.length, ArrowLeft: (i + shown.length - 1) % shown.length, Home: 0, End: shown.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.view = shown[next];
    this.#ui.tabButtons[shown[next]].focus();
  }

  #onDragOver = (e) => {
    if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.#ui.base.classList.add('dragging');
  };

  #onDragLeave = (e) => {
    if (e.relatedTarget && e.composedPath().includes(this) && this.contains(e.relatedTarget)) return;
    this.#ui.base.classList.remove('dragging');
  };

  #onDrop = (e) => {
    const files = [...(e.dataTransfer?.files ?? [])];
    this.#ui.base.classList.remove('dragging');
    if (!files.length) return;
    e.preventDefault();
    this.explainFiles(files).catch(() => {});
  };

  // Renders what changed: the frame always, the view when the view, options or report changed.
  async #render(force) {
    const ui = this.#ui;
    const report = this.#report;
    // The summary's acknowledgment counts: a Rejections tab only when a 277CA or 999 was read.
    const counts = report?.acknowledgments;
    const acks = counts && (counts.claim_acknowledgments || counts.implementation_acknowledgments) ? counts : null;
    const view = this.view === 'rejections' && !acks ? 'summary' : this.view;
    ui.base.classList.toggle('compact', this.compact);
    ui.drop.hidden = Boolean(report);
    ui.tabs.hidden = !report;
    ui.panel.hidden = !report;
    const labels = { summary: 'Summary', worklist: `Worklist (${formatCount(this.#counts.worklist)})`, claims: `Claims (${formatCount(this.#counts.claims)})`,
      rejections: `Rejections (${formatCount(acks?.rejections_to_work ?? 0)})` };
    for (const v of VIEWS) {
      const b = ui.tabButtons[v];
      b.hidden = v === 'rejections' && !acks;
      b.textContent = labels[v];
      b.setAttribute('aria-selected', String(v === view));
      b.tabIndex = v === view ? 0 : -1;
    }
    ui.panel.setAttribute('aria-labelledby', ui.tabButtons[view].id);
    const key = { view, compact: this.compact, mask: this.maskPatientData, level: this.headingLevel, report };
    if (!force && Object.keys(key).every((k) => key[k] === this.#rendered[k])) return;
    this.#rendered = key;
    const seq = ++this.#renderSeq;
    if (!report) {
      ui.panel.replaceChildren();
      return;
    }
    let content;
    try {
      content = view === 'summary' ? this.#summaryView(report) : view === 'rejections' ? await this.#rejectionsView() : await this.#rowsView(view, seq);
    } catch (error) {
      content = h('p', { class: 'error', part: 'error', role: 'alert', text: error?.message ?? String(error) });
    }
    if (seq !== this.#renderSeq) return;
    ui.panel.replaceChildren(content);
    exposeParts(ui.panel);
  }

  #summaryView(report) {
    const s = report.summary ?? {};
    const compact = this.compact;
    const cards = summaryCards(s);
    if (compact) {
      const keep = new Set(['total_paid', 'denied_amount', 'total_patient_responsibility']);
      for (const c of [...cards.children]) if (!keep.has(c.dataset.metric)) c.remove();
    }
    const reasons = (s.top_reasons ?? []).slice(0, compact ? 3 : 6);
    const view = h('section', { class: 'summary', part: 'summary' }, cards);
    if (reasons.length) {
      view.append(h(`h${this.headingLevel}`, { class: 'section-title', text: 'Why money was held back' }),
        h('ol', { class: 'reasons', part: 'reasons' }, reasons.map((r) => h('li', { class: 'reason', part: 'reason' },
          codeChip(r.code),
          h('span', { class: 'reason__text', text: r.description || '' }),
          h('span', { class: 'reason__amount num', text: formatMoney(r.amount) }),
          h('span', { class: 'reason__count', text: `${formatCount(r.count)}×` })))));
    }
    if (!compact && (s.by_action ?? []).length) {
      view.append(barChart(s.by_action.map((a) => ({ label: a.label, amount: a.amount, count: a.count })), { title: 'Money by next step' }));
    }
    const files = report.files ?? [];
    const troubled = files.map((f, i) => [f, i]).filter(([f]) => f.status !== 'read');
    if (troubled.length) {
      const diags = report.diagnostics ?? [];
      view.append(h(`h${this.headingLevel}`, { class: 'section-title', text: 'File problems' }),
        troubled.map(([f, i]) => fileStatus(f, { diagnostics: diags.filter((d) => (d.file ?? 0) === i), limit: 5 })));
    }
    if (this.#counts.worklist && !compact) {
      view.append(h('p', { class: 'summary__more' },
        `${formatCount(this.#counts.worklist)} ${this.#counts.worklist === 1 ? 'claim needs' : 'claims need'} work. `,
        h('button', { type: 'button', class: 'link', part: 'more-button', onclick: () => { this.view = 'worklist'; } }, 'Open the worklist')));
    }
    return view;
  }

  // The 277CA / 999 rejections to work (Session.acknowledgments().rejections), each with its
  // history across the files read; the widget shows what the engine says and computes nothing.
  async #rejectionsView() {
    const acks = await this.acknowledgments();
    const section = h('section', { class: 'rejections', part: 'rejections' });
    const items = acks?.rejections ?? [];
    if (!items.length) {
      section.append(h('p', { class: 'empty', text: 'No rejection to work: every rejected claim was sent again.' }));
      return section;
    }
    const kinds = { rejected_not_resubmitted: 'Rejected, not resubmitted', rejected_level: 'Rejected above claim level', rejected_set: 'Rejected 837 set (999)' };
    const iso = (d) => String(d ?? '').replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
    section.append(h(`h${this.headingLevel}`, { class: 'rows__caption', text: `${formatCount(items.length)} ${items.length === 1 ? 'rejection' : 'rejections'} to fix and send as a new claim.` }),
      h('ol', { class: 'rows' }, items.map((item) => {
        const history = item.history !== null && item.history !== undefined ? acks.claim_history?.[item.history] : null;
        return h('li', { class: 'row rejection', part: 'rejection', dataset: { kind: item.kind, pcn: item.patient_control_number ?? '' } },
          h('div', { class: 'rejection__head' },
            h('strong', { text: item.patient_control_number ? `Claim ${item.patient_control_number}` : kinds[item.kind] ?? item.kind }),
            ' ', h('span', { class: 'rejection__kind', text: kinds[item.kind] ?? item.kind })),
          h('p', { class: 'rejection__where', text: [item.date ? iso(item.date) : null, item.file_name, item.codes].filter(Boolean).join(' · ') }),
          h('p', { class: 'rejection__fix', text: item.what_to_fix }),
          item.loop_segment ? h('p', { class: 'rejection__loop' }, 'Where in the 837: ', h('code', { text: item.loop_segment })) : null,
          h('p', { class: 'rejection__action', text: item.action }),
          history?.events?.length > 1 ? h('ol', { class: 'rejection__history', 'aria-label': 'History' }, history.events.map((e) =>
            h('li', { text: `${e.date ? iso(e.date) : 'no date'}: ${e.kind} ${String(e.event).replace(/_/g, ' ')}${e.detail ? ` (${e.detail})` : ''}` }))) : null);
      })));
    return section;
  }

  /** The 277CA / 999 part (Session.acknowledgments, masked when maskPatientData), or null. */
  async acknowledgments() {
    return this.#call('acknowledgments', { mask: this.maskPatientData });
  }

  async #rowsView(view, seq) {
    const worklist = view === 'worklist';
    const section = h('section', { class: worklist ? 'worklist' : 'claims', part: worklist ? 'worklist' : 'claims' });
    const list = h('ol', { class: 'rows' });
    const more = h('button', { type: 'button', class: 'more', part: 'more-button', hidden: true });
    const query = worklist ? { outcome: 'needs_action', sort: 'at_stake', descending: true } : {};
    let offset = 0;
    const load = async () => {
      const page = await this.rows({ ...query, offset, limit: PAGE });
      if (seq !== this.#renderSeq) return page;
      list.append(...page.rows.map((r) => this.#rowItem(r)));
      offset += page.rows.length;
      const left = page.total - offset;
      more.hidden = left <= 0;
      more.textContent = `Show ${formatCount(Math.min(left, PAGE))} more (${formatCount(left)} left)`;
      exposeParts(list);
      return page;
    };
    more.addEventListener('click', async () => {
      more.disabled = true;
      try { await load(); } finally { more.disabled = false; }
    });
    const first = await load();
    if (!first.total) {
      section.append(h('p', { class: 'empty', text: worklist ? 'No claim needs work: post the payments.' : 'No claims in this file.' }));
      return section;
    }
    section.append(h(`h${this.headingLevel}`, { class: 'rows__caption', text: worklist
      ? `${formatCount(first.total)} ${first.total === 1 ? 'claim needs' : 'claims need'} work, most money first.`
      : `${formatCount(first.total)} claims in file order.` }), list, more);
    return section;
  }

  #rowItem(r) {
    const detailId = `dx-claim-${this.#uid}-${r.row}`;
    const detail = h('div', { class: 'detail', id: detailId, hidden: true });
    const name = r.patient_name || 'Unnamed patient';
    const details = h('button', { type: 'button', class: 'details', part: 'details-button', 'aria-expanded': 'false',
      'aria-controls': detailId, 'aria-label': `Details for claim ${r.patient_control_number || r.row + 1}` }, 'Details');
    details.addEventListener('click', async () => {
      const open = details.getAttribute('aria-expanded') !== 'true';
      details.setAttribute('aria-expanded', String(open));
      detail.hidden = !open;
      if (open && !detail.childElementCount) {
        detail.append(h('p', { class: 'muted', text: 'Loading the claim…' }));
        try {
          const claim = await this.claim(r.row);
          detail.replaceChildren(...this.#claimBlock(r, claim));
        } catch (error) {
          detail.replaceChildren(h('p', { class: 'error', part: 'error', role: 'alert', text: error?.message ?? String(error) }));
        }
        exposeParts(detail);
      }
    });
    const codes = String(r.codes ?? '').split(/\s+/).filter(Boolean);
    return h('li', { class: 'row', part: 'claim', dataset: { row: String(r.row), outcome: r.outcome ?? '' } },
      h('div', { class: 'row__head' },
        h('span', { class: 'row__who' },
          h('span', { class: 'row__name', text: name }),
          r.patient_control_number ? h('span', { class: 'row__pcn mono', text: r.patient_control_number }) : null),
        h('span', { class: 'row__amount num' },
          h('strong', { text: formatMoney(r.at_stake && Number(r.at_stake) ? r.at_stake : r.paid) }),
          h('span', { class: 'row__amount-label', text: r.at_stake && Number(r.at_stake) ? ' at stake' : ' paid' }))),
      h('div', { class: 'row__meta' },
        outcomeBadge(r.outcome, r.outcome_label),
        h('span', { text: r.payer || '' }),
        r.payer_claim_number ? h('span', { class: 'mono', text: `Claim ${r.payer_claim_number}` }) : null,
        r.duplicate ? h('span', { class: 'dx-badge dx-badge--warn', text: 'Duplicate payment' }) : null,
        r.unbalanced ? h('span', { class: 'dx-badge dx-badge--warn dx-unbalanced' }, h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: '!' }), 'Does not balance') : null),
      actByLine(r),
      codes.length ? h('div', { class: 'row__codes' }, h('span', { class: 'sr-only', text: 'Codes: ' }), codes.map(codeChip)) : null,
      h('div', { class: 'row__actions' },
        r.action ? this.#actionButton(r, null, { action: r.action, label: r.action_label, amount: r.at_stake }) : null,
        details),
      detail);
  }

  #claimBlock(r, claim) {
    // The row already offers its first action; the detail offers the claim's other ones.
    const actions = (claim?.actions ?? []).filter((a) => a.action !== r.action);
    const loadRaw = this.maskPatientData ? undefined : () => this.#call('rawSegments', { row: r.row });
    return [
      actions.length ? h('div', { class: 'detail__actions', role: 'group', 'aria-label': 'More actions' },
        h('span', { class: 'detail__label', 'aria-hidden': 'true', text: 'Also:' }),
        actions.map((a) => this.#actionButton(r, claim, a))) : null,
      claimDetail(claim, { headingLevel: Math.min(this.headingLevel + 1, 6), loadRaw, reportSources: this.#report?.sources }),
    ].filter(Boolean);
  }

  #actionButton(row, claim, a) {
    const work = !['write_off', 'bill_patient', 'post'].includes(a.action);
    return h('button', { type: 'button', class: ['action', work ? 'action--work' : 'action--routine'], part: 'action',
      dataset: { action: a.action },
      'aria-label': `${a.label || a.action} (claim ${row.patient_control_number || row.row + 1}${a.amount && Number(a.amount) ? `, ${formatMoney(a.amount)}` : ''})`,
      onclick: async (e) => {
        const button = e.currentTarget;
        button.disabled = true;
        let detail = claim;
        try { detail ??= await this.claim(row.row); } catch { detail = null; }
        button.disabled = false;
        this.dispatchEvent(new DenialActionEvent(row, detail, a.action));
      } }, a.label || a.action);
  }
}

function days(value) {
  const s = String(value ?? '').trim();
  return /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 3650 ? Number(s) : null;
}

function setOptional(el, name, value) {
  if (value === null || value === undefined || value === '') el.removeAttribute(name);
  else el.setAttribute(name, String(value));
}

/**
 * "Act by 2027-02-04 · Medicare rule" under a claim row; "passed" in words when the engine
 * says the date has passed (rows carry deadline_passed).
 */
function actByLine(r) {
  if (!r.act_by && r.deadline_owner !== 'contract') return null;
  const owner = deadlineOwnerLabel(r.deadline_owner);
  if (!r.act_by) return h('div', { class: 'row__actby muted' }, 'No act-by date: contract window not set');
  const passed = r.deadline_passed === true;  // the engine's judgement, never the page's
  return h('div', { class: ['row__actby', passed && 'row__actby--passed'], dataset: { actBy: r.act_by } },
    passed ? 'Was due by ' : 'Act by ', h('strong', { class: 'dx-date', text: r.act_by }),
    passed ? h('span', { class: 'dx-badge dx-badge--bad' }, h('span', { class: 'dx-badge__icon', 'aria-hidden': 'true', text: '✕' }), 'Passed') : null,
    owner ? h('span', { class: 'row__actby-owner', text: ` · ${owner}` }) : null);
}

/** A <denial-code> chip whose text also shows before the element is defined. */
function codeChip(code) {
  return h('denial-code', { code, part: 'code', exportparts: 'button: code-button, panel: code-panel, official: code-official, guidance: code-guidance', text: code });
}

function exposeParts(root) {
  for (const [selector, part] of RENDER_PARTS) for (const n of root.querySelectorAll(selector)) n.part.add(part);
}

/** Reads a non-Blob input into a fresh ArrayBuffer the widget owns (and may transfer). */
async function toOwnedBuffer(input) {
  if (typeof input === 'string') return new TextEncoder().encode(input).buffer;
  if (input instanceof ArrayBuffer) return input.slice(0);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength).slice().buffer;
  throw new DenialError('bad_input', 'expected a File, Blob, ArrayBuffer, Uint8Array or string', '');
}
