// Types for the embeddable elements (denial-explainer.js). The report shapes are in
// denial-api.d.ts and docs/report-schema.md.
import type { Summary, ClaimRow, ClaimDetail, RowQuery, RowPage, LookupAnswer, Acknowledgments } from './denial-api.js';

export type DenialView = 'summary' | 'worklist' | 'claims' | 'rejections';

export interface DenialFileStatus {
  name: string;
  bytes: number;
  readable: boolean;
  status: 'read' | 'read_with_errors' | 'unreadable';
  errors: number;
  warnings: number;
  first_transaction: number;
  transactions: number;
  [key: string]: unknown;
}

export declare class DenialReportEvent extends CustomEvent<{ summary: Summary; files: DenialFileStatus[] }> {
  readonly summary: Summary;
  readonly files: DenialFileStatus[];
}

export declare class DenialErrorEvent extends CustomEvent<{ code: string; message: string; file: string }> {
  readonly code: string;
  readonly message: string;
  readonly file: string;
}

export declare class DenialActionEvent extends CustomEvent<{ row: ClaimRow; claim: ClaimDetail | null; action: string }> {
  readonly row: ClaimRow;
  readonly claim: ClaimDetail | null;
  readonly action: string;
}

export declare class DenialError extends Error {
  readonly code: string;
  readonly file: string;
}

export type DenialInput = File | Blob | ArrayBuffer | Uint8Array | string;

export declare class DenialExplainerElement extends HTMLElement {
  static define(tag?: string, registry?: CustomElementRegistry): typeof DenialExplainerElement;
  view: DenialView;
  compact: boolean;
  maskPatientData: boolean;
  headingLevel: number;
  /** Attribute `appeal-days`: the contract's appeal window (days after the remit date) for payers other than Medicare; null when not set. Changing it re-explains the last input. */
  appealDays: number | null;
  /** Attribute `filing-days`: the contract's filing window (days after the date of service) for payers other than Medicare; null when not set. */
  filingDays: number | null;
  /** Attribute `as-of`: 'YYYY-MM-DD' date deadlines are judged by; null = today (UTC). */
  asOf: string | null;
  readonly report: Record<string, any> | null;
  readonly summary: Summary | null;
  explainFile(input: DenialInput, name?: string): Promise<Summary>;
  explainFiles(items: Iterable<File | Blob | { input: DenialInput; name?: string }>): Promise<Summary>;
  clear(): void;
  rows(query?: RowQuery): Promise<RowPage>;
  claim(row: number): Promise<ClaimDetail | null>;
  /** The 277CA / 999 part (rejections, claim history), empty lists when none was read. */
  acknowledgments(): Promise<Acknowledgments>;
}

export declare class DenialCodeElement extends HTMLElement {
  static define(tag?: string, registry?: CustomElementRegistry): typeof DenialCodeElement;
  code: string;
  open: boolean;
  show(): void;
  hide(): void;
}

export declare function lookupCode(code: string): Promise<LookupAnswer>;

declare global {
  interface HTMLElementTagNameMap {
    'denial-explainer': DenialExplainerElement;
    'denial-code': DenialCodeElement;
  }
  interface HTMLElementEventMap {
    'denial-report': DenialReportEvent;
    'denial-error': DenialErrorEvent;
    'denial-action': DenialActionEvent;
  }
}
