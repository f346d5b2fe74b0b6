import { parse, type Parser, type ParseResult } from 'papaparse';

/** Characters parsed between two yields to the page (about 20–40 ms of work each). */
const SLICE = 256 * 1024;

/**
 * Splits delimited text into rows of cells (RFC 4180 quoting: delimiters,
 * doubled quotes and line breaks inside quotes; rows may be shorter or longer
 * than the header). PapaParse, because uDSV — faster, see `npm run bench
 * import` — assumes every row has the header's column count and runs short
 * rows into the next. Large text is parsed in slices with a yield to the page
 * between them, so no single task blocks the main thread for long. @internal
 */
export function parseDelimited(text: string, delimiter: string): Promise<string[][]> {
  if (text.trim() === '') return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parse<string[]>(text, {
      delimiter,
      quoteChar: '"',
      escapeChar: '"',
      skipEmptyLines: false,
      header: false,
      dynamicTyping: false,
      chunkSize: SLICE,
      chunk(results: ParseResult<string[]>, parser: Parser) {
        for (const row of results.data) rows.push(row);
        if (text.length > SLICE) {
          parser.pause();
          setTimeout(() => parser.resume(), 0);
        }
      },
      complete() {
        while (rows.length && rows[rows.length - 1]?.every((c) => c === '')) rows.pop();
        resolve(rows);
      },
      error: (e: Error) => reject(e),
    } as Parameters<typeof parse>[1]);
  });
}
