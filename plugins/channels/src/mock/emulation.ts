/** Which API a request to the mock backend was for. */
export type MockTarget = 'rest' | 'bitrix24' | 'hubspot' | 'amocrm' | 'pipedrive';

/** One request the mock backend received (including those it failed on purpose). */
export interface ReceivedRequest {
  /** Which emulated API it was for. */
  target: MockTarget;
  /** HTTP method. */
  method: string;
  /** Full URL, query included. */
  url: string;
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  /** The body parsed as JSON (or as a form for `application/x-www-form-urlencoded`), else its text, else `undefined`. */
  body: unknown;
}

/** One thing an emulated CRM stored: a lead, a contact, a person, a note… */
export interface StoredRecord {
  /** The id the emulated API gave it. */
  id: string | number;
  /** What it is in that API's terms, e.g. `lead`, `person`, `note`, `submission`. */
  type: string;
  /** What was stored (for `rest`: the crmkit `Lead`). */
  data: Record<string, unknown>;
}

/** @internal One emulated API. */
export interface Emulation {
  readonly target: MockTarget;
  /** True when this emulation answers `url`. */
  matches(url: URL): boolean;
  /** Answers one request (the body is already parsed into `received`). */
  handle(request: Request, received: ReceivedRequest): Promise<Response>;
  /** A response body for an injected failure with `status`, in this API's error format. */
  errorBody(status: number): unknown;
  /** What it stored, in order. */
  readonly stored: StoredRecord[];
  /** Forgets everything stored. */
  reset(): void;
}

/** @internal A JSON response. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}
