// "Keep on this device": the page's private local library (off by default). When on, each
// file read is kept in this browser's own storage for the page (IndexedDB), and everything
// kept is read again when the page opens, so this week's remits land on top of last year's.
// Trends only (the default) keeps the engine's trends-only copy of each 835: no patient
// names, member IDs or account numbers (denial/redact.h); full claims keeps the file as
// dropped. Files are recognised by content (SHA-256 of the bytes as dropped) and kept once;
// a file whose payments all repeat payments already read (a retransmission) is not kept.
// The engine reads the kept files like any other, so every figure still comes from it.
// Storage that is missing or full never stops the page: the note says so and it goes on.
import { download, stamp } from './app-files.js';
import { sha256Hex } from './app-library-digest.js';
import { libraryFileText, readLibraryFile } from './app-library-file.js';
import { LibraryStore, loadLibrarySettings, saveLibrarySettings } from './app-library-store.js';
import { libraryTable, usageText, MODE_LABELS } from './app-library-view.js';

/** Larger files are read but not kept (the library reads every kept file at each visit). */
export const MAX_KEPT_BYTES = 64 * 1024 * 1024;

const $ = (id) => document.getElementById(id);

const UNAVAILABLE = 'This browser does not let the page keep files (a private window, a page opened from a file, or a browser setting). Nothing is kept on this device; everything else works as usual.';
const QUOTA = 'The browser\'s storage for this page is full, so the rest was not kept. Remove kept files you no longer need (On this device…) or export the library and start afresh; everything else works as usual.';

function names(list, max = 3) {
  const shown = list.slice(0, max).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Payer names and the latest remit date of each file, from the engine's summary. */
function describeFiles(summary) {
  const byFile = new Map();
  for (const t of summary?.transactions ?? []) {
    const d = byFile.get(t.file) ?? { payers: [], remitDate: '' };
    const payer = t.payer?.name || t.payer?.id || '';
    if (payer && !d.payers.includes(payer)) d.payers.push(payer);
    const date = t.payment?.date || t.production_date || '';
    if (date > d.remitDate) d.remitDate = date;
    byFile.set(t.file, d);
  }
  return (file) => {
    const d = byFile.get(file);
    return { payer: d ? d.payers.join(', ') : '', remitDate: d?.remitDate ?? '' };
  };
}

export class Library {
  #engine;
  #enqueue;
  #reload;
  #loaded;
  #summary;
  #say;
  #store = new LibraryStore();
  #settings = loadLibrarySettings();
  #available = true;
  #records = new Map();        // hash -> record, as stored
  #hashes = new WeakMap();     // File -> SHA-256 of the file as dropped
  #origins = new WeakMap();    // File -> {mode} of an imported file
  #decided = new WeakSet();    // Files keep() already judged (kept or not): not judged again

  /**
   * engine: the page's Engine; enqueue(files) and reload(files) (clear the view, read these)
   * resolve when read; loaded() lists the view's [{file, status}]; summary() the engine's
   * last summary; say(text) writes the page's status line.
   */
  constructor({ engine, enqueue, reload, loaded, summary, say }) {
    this.#engine = engine;
    this.#enqueue = enqueue;
    this.#reload = reload;
    this.#loaded = loaded;
    this.#summary = summary;
    this.#say = say;
  }

  /** True while files are being kept (chosen, and storage works). */
  get on() { return this.#settings.on && this.#available; }

  /** The status line after "Clear all" when kept files stay, else null. */
  clearedText() {
    if (!this.on || !this.#records.size) return null;
    return `Cleared from this view. The ${plural(this.#records.size, 'file')} kept on this device stay and are read again when you open the page (On this device… to read them now or remove them).`;
  }

  #note(text, tone = 'info') {
    const box = $('library-note');
    box.textContent = text;
    box.dataset.tone = tone;
    box.hidden = !text;
  }

  async #hashOf(file) {
    if (this.#hashes.has(file)) return this.#hashes.get(file);
    let hash = null;
    if (file.size <= MAX_KEPT_BYTES) {
      try {
        hash = await sha256Hex(file);
      } catch { /* unreadable now: not kept, read as usual */ }
    }
    this.#hashes.set(file, hash);
    return hash;
  }

  /** Hashes files a few at a time (the digests run in parallel; big files are not all read at once). */
  async #hashAll(files) {
    let next = 0;
    const worker = async () => {
      while (next < files.length) await this.#hashOf(files[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(8, files.length) }, worker));
    return files.map((f) => this.#hashes.get(f) ?? null);
  }

  async #loadedHashes() {
    return new Set((await this.#hashAll(this.#loaded().map((e) => e.file))).filter(Boolean));
  }

  #fail(error) {
    if (error?.kind === 'quota') {
      this.#note(QUOTA, 'warn');
      return;
    }
    this.#available = false;
    this.#note(UNAVAILABLE, 'warn');
    this.#updateChrome();
  }

  /**
   * Before a batch is read: leaves out files whose content is already in the view (dropped
   * again, or kept and read at page load), so nothing is read or kept twice.
   */
  async admit(files) {
    if (!this.on) return files;
    const seen = await this.#loadedHashes();
    const hashes = await this.#hashAll(files);
    const out = [];
    const again = [];
    for (const [i, file] of files.entries()) {
      const hash = hashes[i];
      if (hash && seen.has(hash)) {
        again.push(file.name);
        continue;
      }
      if (hash) seen.add(hash);
      out.push(file);
    }
    if (again.length) {
      const text = `Already read: ${names(again)} (the same content as a file read before; counted and kept once).`;
      this.#note(text);
      if (!out.length) this.#say(text);
    }
    return out;
  }

  /** After a batch is read: keeps its files ([{file, status}]) that are new to the library. */
  async keep(entries) {
    if (!this.on || !entries.length) return { kept: 0 };
    const describe = describeFiles(this.#summary());
    const skipped = { repeats: [], acks: [], unreadable: [], big: [] };
    const hashes = await this.#hashAll(entries.map((e) => e.file));
    const records = [];
    const taken = new Set();
    for (const [i, { file, status }] of entries.entries()) {
      if (this.#decided.has(file)) continue;
      this.#decided.add(file);
      const hash = hashes[i];
      if (this.#records.has(hash) || taken.has(hash)) continue;
      if (!hash) {
        skipped.big.push(file.name);
        continue;
      }
      if (!status || status.status === 'unreadable') {
        skipped.unreadable.push(file.name);
        continue;
      }
      if (status.transactions > 0 && status.retransmissions >= status.transactions) {
        skipped.repeats.push(file.name);
        continue;
      }
      // This device's choice wins: a full-claims import is kept as trends only here.
      const mode = (this.#origins.get(file)?.mode ?? this.#settings.mode) === 'full' && this.#settings.mode === 'full' ? 'full' : 'trends';
      if (mode === 'trends' && status.kind !== '835') {
        skipped.acks.push(file.name);
        continue;
      }
      const data = mode === 'full' ? new Blob([file], { type: 'text/plain' })
        : new Blob([await this.#engine.redactedCopy(status.file)], { type: 'text/plain' });
      if (!data.size) {
        skipped.unreadable.push(file.name);
        continue;
      }
      taken.add(hash);
      records.push({ hash, name: file.name, size: file.size, storedBytes: data.size, mode, kind: status.kind ?? '', claims: status.claims ?? 0, keptAt: new Date().toISOString(), ...describe(status.file), data });
    }
    // A few hundred records per transaction: one commit each, and a full disk loses one chunk.
    let kept = 0;
    for (let at = 0; at < records.length; at += 250) {
      const chunk = records.slice(at, at + 250);
      try {
        await this.#store.putAll(chunk);
      } catch (error) {
        this.#fail(error);
        this.#updateChrome();
        return { kept, failed: true };
      }
      for (const r of chunk) this.#records.set(r.hash, r);
      kept += chunk.length;
    }
    const parts = [];
    if (kept) parts.push(`Kept ${plural(kept, 'file')} on this device (${MODE_LABELS[this.#settings.mode].toLowerCase()}${this.#settings.mode === 'trends' ? ': no patient names or IDs' : ''}).`);
    if (skipped.repeats.length) parts.push(`Not kept again: ${names(skipped.repeats)} (its payments repeat payments already kept: a retransmission).`);
    if (skipped.acks.length) parts.push(`Not kept: ${names(skipped.acks)} (acknowledgments are kept only with full claims).`);
    if (skipped.unreadable.length) parts.push(`Not kept: ${names(skipped.unreadable)} (not readable).`);
    if (skipped.big.length) parts.push(`Not kept: ${names(skipped.big)} (larger than ${MAX_KEPT_BYTES / 1024 / 1024} MB).`);
    if (parts.length) this.#note(parts.join(' '));
    this.#updateChrome();
    if ($('library').open) this.#renderDialog();
    return { kept };
  }

  /** At page load: reads every kept file into the engine (when the user chose to keep them). */
  async restore() {
    if (!this.#settings.on) return;
    let records;
    try {
      await this.#store.open();
      records = await this.#store.all();
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.#records = new Map(records.map((r) => [r.hash, r]));
    this.#updateChrome();
    await this.#readKept(records);
  }

  /** Reads kept records that are not in the view yet. */
  async #readKept(records) {
    const seen = await this.#loadedHashes();
    const files = records.filter((r) => !seen.has(r.hash)).sort((a, b) => String(a.keptAt).localeCompare(String(b.keptAt))).map((r) => {
      const file = new File([r.data], r.name, { type: 'text/plain' });
      this.#hashes.set(file, r.hash);
      return file;
    });
    if (!files.length) return;
    this.#note(`Reading the ${plural(files.length, 'file')} kept on this device…`);
    await this.#enqueue(files);
    this.#note(`Read the ${plural(files.length, 'file')} kept on this device. On this device… lists them.`);
  }

  async #turnOn() {
    let records;
    try {
      await this.#store.open();
      records = await this.#store.all();
    } catch (error) {
      $('keep').checked = false;
      this.#fail(error);
      return;
    }
    this.#available = true;
    this.#settings.on = true;
    const remembered = saveLibrarySettings(this.#settings);
    this.#records = new Map(records.map((r) => [r.hash, r]));
    LibraryStore.persist();
    this.#note(`Files you read are kept on this device (${MODE_LABELS[this.#settings.mode].toLowerCase()}) and read again when you open the page.${remembered ? '' : ' This browser does not let the page remember the choice: turn it on again next time.'}`);
    this.#updateChrome();
    await this.keep(this.#loaded());
    await this.#readKept(records);
  }

  async #turnOff() {
    const n = this.#records.size;
    if (n && !window.confirm(`Stop keeping files on this device?\n\nThe ${plural(n, 'file')} kept here will be removed from this browser (they stay in this view until you close the page). Export the library first to keep a copy.`)) {
      $('keep').checked = true;
      return;
    }
    try {
      await this.#store.clear();
    } catch { /* unavailable storage holds nothing to remove */ }
    this.#records.clear();
    this.#settings.on = false;
    saveLibrarySettings(this.#settings);
    this.#note(n ? `Removed the ${plural(n, 'file')} kept on this device. Nothing is kept from now on.` : 'Nothing is kept on this device.');
    this.#updateChrome();
  }

  /** Removes kept files from storage and their content from the view (the engine reads the rest again). */
  async #remove(hashes, what) {
    try {
      if (hashes === 'all') await this.#store.clear();
      else for (const hash of hashes) await this.#store.remove(hash);
    } catch (error) {
      this.#dialogError(`Could not remove: ${error?.message ?? error}`);
      return;
    }
    const gone = hashes === 'all' ? new Set(this.#records.keys()) : new Set(hashes);
    for (const hash of gone) this.#records.delete(hash);
    const stay = [];
    let inView = 0;
    for (const entry of this.#loaded()) {
      if (gone.has(await this.#hashOf(entry.file))) inView++;
      else stay.push(entry.file);
    }
    this.#renderDialog();
    this.#updateChrome();
    if (inView) await this.#reload(stay);
    const text = `Removed ${what} from this device${inView ? ' and from this view' : ''}.`;
    this.#note(text);
    this.#say(text);
  }

  async #export() {
    try {
      const records = await this.#store.all();
      download(`denial-library-${stamp()}.json`, await libraryFileText(records), 'application/json');
      this.#say(`Library exported: ${plural(records.length, 'file')} in one file${records.some((r) => r.mode === 'full') ? ' (with patient data: keep it as safe as the remits)' : ''}.`);
    } catch (error) {
      this.#dialogError(`Could not export the library: ${error?.message ?? error}`);
    }
  }

  async #import(file) {
    let parsed;
    try {
      parsed = readLibraryFile(await file.text());
    } catch (error) {
      this.#dialogError(`Could not import ${file.name}: ${error?.message ?? error}`);
      return;
    }
    const files = [];
    let already = 0;
    let changed = parsed.skipped;
    for (const entry of parsed.entries) {
      if (this.#records.has(entry.hash)) {
        already++;
        continue;
      }
      // A full file must still be the file it was: its digest is its name in the library.
      if (entry.mode === 'full' && (await sha256Hex(entry.bytes)) !== entry.hash) {
        changed++;
        continue;
      }
      const f = new File([entry.bytes], entry.name, { type: 'text/plain' });
      this.#hashes.set(f, entry.hash);
      this.#origins.set(f, { mode: entry.mode });
      files.push(f);
    }
    $('library').close();
    const before = this.#records.size;
    if (files.length) await this.#enqueue(files);
    const added = this.#records.size - before;
    const text = `Imported ${plural(added, 'file')} from ${file.name}${already ? `; ${plural(already, 'file')} already kept` : ''}${files.length > added ? `; ${plural(files.length - added, 'file')} not kept (see above)` : ''}${changed ? `; ${plural(changed, 'entry', 'entries')} damaged, left out` : ''}.`;
    this.#say(text);
    if (files.length === added) this.#note(text);
  }

  #dialogError(text) {
    const box = $('library-error');
    box.textContent = text;
    box.hidden = !text;
  }

  async #renderDialog() {
    const records = [...this.#records.values()];
    $('library-mode-trends').checked = this.#settings.mode !== 'full';
    $('library-mode-full').checked = this.#settings.mode === 'full';
    $('library-list').replaceChildren(libraryTable(records, {
      onRemove: (r) => this.#remove([r.hash], r.name).catch((e) => this.#dialogError(String(e?.message ?? e))),
    }));
    $('library-export').disabled = !records.length;
    $('library-clear').disabled = !records.length;
    const seen = await this.#loadedHashes();
    $('library-read').hidden = !records.some((r) => !seen.has(r.hash));
    $('library-usage').textContent = usageText(records, await LibraryStore.estimate());
  }

  #updateChrome() {
    $('keep').checked = this.on;
    const open = $('library-open');
    open.hidden = !this.on;
    open.textContent = this.#records.size ? `On this device (${this.#records.size.toLocaleString('en-US')})` : 'On this device';
  }

  setup() {
    const dialog = $('library');
    $('keep').addEventListener('change', (e) => {
      (e.target.checked ? this.#turnOn() : this.#turnOff()).catch((error) => this.#note(`Keeping files failed: ${error?.message ?? error}`, 'warn'));
    });
    $('library-open').addEventListener('click', () => {
      this.#dialogError('');
      this.#renderDialog();
      dialog.showModal();
    });
    $('library-close').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => $('library-open').focus());
    for (const radio of [$('library-mode-trends'), $('library-mode-full')]) {
      radio.addEventListener('change', () => {
        this.#settings.mode = $('library-mode-full').checked ? 'full' : 'trends';
        saveLibrarySettings(this.#settings);
        this.#note(`Files kept from now on: ${MODE_LABELS[this.#settings.mode].toLowerCase()}. Files kept before stay as they are.`);
      });
    }
    $('library-clear').addEventListener('click', () => {
      const n = this.#records.size;
      if (!n || !window.confirm(`Remove all ${plural(n, 'file')} kept on this device?\n\nThey also leave this view. This cannot be undone (export the library first to keep a copy).`)) return;
      this.#remove('all', `all ${plural(n, 'kept file')}`).catch((e) => this.#dialogError(String(e?.message ?? e)));
    });
    $('library-export').addEventListener('click', () => this.#export());
    $('library-import').addEventListener('click', () => $('library-import-file').click());
    $('library-import-file').addEventListener('change', (e) => {
      const file = e.target.files?.[0];
      e.target.value = '';
      if (file) this.#import(file);
    });
    $('library-read').addEventListener('click', () => {
      dialog.close();
      this.#readKept([...this.#records.values()]);
    });
    this.#updateChrome();
    return this.restore();
  }
}
