import { expect } from '@open-wc/testing';
import { readTable } from './read-table.js';
import { readTableOffThread } from './read-off-thread.js';
import { TableReadError } from './table-read-error.js';
import { encodeLegacy } from '../test/encode.js';
import { describe, it } from '../test/mocha.js';

/** A Bitrix-style Windows-1251 file of `n` rows, with a multi-line cell and a blank row. */
function bigFile(n: number): Uint8Array {
  const lines = ['Имя;Телефон;Комментарий'];
  for (let i = 0; i < n; i++) lines.push(i === 7 ? '' : `Иван ${i};+7 903 ${String(1000000 + i).slice(1)};"строка 1\r\nстрока ${i}"`);
  return encodeLegacy(lines.join('\r\n') + '\r\n', 'windows-1251');
}

describe('readTableOffThread', () => {
  it('reads a large file in a module worker: the same table as readTable, rows sent back in slices', async () => {
    const bytes = bigFile(5000);
    const workers: string[] = [];
    const replies: string[] = [];
    const Original = globalThis.Worker;
    globalThis.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        workers.push(String(options?.name));
        this.addEventListener('message', (e: MessageEvent<{ kind: string }>) => replies.push(e.data.kind));
      }
    };
    try {
      const off = await readTableOffThread(new Blob([bytes as BlobPart]), { fileName: 'big.csv', threshold: 1024 });
      const on = await readTable(bytes, { fileName: 'big.csv' });
      expect(workers).to.deep.equal(['crmkit-read-table']);
      expect(replies).to.deep.equal(['rows', 'rows', 'rows', 'table'], 'the worker answered, in slices of 2000 rows');
      expect(off.rows.length).to.equal(4999);
      expect(off).to.deep.equal(on);
      expect(off.encoding).to.equal('windows-1251');
    } finally {
      globalThis.Worker = Original;
    }
  });

  it('passes every override to the worker and brings its errors back typed', async () => {
    const bytes = bigFile(100);
    const asUtf16 = await readTableOffThread(bytes, { threshold: 0, encoding: 'windows-1251', delimiter: ',' });
    expect(asUtf16.delimiter).to.equal(',');
    expect(asUtf16.headers).to.deep.equal(['Имя;Телефон;Комментарий']);
    const error = await readTableOffThread(new Blob([' \r\n \r\n']), { threshold: 0, fileName: 'blank.csv' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TableReadError);
    expect((error as TableReadError).reason).to.equal('empty');
  });

  it('falls back to the calling thread when the worker cannot start', async () => {
    const bytes = bigFile(50);
    const table = await readTableOffThread(bytes, { threshold: 0, workerUrl: new URL('./no-such.worker.js', import.meta.url) });
    expect(table.rows.length).to.equal(49);
  });
});
