// The page's deadline settings: the user's contractual appeal and filing windows (days) and the
// date deadlines are judged by. Kept in this browser's localStorage only: never sent anywhere.
// When storage is unavailable (file:// in some browsers, private mode, a full quota) the
// settings still apply for this visit and the caller says so quietly.

const KEY = 'denial-explainer.deadlines';
const MAX_DAYS = 3650;

/** {appealDays, filingDays, asOf}: numbers / 'YYYY-MM-DD' or null when not set. */
export function emptyDeadlines() {
  return { appealDays: null, filingDays: null, asOf: null };
}

/** A whole number of days 1..3650, or null for empty; throws a user-facing message otherwise. */
export function parseDays(text, what) {
  const s = String(text ?? '').trim();
  if (!s) return null;
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > MAX_DAYS) throw new Error(`${what}: a whole number of days from 1 to ${MAX_DAYS}, or empty`);
  return Number(s);
}

/** A 'YYYY-MM-DD' date that exists, or null for empty; throws a user-facing message otherwise. */
export function parseAsOf(text) {
  const s = String(text ?? '').trim();
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== s) throw new Error('As-of date: YYYY-MM-DD, or empty for today');
  return s;
}

function clean(value) {
  const out = emptyDeadlines();
  if (!value || typeof value !== 'object') return out;
  try { out.appealDays = parseDays(value.appealDays ?? '', 'Appeal window'); } catch { /* ignore a bad stored value */ }
  try { out.filingDays = parseDays(value.filingDays ?? '', 'Filing window'); } catch { /* ignore */ }
  try { out.asOf = parseAsOf(value.asOf ?? ''); } catch { /* ignore */ }
  return out;
}

function storage() {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;   // SecurityError: storage blocked (file://, private mode, policy)
  }
}

/** {settings, stored}: the saved settings (empty when none or unreadable); stored=false when storage is unavailable. */
export function loadDeadlines() {
  const s = storage();
  if (!s) return { settings: emptyDeadlines(), stored: false };
  try {
    const raw = s.getItem(KEY);
    return { settings: raw ? clean(JSON.parse(raw)) : emptyDeadlines(), stored: true };
  } catch {
    return { settings: emptyDeadlines(), stored: false };
  }
}

/** Saves the settings; resolves true when kept on the device, false when only for this visit. */
export function saveDeadlines(settings) {
  const s = storage();
  if (!s) return false;
  try {
    const value = clean(settings);
    if (value.appealDays === null && value.filingDays === null && value.asOf === null) s.removeItem(KEY);
    else s.setItem(KEY, JSON.stringify(value));
    return true;
  } catch {
    return false;  // quota exceeded or blocked
  }
}

/** The openSession options for these settings (asOf omitted = today, by the API). */
export function sessionOptions(settings) {
  const o = {};
  if (settings?.asOf) o.asOf = settings.asOf;
  if (settings?.appealDays) o.appealDays = settings.appealDays;
  if (settings?.filingDays) o.filingDays = settings.filingDays;
  return o;
}
