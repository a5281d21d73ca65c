// <denial-code code="CO-253">: an inline adjustment or remark code that explains itself. On
// hover, focus or tap it shows the official text and our guidance, looked up by the engine in
// the page's shared worker (no network). The class has no side effects: denial-explainer.js
// registers it.
import { sharedBridge } from './bridge.js';
import { releaseLabel } from './render.js';
import { adoptStyles, TOKENS, RESET, BASE } from './denial-widget-styles.js';

const lookups = new Map(); // code -> Promise<LookupAnswer>: one engine call per code per page
let nextId = 1;

/** The engine's answer for `code` (cached per page). Rejects when the engine cannot start. */
export function lookupCode(code, bridge = sharedBridge()) {
  const key = String(code).trim().toUpperCase();
  let answer = lookups.get(key);
  if (!answer) {
    answer = bridge.call('lookup', { query: key });
    answer.catch(() => lookups.delete(key)); // a failure (worker stopped) may be retried
    lookups.set(key, answer);
  }
  return answer;
}

const STYLES = `
:host {
  all: initial;
  display: inline-block;
  vertical-align: baseline;
  position: relative;
  --_chip-bg: var(--denial-code-background, #eef3fc);
  --_chip-text: var(--denial-code-color, var(--_accent));
}
:host([hidden]) { display: none; }
.code {
  ${RESET}
  display: inline-block;
  font-family: var(--_mono);
  font-size: var(--denial-code-font-size, 13px);
  font-weight: 600;
  line-height: 1.3;
  padding: 1px 6px;
  margin: 0;
  border: 1px solid color-mix(in srgb, var(--_chip-text) 35%, transparent);
  border-radius: calc(var(--_radius) / 2);
  background: var(--_chip-bg);
  color: var(--_chip-text);
  cursor: help;
  white-space: nowrap;
  text-decoration: underline dotted 1px;
  text-underline-offset: 3px;
}
.code:hover, .code[aria-expanded="true"] { border-color: var(--_chip-text); }
.code:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
.panel {
  ${RESET}
  display: block;
  position: absolute;
  z-index: 2147483000;
  inset: auto;
  top: calc(100% + 6px);
  left: 0;
  margin: 0;
  width: max-content;
  max-width: min(360px, calc(100vw - 16px));
  max-height: calc(100vh - 16px);
  overflow: auto;
  padding: 10px 12px;
  font-size: 13px;
  line-height: 1.45;
  background: var(--_surface);
  color: var(--_text);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  box-shadow: 0 8px 24px rgba(31, 35, 40, 0.18);
  white-space: normal;
  cursor: auto;
}
.panel:not(.open) { display: none; }
.panel[popover] { position: fixed; }
.panel p { margin: 0 0 6px; }
.panel p:last-child { margin-bottom: 0; }
.title { font-weight: 700; font-family: var(--_mono); }
.label {
  display: block; font-size: 11px; font-weight: 600; letter-spacing: 0.02em;
  text-transform: uppercase; color: var(--_muted); margin: 8px 0 2px;
}
.label.ours { color: var(--_accent); }
.official { font-weight: 500; }
.guidance { border-left: 3px solid var(--_accent); padding-left: 8px; }
.steps { margin: 4px 0 0; padding-left: 18px; }
.steps li { margin: 2px 0; }
.muted { color: var(--_muted); }
.warn { color: var(--_bad); font-weight: 600; }
`;

/**
 * An adjustment, group or remark code (CARC "CO-253", "16", RARC "MA130", group "PR") that
 * explains itself: a focusable button whose tooltip shows the official text and our guidance.
 *
 * @attr code - the code to show and look up ("CO-253", "N290").
 * @attr open - present while the explanation is shown (reflects `open`).
 *
 * @csspart button - the code itself (a button).
 * @csspart panel - the explanation (role="tooltip").
 * @csspart official - the official text.
 * @csspart guidance - our guidance.
 *
 * @cssproperty --denial-accent - accent color (default #1f5fbf).
 * @cssproperty --denial-font - text font family.
 * @cssproperty --denial-mono-font - the code's font family.
 * @cssproperty --denial-radius - corner radius (default 8px; the chip uses half).
 * @cssproperty --denial-code-background - chip background (default #eef3fc).
 * @cssproperty --denial-code-color - chip text and border color (default: the accent).
 * @cssproperty --denial-code-font-size - chip font size (default 13px).
 * @cssproperty --denial-text, --denial-muted, --denial-surface, --denial-border - panel colors.
 */
export class DenialCodeElement extends HTMLElement {
  static observedAttributes = ['code'];

  /** Registers the element (relative-time habit); throws if `tag` is taken. */
  static define(tag = 'denial-code', registry = customElements) {
    registry.define(tag, this);
    return this;
  }

  #button;
  #panel;
  #codeText;
  #srText;
  #loaded = '';
  #pinned = false;
  #pointerDown = false;
  #hovering = false;
  #closeTimer = 0;
  #usePopover;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root, TOKENS, BASE, STYLES);
    const id = `denial-code-panel-${nextId++}`;
    this.#button = document.createElement('button');
    this.#button.type = 'button';
    this.#button.className = 'code';
    this.#button.part = 'button';
    this.#button.setAttribute('aria-expanded', 'false');
    this.#button.setAttribute('aria-controls', id);
    this.#button.setAttribute('aria-describedby', id);
    this.#codeText = document.createElement('span');
    this.#srText = document.createElement('span');
    this.#srText.className = 'sr-only';
    this.#srText.textContent = ' (code: show what it means)';
    this.#button.append(this.#codeText, this.#srText);

    this.#panel = document.createElement('div');
    this.#panel.id = id;
    this.#panel.className = 'panel';
    this.#panel.part = 'panel';
    this.#panel.setAttribute('role', 'tooltip');
    this.#usePopover = typeof HTMLElement.prototype.showPopover === 'function';
    if (this.#usePopover) this.#panel.popover = 'manual'; // top layer: no clipping by host overflow
    root.append(this.#button, this.#panel);

    this.#button.addEventListener('pointerdown', () => { this.#pointerDown = true; });
    this.#button.addEventListener('focus', () => {
      if (this.#pointerDown) return; // a click follows and decides
      this.show();
    });
    this.#button.addEventListener('blur', () => {
      this.#pointerDown = false;
      if (!this.#hovering) this.hide();
    });
    this.#button.addEventListener('click', () => {
      this.#pointerDown = false;
      if (this.open && this.#pinned) this.hide();
      else {
        this.#pinned = true;
        this.show();
      }
    });
    for (const node of [this.#button, this.#panel]) {
      node.addEventListener('pointerenter', (e) => {
        if (e.pointerType !== 'mouse') return;
        this.#hovering = true;
        clearTimeout(this.#closeTimer);
        this.show();
      });
      node.addEventListener('pointerleave', (e) => {
        if (e.pointerType !== 'mouse') return;
        this.#hovering = false;
        clearTimeout(this.#closeTimer);
        this.#closeTimer = setTimeout(() => {
          if (!this.#hovering && !this.#pinned && this.shadowRoot.activeElement !== this.#button) this.hide();
        }, 250);
      });
    }
    this.#panel.addEventListener('keydown', this.#onKey);
    this.#button.addEventListener('keydown', this.#onKey);
  }

  connectedCallback() {
    for (const prop of ['code', 'open']) {
      if (Object.prototype.hasOwnProperty.call(this, prop)) {
        const value = this[prop];
        delete this[prop];
        this[prop] = value;
      }
    }
    this.#update();
  }

  disconnectedCallback() {
    this.hide();
  }

  attributeChangedCallback() {
    this.#update();
  }

  /** The code shown and looked up ("CO-253"); the element's text when the attribute is absent. */
  get code() {
    return (this.getAttribute('code') ?? this.textContent ?? '').trim();
  }
  set code(value) {
    this.setAttribute('code', String(value ?? ''));
  }

  /** True while the explanation is shown. Setting it shows or hides it. */
  get open() {
    return this.hasAttribute('open');
  }
  set open(value) {
    if (value) {
      this.#pinned = true;
      this.show();
    } else this.hide();
  }

  /** Shows the explanation (looking the code up on first use). */
  show() {
    clearTimeout(this.#closeTimer);
    if (!this.isConnected) return;
    if (!this.#panel.classList.contains('open')) {
      this.#panel.classList.add('open');
      if (this.#usePopover && !this.#panel.matches(':popover-open')) {
        try { this.#panel.showPopover(); } catch { /* not in a document */ }
      }
      this.#button.setAttribute('aria-expanded', 'true');
      this.toggleAttribute('open', true);
      document.addEventListener('keydown', this.#onKey, true);
      document.addEventListener('pointerdown', this.#onOutside, true);
      window.addEventListener('scroll', this.#place, true);
      window.addEventListener('resize', this.#place);
    }
    this.#load();
    this.#place();
  }

  /** Hides the explanation. */
  hide() {
    clearTimeout(this.#closeTimer);
    this.#pinned = false;
    if (!this.#panel.classList.contains('open')) return;
    this.#panel.classList.remove('open');
    if (this.#usePopover && this.#panel.matches(':popover-open')) this.#panel.hidePopover();
    this.#button.setAttribute('aria-expanded', 'false');
    this.toggleAttribute('open', false);
    document.removeEventListener('keydown', this.#onKey, true);
    document.removeEventListener('pointerdown', this.#onOutside, true);
    window.removeEventListener('scroll', this.#place, true);
    window.removeEventListener('resize', this.#place);
  }

  #onKey = (e) => {
    if (e.key === 'Escape' && this.open) {
      e.stopPropagation();
      this.hide();
      if (this.shadowRoot.activeElement) this.#button.focus();
    }
  };

  #onOutside = (e) => {
    if (!e.composedPath().includes(this)) this.hide();
  };

  // Fixed position under (or above) the code, kept inside the viewport.
  #place = () => {
    if (!this.#usePopover || !this.#panel.classList.contains('open')) return;
    const r = this.#button.getBoundingClientRect();
    const p = this.#panel.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    let left = Math.min(Math.max(8, r.left), Math.max(8, vw - p.width - 8));
    let top = r.bottom + 6;
    if (top + p.height > vh - 8 && r.top - p.height - 6 >= 8) top = r.top - p.height - 6;
    this.#panel.style.left = `${Math.round(left)}px`;
    this.#panel.style.top = `${Math.round(top)}px`;
  };

  #update() {
    const code = this.code;
    this.#codeText.textContent = code || '?';
    if (code !== this.#loaded && this.#loaded) {
      this.#loaded = '';
      if (this.open) this.#load();
    }
  }

  async #load() {
    const code = this.code;
    if (!code || this.#loaded === code) return;
    this.#loaded = code;
    if (!this.#panel.childElementCount) this.#panel.replaceChildren(para('muted', 'Looking the code up…'));
    let answer;
    try {
      answer = await lookupCode(code);
    } catch (error) {
      if (this.#loaded !== code) return;
      this.#loaded = '';
      this.#panel.replaceChildren(para('warn', `Could not look ${code} up: ${error?.message ?? error}`));
      return;
    }
    if (this.#loaded !== code) return;
    this.#panel.replaceChildren(...explanation(code, answer));
    this.#place();
  }
}

function para(className, text, part) {
  const p = document.createElement('p');
  if (className) p.className = className;
  if (part) p.part = part;
  p.textContent = text;
  return p;
}

/** The panel's content for a lookup answer: official text first, then ours, labelled apart. */
function explanation(code, answer) {
  const nodes = [para('title', code)];
  if (!answer?.found) {
    nodes.push(para('muted', answer?.message || `${code} is not in the official code lists.`));
    return nodes;
  }
  const matches = answer.matches ?? [];
  const main = matches.filter((m) => m.list !== 'group');
  const group = matches.find((m) => m.list === 'group');
  for (const m of main.length ? main : matches) {
    nodes.push(para(`label`, `Official text · ${m.list_name}${releaseLabel(m.release)}`));
    nodes.push(para('official', m.description, 'official'));
    if (m.deactivated) nodes.push(para('warn', `Deactivated${m.stop_date ? ` on ${m.stop_date}` : ''}: not valid for newer claims.`));
    if (m.list === 'group' && m.definition) nodes.push(para('', m.definition));
    const g = m.guidance;
    if (g) {
      nodes.push(para('label ours', g.source || 'Denial Explainer guidance (not official text)'));
      const box = document.createElement('div');
      box.className = 'guidance';
      box.part = 'guidance';
      const text = g.plain || g.note;
      if (text) box.append(para('', text));
      if (g.steps?.length) {
        const ol = document.createElement('ol');
        ol.className = 'steps';
        for (const step of g.steps.slice(0, 2)) {
          const li = document.createElement('li');
          li.textContent = step;
          ol.append(li);
        }
        box.append(ol);
      }
      if (g.action_label) box.append(para('muted', `Next step: ${g.action_label}`));
      nodes.push(box);
    }
  }
  if (group && main.length) nodes.push(para('muted', `Group ${group.code}: ${group.description}`));
  return nodes;
}
