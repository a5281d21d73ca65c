// Styles for the embeddable elements (<denial-explainer>, <denial-code>). They are adopted as
// constructable stylesheets, which a strict host CSP (style-src 'self') allows, unlike <style>
// text in a shadow root. Every size is in px (never rem, which the host's :root controls), and
// every inherited property is reset at the shadow root's top element, so host CSS cannot leak in.
// The rules for render.js's dx-* classes that the page shares come from web/shared/report.css
// (REPORT_STYLES, generated at build time); the dx-* rules here hold only the widget's own look.
import { REPORT_STYLES } from './denial-report-styles.js';

export { REPORT_STYLES };

const sheets = new Map();
const constructable = typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype &&
  typeof Document !== 'undefined' && 'adoptedStyleSheets' in Document.prototype;

/** Gives `root` (a ShadowRoot) the stylesheets for `cssTexts`, one shared sheet per text. */
export function adoptStyles(root, ...cssTexts) {
  if (constructable) {
    root.adoptedStyleSheets = cssTexts.map((css) => {
      let sheet = sheets.get(css);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        sheets.set(css, sheet);
      }
      return sheet;
    });
    return;
  }
  // Old browsers: <style> text (blocked by a strict CSP, but such browsers lack the CSP too),
  // in the given order, before the content.
  root.prepend(...cssTexts.map((css) => {
    const style = document.createElement('style');
    style.textContent = css;
    return style;
  }));
}

/** Theme: every --denial-* custom property with its default, as private --_ variables. */
export const TOKENS = `
:host {
  --_accent: var(--denial-accent, #1f5fbf);
  --_accent-text: var(--denial-accent-text, #ffffff);
  --_font: var(--denial-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  --_mono: var(--denial-mono-font, ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace);
  --_size: var(--denial-font-size, 14px);
  --_radius: var(--denial-radius, 8px);
  --_text: var(--denial-text, #1f2328);
  --_muted: var(--denial-muted, #59636e);
  --_surface: var(--denial-surface, #ffffff);
  --_surface-alt: var(--denial-surface-alt, #f6f8fa);
  --_border: var(--denial-border, #d0d7de);
  --_ok: var(--denial-ok, #1a7f37);
  --_warn: var(--denial-warn, #9a6700);
  --_bad: var(--denial-bad, #b42318);
  --_info: var(--denial-info, #0969da);
  --_focus: var(--denial-focus, #1f5fbf);
  --_shadow: var(--denial-shadow, 0 1px 2px rgba(31, 35, 40, 0.08));
}
`;

/** Resets for the top element inside a shadow root: nothing inherited from the host page. */
export const RESET = `
  all: initial;
  box-sizing: border-box;
  font-family: var(--_font);
  font-size: var(--_size);
  font-weight: 400;
  line-height: 1.45;
  color: var(--_text);
  text-align: start;
  -webkit-text-size-adjust: 100%;
  overflow-wrap: anywhere;
`;

/** Rules shared by both elements. */
export const BASE = `
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.sr-only {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
button { font: inherit; color: inherit; letter-spacing: inherit; text-transform: none; }
:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
`;

/** <denial-explainer>'s own rules, and how its dx-* classes differ from REPORT_STYLES (adopted before these). */
export const EXPLAINER_STYLES = `
:host {
  all: initial;
  display: block;
  text-decoration: none !important;
}
:host([hidden]) { display: none; }
.base {
  ${RESET}
  /* inline-block: an atomic inline, so a host's text-decoration does not propagate inside */
  display: inline-block;
  vertical-align: top;
  width: 100%;
  container: dx / inline-size;
  background: var(--_surface);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  box-shadow: var(--_shadow);
  padding: 14px 16px 16px;
  /* Tokens of the shared report styles (web/shared/report.css). */
  --dx-text: var(--_text); --dx-muted: var(--_muted); --dx-border: var(--_border);
  --dx-surface: var(--_surface); --dx-surface-alt: var(--_surface-alt); --dx-accent: var(--_accent);
  --dx-ok: var(--_ok); --dx-info: var(--_info); --dx-bad: var(--_bad); --dx-mono: var(--_mono);
  --dx-card-top: 3px solid var(--_border); --dx-badge-color: var(--_muted);
}
.base.dragging { outline: 3px dashed var(--_accent); outline-offset: -6px; background: color-mix(in srgb, var(--_accent) 6%, var(--_surface)); }
.base.compact { padding: 10px 12px 12px; }
p { margin: 0; }
h1, h2, h3, h4, h5, h6 { margin: 0; font: inherit; }
ol, ul { margin: 0; padding: 0; list-style: none; }
.mono, .dx-mono { font-family: var(--_mono); font-size: 0.93em; }
.num, .dx-num { font-variant-numeric: tabular-nums; text-align: end; white-space: nowrap; }
.muted, .dx-muted { color: var(--_muted); }

/* header */
.header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
.brand { display: inline-flex; align-items: center; gap: 8px; font-weight: 700; font-size: 15px; margin-right: auto; }
.brand__mark {
  display: inline-grid; place-items: center; width: 22px; height: 22px; border-radius: 6px;
  background: var(--_accent); color: var(--_accent-text); font-size: 13px; line-height: 1;
}
.privacy { display: inline-flex; align-items: center; gap: 4px; color: var(--_muted); font-size: 12px; }
.privacy__icon { width: 12px; height: 12px; fill: currentColor; flex: none; }
.file-button, .action, .details, .more, .tab, .dx-button {
  display: inline-flex; align-items: center; justify-content: center; gap: 6px;
  min-height: 32px; padding: 5px 12px; margin: 0;
  border-radius: calc(var(--_radius) - 2px);
  border: 1px solid var(--_border); background: var(--_surface); color: var(--_text);
  font-size: 13px; font-weight: 600; line-height: 1.2; cursor: pointer; text-align: center;
}
.file-button, .action--work { background: var(--_accent); border-color: var(--_accent); color: var(--_accent-text); }
.file-button:hover, .action--work:hover { filter: brightness(1.08); }
.details:hover, .more:hover, .action--routine:hover, .dx-button:hover { background: var(--_surface-alt); }
button:disabled { opacity: 0.6; cursor: progress; }
.dx-button--small { min-height: 28px; padding: 3px 10px; font-size: 12px; }
.link {
  all: unset; color: var(--_accent); text-decoration: underline; cursor: pointer; font-weight: 600;
}
.link:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; border-radius: 2px; }

.status { color: var(--_muted); font-size: 12.5px; min-height: 0; margin-top: 6px; }
.status:empty { display: none; }
.error {
  margin-top: 8px; padding: 8px 10px; border-radius: calc(var(--_radius) - 2px);
  border: 1px solid color-mix(in srgb, var(--_bad) 40%, transparent);
  background: color-mix(in srgb, var(--_bad) 8%, var(--_surface)); color: var(--_bad); font-weight: 600;
}
.drop {
  margin-top: 12px; padding: 22px 16px; text-align: center;
  border: 2px dashed var(--_border); border-radius: var(--_radius); background: var(--_surface-alt);
}
.drop__title { font-weight: 700; font-size: 15px; }
.drop__note { color: var(--_muted); margin-top: 4px; }
.compact .drop { padding: 14px 12px; }

/* tabs */
.tabs { display: flex; gap: 4px; margin-top: 12px; border-bottom: 1px solid var(--_border); overflow-x: auto; }
.tab {
  border: 0; border-bottom: 3px solid transparent; border-radius: 0; background: transparent;
  color: var(--_muted); padding: 6px 10px; min-height: 34px; white-space: nowrap;
}
.tab[aria-selected="true"] { color: var(--_text); border-bottom-color: var(--_accent); }
.tab:hover { color: var(--_text); }
.view { display: block; margin-top: 12px; max-height: var(--denial-max-height, none); overflow: auto; }
.view:focus { outline: none; }
.section-title { display: block; font-weight: 700; font-size: 14px; margin: 16px 0 8px; }

/* summary */
.dx-cards { grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px; }
@container dx (min-width: 900px) { .summary > .dx-cards { grid-template-columns: repeat(6, minmax(0, 1fr)); } }
.dx-card {
  border-radius: calc(var(--_radius) - 2px);
  padding: 8px 10px;
}
.dx-card--warn { border-top-color: var(--_warn); }
.dx-card__label { font-size: 12px; }
.dx-card__value { font-size: 19px; margin-top: 2px; }
.dx-card__value--long { font-size: 16px; }
.dx-card__value--longer { font-size: 14px; }
.dx-card__note { font-size: 11.5px; margin-top: 2px; }
.compact .dx-cards { grid-template-columns: repeat(3, minmax(0, 1fr)); }
.compact .dx-card__value { font-size: 16px; }
.compact .dx-card__note { display: none; }
.reasons { display: grid; gap: 6px; }
.reason {
  display: grid; grid-template-columns: auto minmax(0, 1fr) auto auto; gap: 4px 10px; align-items: baseline;
  padding: 6px 0; border-bottom: 1px solid var(--_surface-alt);
}
.reason__text {
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; color: var(--_text);
}
.reason__amount { font-weight: 700; }
.reason__count { color: var(--_muted); font-size: 12px; min-width: 2.5em; text-align: end; }
.summary__more { margin-top: 14px; color: var(--_muted); }
.dx-chart { margin: 16px 0 0; max-width: 560px; }
.dx-chart__title { font-weight: 700; margin-bottom: 6px; }
.dx-chart__svg { width: 100%; }
.dx-chart__label { font-family: var(--_font); font-size: 12.5px; }
.dx-chart__value { fill: var(--_muted); font-family: var(--_font); font-size: 12.5px; }
.dx-chart__track { fill: var(--_surface-alt); }
.dx-chart__bar--1 { fill: var(--_warn); }
.dx-chart__bar--2 { fill: var(--_ok); }
.dx-chart__bar--3 { fill: var(--_info); }
.dx-chart__bar--4 { fill: var(--_bad); }
.dx-chart__bar--5 { fill: var(--_muted); }

/* badges */
.dx-badge {
  gap: 4px; padding: 1px 8px;
  font-size: 12px; line-height: 1.5;
  background: color-mix(in srgb, var(--_muted) 12%, var(--_surface));
}
.dx-badge--ok { background: color-mix(in srgb, var(--_ok) 12%, var(--_surface)); }
.dx-badge--info { background: color-mix(in srgb, var(--_info) 12%, var(--_surface)); }
.dx-badge--warn { background: color-mix(in srgb, var(--_warn) 10%, var(--_surface)); color: color-mix(in srgb, var(--_warn) 82%, #000); }
.dx-badge--bad { background: color-mix(in srgb, var(--_bad) 12%, var(--_surface)); }
.dx-action { border-radius: 999px; font-size: 12px; }
.dx-action--work { background: color-mix(in srgb, var(--_accent) 12%, var(--_surface)); color: var(--_accent); }
.dx-action--routine { background: var(--_surface-alt); }

/* rows */
.rows__caption { color: var(--_muted); margin-bottom: 8px; }
.rows { display: grid; gap: 8px; }
.row {
  display: grid; gap: 6px; padding: 10px 12px; border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) - 2px); background: var(--_surface);
}
.row[data-outcome="denied"] { border-left: 4px solid var(--_bad); }
.row[data-outcome="partially_denied"] { border-left: 4px solid var(--_warn); }
.row__head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 4px 12px; }
.row__who { display: inline-flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; min-width: 0; }
.row__name { font-weight: 700; }
.row__pcn { color: var(--_muted); }
.row__amount strong { font-size: 15px; }
.row__amount-label { color: var(--_muted); font-size: 12px; }
.row__meta { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; color: var(--_muted); font-size: 13px; }
.row__codes { display: flex; flex-wrap: wrap; gap: 6px; }
.row__actby { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 6px; font-size: 13px; }
.row__actby-owner { color: var(--_muted); }
.row__actby--passed .dx-date { text-decoration: line-through; }
.row__actions, .detail__actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 2px; }
.detail { border-top: 1px solid var(--_border); padding-top: 10px; margin-top: 4px; }
.detail__actions { margin-bottom: 10px; align-items: center; }
.detail__label { color: var(--_muted); font-size: 12.5px; }
/* rejections (277CA / 999) */
.rejection { border-left: 4px solid var(--_bad); }
.rejection p { margin: 0; overflow-wrap: anywhere; }
.rejection__kind, .rejection__where { color: var(--_muted); font-size: 13px; }
.rejection__action { font-weight: 600; }
.rejection__history { margin: 0; padding-left: 18px; font-size: 13px; overflow-wrap: anywhere; }
.more { margin-top: 10px; width: 100%; }
.empty { color: var(--_muted); padding: 12px 0; }
.compact .row { padding: 8px 10px; gap: 4px; }
.compact .row__meta span:not(.dx-badge):not(.dx-badge *) { display: none; }

/* claim detail (render.js) */
.dx-claim { display: grid; gap: 10px; }
.dx-claim__head { display: grid; gap: 4px; }
.dx-claim__title { font-size: 15px; }
.dx-claim__pcn { font-weight: 400; }
.dx-claim__badges { gap: 6px 10px; }
.dx-cards--claim { grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); }
.dx-cards--claim .dx-card__value { font-size: 16px; }
.dx-kv { gap: 4px 16px; margin: 0; }
.dx-kv__item { display: grid; gap: 0; }
.dx-kv dt { font-size: 11.5px; }
.dx-note { padding: 8px 10px; background: color-mix(in srgb, var(--_info) 8%, var(--_surface)); }
.dx-section { display: grid; gap: 8px; }
.dx-section__title { font-size: 13.5px; border-bottom: 1px solid var(--_border); padding-bottom: 4px; }
.dx-actions { gap: 4px; list-style: decimal; padding-left: 20px; }
.dx-actions__item { display: list-item; }
.dx-actions__item > * { margin-right: 8px; }
.dx-adj, .dx-remark, .dx-line {
  display: grid; gap: 6px; padding: 8px 10px; border: 1px solid var(--_border); border-radius: 6px;
}
.dx-adj__head, .dx-line__head { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; }
.dx-adj__group { font-size: 12.5px; }
.dx-code { font-family: var(--_mono); }
.dx-code--big { font-size: 14px; }
.dx-source { font-size: 11px; letter-spacing: 0.03em; color: var(--_muted); }
.dx-source--ours { color: var(--_accent); }
.dx-guidance { border-left: 3px solid var(--_accent); padding-left: 8px; display: grid; gap: 4px; }
.dx-official { display: grid; gap: 2px; }
.dx-warning { color: var(--_bad); font-weight: 600; }
.dx-where { font-size: 12px; }
.dx-sub { font-size: 12.5px; margin-top: 4px; }
.dx-list { padding-left: 20px; list-style: disc; }
ol.dx-list { list-style: decimal; }
.dx-letter, .dx-raw {
  font-size: 12px; background: var(--_surface-alt);
  border: 1px solid var(--_border); border-radius: 6px; padding: 8px 10px; max-height: 320px;
}
.dx-copy__status { font-size: 12px; }
.dx-offscreen { position: fixed; left: -9999px; top: 0; }
.dx-file-status { padding: 8px 10px; display: grid; gap: 6px; }
.dx-file-status__head { gap: 4px 10px; }
.dx-file-status__name { font-weight: 700; }
.dx-diags { gap: 4px; font-size: 12.5px; }
.dx-diag__raw { font-family: var(--_mono); font-size: 12px; }

@container dx (max-width: 520px) {
  .privacy { order: 3; flex-basis: 100%; }
  .dx-cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .reason { grid-template-columns: auto minmax(0, 1fr) auto; }
  .reason__text { grid-column: 1 / -1; grid-row: 2; }
  .reason__count { display: none; }
  .dx-kv { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .row__actions > * { flex: 1 1 auto; }
}
`;
