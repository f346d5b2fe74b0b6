const CANDIDATES = [',', ';', '\t', '|'] as const;

/** Counts `delimiter` per line outside quotes, over the first lines of `text`. */
function countsPerLine(text: string, delimiter: string, maxLines: number): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let count = 0;
  for (let i = 0; i < text.length && counts.length < maxLines; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === delimiter) count++;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      counts.push(count);
      count = 0;
    }
  }
  if (counts.length < maxLines && count > 0) counts.push(count);
  return counts;
}

/**
 * Guesses the column delimiter among `,` `;` tab and `|`: the one that splits
 * the first lines into the same number of columns (more than one), preferring
 * more columns. A comma inside quoted text or a number like `1,5` does not
 * mislead it because consistency across lines is what counts. @internal
 */
export function detectDelimiter(text: string): string {
  let best: { delimiter: string; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of CANDIDATES) {
    const counts = countsPerLine(text, delimiter, 30).filter((_, i, all) => i < all.length || all.length === 1);
    if (counts.length === 0 || (counts[0] ?? 0) === 0) continue;
    const header = counts[0] as number;
    const consistent = counts.filter((c) => c === header).length / counts.length;
    const score = consistent * 1000 + header;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}
