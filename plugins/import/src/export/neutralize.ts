const DANGEROUS = /^[=+\-@\t\r]/;

/**
 * Neutralises a cell a spreadsheet could run as a formula (OWASP "CSV
 * injection"): text starting with `=`, `+`, `-`, `@`, tab or carriage return
 * gets a leading `'`, which spreadsheets show as text. `+7 999…` phones are
 * exported as `'+7 999…`; `readTable` + `importRecords` take the quote off again.
 */
export function neutralizeCell(text: string): string {
  return DANGEROUS.test(text) ? `'${text}` : text;
}

/** Undoes `neutralizeCell` on import. @internal */
export function unneutralizeCell(text: string): string {
  return text.length > 1 && text[0] === "'" && DANGEROUS.test(text.slice(1)) ? text.slice(1) : text;
}
