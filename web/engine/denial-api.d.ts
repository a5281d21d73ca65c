// Hand-written types for denial-api.js (Emscripten 3.1.6 predates embind's --emit-tsd).
// The JSON shapes follow docs/report-schema.md (schema_version "4.0").

export type Money = string; // decimal with two places, e.g. "1234.50"

export interface Diagnostic {
  severity: 'info' | 'warning' | 'error';
  code: string; // stable id, e.g. "balance_claim", "not_835_transaction"
  segment: number;
  offset: number;
  path: string;
  message: string;
  file?: number;
}

export interface FileStatus {
  file?: number;
  name: string;
  bytes?: number;
  readable: boolean;
  status: 'read' | 'read_with_errors' | 'unreadable'; // balance findings count as problems
  kind?: '835' | '277CA' | '999' | 'other' | 'unknown';
  acknowledgments?: { claims: number; rejected_claims: number; sets: number; rejected_sets: number };
  balance_findings?: number;
  claims: number;
  big_file_mode?: boolean;
  /** Transactions of this file that repeat a payment already read (counted once). */
  retransmissions?: number;
  diagnostics: Diagnostic[];
  /** What each kind of problem in `diagnostics` means, in plain words: code -> summary (addFile/addBlob answers). */
  kinds?: Record<string, string>;
}

export interface RowQuery {
  outcome?: string; // outcome id or "needs_action"
  action?: string;
  payer?: string;
  code?: string; // "CO-16", "16", "MA130"
  text?: string; // patient name, patient control number or payer claim number
  sort?: 'at_stake' | 'charge' | 'paid' | 'patient' | 'act_by' | '';
  descending?: boolean;
  offset?: number;
  limit?: number; // at most 1000
  slice?: Slice; // narrows to one payer / remit month / rendering provider
}

/** Narrows trends, rows and the worklist; "" or absent = any. Unknown values are "-". */
export interface Slice {
  payer?: string; // payer key: payer id, else name
  month?: string; // "YYYY-MM" of the remit date
  provider?: string; // rendering provider NPI
}

/** One row of a breakdown (engine: core/src/report/breakdowns.cpp). Amounts: decimal strings. */
export interface BreakdownRow {
  key: string;
  label: string;
  claims: number;
  denied_claims: number;
  billed: string;
  paid: string;
  patient: string; // money bucket "patient" (advice §5)
  denied: string;
  recoverable: string; // money bucket "recoverable"
  denial_rate_count: number; // 0..1
  denial_rate_dollars: number; // 0..1
  adjusted?: string; // reason rows only
  adjustments?: number; // reason rows only
  top_reasons: { code: string; amount: string; claims: number }[];
}

export interface Breakdown {
  by: 'payer' | 'month' | 'service_month' | 'reason' | 'procedure' | 'provider' | 'filing';
  rows: BreakdownRow[];
  total: BreakdownRow;
}

export interface Trends {
  slice: Required<Slice>;
  total: BreakdownRow; // the narrowed summary
  payers: Breakdown;
  months: Breakdown;
  payer_months: { key: string; label: string; months: BreakdownRow[] }[];
  choices: Record<'payers' | 'months' | 'providers', { key: string; label: string; claims: number }[]>;
}

export interface ClaimRow {
  row: number;
  file: number;
  file_name: string;
  transaction: number;
  claim: number;
  patient_control_number: string;
  payer_claim_number: string;
  patient_name: string;
  payer: string;
  status: string;
  charge: Money;
  paid: Money;
  patient_responsibility: Money;
  outcome: string;
  outcome_label: string;
  action: string;
  action_label: string;
  at_stake: Money;
  act_by: string | null; // 'YYYY-MM-DD' deadline of the primary action
  deadline_owner: 'medicare' | 'contract' | null;
  channel: 'medicare' | 'medicaid' | 'medicare_advantage' | 'other';
  unbalanced: boolean;
  recoverable: Money;
  codes: string;
  duplicate: boolean;
  segment: number;
  offset: number;
}

export interface RowPage {
  total: number;
  offset: number;
  rows: ClaimRow[];
}

/** Report summary, claim detail and lookup answers: see docs/report-schema.md. */
export type Summary = Record<string, any>;
/** A claim's plain-language letter for the patient (docs/patient-explanation.md). */
export interface PatientExplanation {
  source: string;
  date: string | null;
  patient_name: string; patient_control_number: string; payer_claim_number: string;
  member_id: string; // masked: '***' and the last four characters
  dates_of_service: string; provider: string; plan: string;
  channel: 'medicare' | 'medicaid' | 'medicare_advantage' | 'other';
  billed: Money; plan_paid: Money; not_billed: Money;
  owed: Money; // = the claim's bill_patient action amount
  labels: Record<'title' | 'date' | 'patient' | 'account' | 'dates' | 'provider' | 'plan' | 'plan_claim' | 'member_id'
    | 'billed' | 'plan_paid' | 'not_billed' | 'owed' | 'why' | 'disagree', string>;
  intro: string;
  shares: { code: string; label: string; amount: Money; text: string; sources: string[] }[];
  notes: string[];
  if_you_disagree: string[];
  office_checks: string[]; // for the billing office, never part of the letter
  sources: string[];
  text: string; // the whole letter as plain text (what `--format patient` writes)
}
/** patient_explanation is absent (not null) on claims the patient is not billed for. */
export type ClaimDetail = Record<string, any> & { patient_explanation?: PatientExplanation };
export type Report = Record<string, any>;

export interface LookupAnswer {
  query: string;
  code: string;
  group: string;
  found: boolean;
  message: string;
  matches: Array<{
    list: string;
    list_name: string;
    release: string;
    code: string;
    description: string;
    start_date: string;
    last_modified: string;
    stop_date: string;
    deactivated: boolean;
    group?: string;
    definition?: string;
    guidance?: Record<string, any>;
  }>;
}

export interface SearchAnswer {
  query: string;
  hits: Array<{ list: string; code: string; description: string; deactivated: boolean; score: number }>;
}

export declare const DEFAULT_KEEP_CLAIMS_UP_TO: number;
export declare const DEFAULT_MAX_FILE_BYTES: number;

export declare class Session {
  /**
   * Reads a file. Never throws: a problem is a FileStatus with status "unreadable" and a
   * diagnostic, e.g. "input_too_large" (above maxFileBytes: refused before its bytes are
   * copied into the engine), "out_of_memory" (the engine could not hold it), "bad_input".
   */
  addFile(name: string, input: Uint8Array | ArrayBuffer | string): FileStatus;
  /**
   * Reads a Blob or File chunk by chunk straight into the engine (no whole-file copy in
   * JavaScript; the way to read big files). Same status as addFile; "read_failed" when the
   * blob cannot be read; rejects with an AbortError when `signal` aborts.
   */
  addBlob(name: string, blob: Blob, options?: {
    onProgress?: (loaded: number, total: number) => void;
    signal?: AbortSignal;
  }): Promise<FileStatus>;
  summary(): Summary;
  rows(query?: RowQuery, options?: { mask?: boolean }): RowPage;
  claim(row: number, options?: { mask?: boolean }): ClaimDetail | null;
  trends(slice?: Slice): Trends;
  rawSegments(row: number): string;
  /** The trends-only copy of file `file` (no patient names or IDs; docs/library.md); '' when not an 835. */
  redactedCopy(file: number): string;
  reportJson(options?: { mask?: boolean }): string;
  worklistCsv(options?: { mask?: boolean }): string;
  /** The 277CA / 999 part of the report (docs/acknowledgments.md), empty lists and zero counts when no 277CA or 999 was read. */
  acknowledgments(options?: { mask?: boolean }): Acknowledgments;
  ndjson(options?: { mask?: boolean }): string;
  text(options?: { mask?: boolean }): string;
  close(): void;
}

export interface AdviceOptions {
  asOf?: string;
  appealDays?: number;
  filingDays?: number;
}
export interface ExplainSessionOptions extends AdviceOptions {
  /** Input bytes, over the whole session, whose claims are kept in full (default 32 MiB); past it, files stream (rows only, claims rebuilt on demand). */
  keepClaimsUpTo?: number;
  maxFileBytes?: number;
}

/** Today's date in UTC as 'YYYY-MM-DD'. */
export declare function todayIso(): string;

/** One next action of a claim (claim.actions[0] is the primary one). */
export interface NextAction {
  action: 'appeal' | 'reopening' | 'corrected_claim' | 'new_claim' | 'verify_eligibility_rebill' | 'obtain_retro_auth'
    | 'bill_other_payer' | 'bill_patient' | 'await_other_payer' | 'check_original_claim' | 'contact_payer' | 'write_off' | 'no_action';
  label: string;
  amount: Money;
  bucket: 'recoverable' | 'patient' | 'write_off' | 'other';
  reasons: string[];
  act_by: string | null;
  deadline_owner: 'medicare' | 'contract' | null;
  deadline_rule: string | null;
  deadline_passed: boolean;
  rule: string; // advice rule id or the guidance layer that decided
  sources: string[]; // ids of Report.sources
  note: string | null;
}

export declare class DenialExplainer {
  version(): string;
  scan(input: Uint8Array | ArrayBuffer | string): { readable: boolean; transactions: number; claims: number; balance_findings: number; errors: number };
  lookup(query: string): LookupAnswer;
  search(words: string, limit?: number): SearchAnswer;
  /**
   * asOf: the date deadlines are judged by, 'YYYY-MM-DD' (default: today in UTC; the engine
   * never reads the clock). appealDays / filingDays: the user's contractual appeal and filing
   * windows for payers other than Medicare fee-for-service (no act-by date without them).
   */
  openSession(options?: ExplainSessionOptions): Session;
  explain(input: Uint8Array | ArrayBuffer | string, options?: { name?: string; mask?: boolean } & AdviceOptions): Report | { error: Diagnostic };
}

export declare function createDenialExplainer(options?: { wasmBinary?: ArrayBuffer | Uint8Array; locateFile?: (path: string) => string }): Promise<DenialExplainer>;

/** One event of a claim's history across files (277CA, 999, 835). */
export interface ClaimHistoryEvent {
  file: number; file_name: string; kind: '835' | '277CA' | '999'; date: string | null;
  event: string; detail?: string; rejection?: boolean; acknowledgment?: number; item?: number; row?: number;
}
export interface ClaimHistory {
  patient_control_number: string;
  state: 'rejected_not_resubmitted' | 'resubmitted_accepted' | 'resubmitted_remitted' | 'accepted' | 'remitted' | string;
  needs_work: boolean;
  events: ClaimHistoryEvent[];
}
/** One rejection to work: fix and send as a new claim. */
export interface RejectionItem {
  kind: 'rejected_not_resubmitted' | 'rejected_level' | 'rejected_set' | string;
  patient_control_number: string | null; file: number; file_name: string; date: string | null;
  codes: string; what_to_fix: string; loop_segment: string; charge: string | null; action: string; history?: unknown;
}
/** The `acknowledgments` object of the report (docs/acknowledgments.md). */
export interface Acknowledgments {
  summary: {
    claim_acknowledgments: number; implementation_acknowledgments: number; acknowledged_claims: number;
    rejected_claims: number; acknowledged_sets: number; rejected_sets: number;
    rejected_not_resubmitted: number; rejections_to_work: number;
  };
  claim_acknowledgments: Array<Record<string, unknown>>;
  implementation_acknowledgments: Array<Record<string, unknown>>;
  claim_history: ClaimHistory[];
  rejections: RejectionItem[];
}
