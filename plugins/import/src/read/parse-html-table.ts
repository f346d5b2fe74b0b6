const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

function cellText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div)>/gi, '\n');
  return decodeEntities(withBreaks.replace(/<[^>]*>/g, ''))
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/**
 * Reads the first `<table>` of an HTML document — what Bitrix24 and others
 * save as ".xls" — into rows of text (`colspan` repeats nothing: a spanned
 * cell is followed by empty cells). Works without a DOM, so also in a worker.
 * @internal
 */
export function parseHtmlTable(html: string): string[][] {
  const table = /<table[\s>][\s\S]*?<\/table>/i.exec(html)?.[0] ?? html;
  const rows: string[][] = [];
  const rowRe = /<tr[\s>]([\s\S]*?)(?=<tr[\s>]|<\/table>|$)/gi;
  for (const rowMatch of table.matchAll(rowRe)) {
    const cells: string[] = [];
    const cellRe = /<t([dh])(\s[^>]*)?>([\s\S]*?)(?=<t[dh][\s>]|<\/tr>|$)/gi;
    for (const c of (rowMatch[1] ?? '').matchAll(cellRe)) {
      cells.push(cellText((c[3] ?? '').replace(/<\/t[dh]>[\s\S]*$/i, '')));
      const span = /colspan\s*=\s*["']?(\d+)/i.exec(c[2] ?? '');
      for (let i = 1; i < Number(span?.[1] ?? 1); i++) cells.push('');
    }
    if (cells.length) rows.push(cells);
  }
  return rows;
}
