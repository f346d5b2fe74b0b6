// The module worker behind `readTableOffThread`: reads a table with
// `readTable` and sends it back in slices of rows, so the page takes them in
// many short tasks instead of one long one.
import { readTable } from './read-table.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';
import { TableReadError } from './table-read-error.js';
import { ROWS_PER_MESSAGE } from './worker-protocol.js';

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage: (reply: WorkerReply) => void };

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { source, options } = event.data;
  try {
    const { rows, rowNumbers, ...rest } = await readTable(source, options);
    for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) {
      scope.postMessage({ kind: 'rows', rows: rows.slice(i, i + ROWS_PER_MESSAGE), rowNumbers: rowNumbers?.slice(i, i + ROWS_PER_MESSAGE) });
    }
    scope.postMessage({ kind: 'table', table: rest });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    scope.postMessage({ kind: 'error', name: error.name, message: error.message, ...(e instanceof TableReadError ? { reason: e.reason } : {}) });
  }
};
