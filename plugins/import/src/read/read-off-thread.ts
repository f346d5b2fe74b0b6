import type { ReadTableOptions, Table, TableSource } from './table.js';
import { TableReadError } from './table-read-error.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

/** Options of `readTableOffThread`: those of `readTable`, and where the worker comes from. */
export interface ReadOffThreadOptions extends ReadTableOptions {
  /**
   * The module worker script (default: `read-table.worker.js` next to this
   * module, which the package ships). `false` reads on the calling thread.
   */
  workerUrl?: URL | string | false;
  /** Files smaller than this many bytes are read on the calling thread (default 256 KB): starting a worker costs more. */
  threshold?: number;
}

/** `readTable` on the calling thread, loaded only when needed (the wizard's bundle leaves the parsers to the worker). */
async function readHere(source: TableSource, options: ReadTableOptions): Promise<Table> {
  const { readTable } = await import('./read-table.js');
  return readTable(source, options);
}

function sizeOf(source: TableSource): number {
  if (typeof source === 'string') return source.length;
  if (source instanceof ArrayBuffer) return source.byteLength;
  if (source instanceof Uint8Array) return source.byteLength;
  return source.size;
}

function defaultWorkerUrl(): URL | undefined {
  try {
    return new URL('./read-table.worker.js', import.meta.url);
  } catch {
    return undefined;
  }
}

/** Thrown inside when the worker could not start; the read falls back to the calling thread. */
class WorkerUnavailable extends Error {}

function readInWorker(url: URL | string, source: TableSource, options: ReadTableOptions): Promise<Table> {
  return new Promise<Table>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(url, { type: 'module', name: 'crmkit-read-table' });
    } catch (e) {
      reject(new WorkerUnavailable(String(e)));
      return;
    }
    const rows: string[][] = [];
    const rowNumbers: number[] = [];
    let heard = false;
    const finish = (fn: () => void) => {
      worker.terminate();
      fn();
    };
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      heard = true;
      const reply = event.data;
      if (reply.kind === 'rows') {
        for (const r of reply.rows) rows.push(r);
        if (reply.rowNumbers) for (const n of reply.rowNumbers) rowNumbers.push(n);
      } else if (reply.kind === 'table') {
        finish(() => resolve({ ...reply.table, rows, ...(rowNumbers.length ? { rowNumbers } : {}) }));
      } else {
        const error = reply.reason !== undefined ? new TableReadError((reply.reason ?? 'format') as TableReadError['reason'], reply.message) : Object.assign(new Error(reply.message), { name: reply.name });
        finish(() => reject(error));
      }
    };
    // A worker that fails to load (no module workers, a blocked or missing script) reports `error` before any message.
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      finish(() => reject(heard ? new Error(event.message || 'The table reader stopped') : new WorkerUnavailable(event.message)));
    };
    const request: WorkerRequest = { source, options };
    worker.postMessage(request);
  });
}

/**
 * `readTable` off the main thread: in a browser, a file larger than
 * `threshold` is decoded and parsed in a module worker, and its rows come
 * back in slices, so the page never stalls on a big file. Without `Worker`
 * (Node) or when the worker cannot start (a strict `worker-src`, an old
 * browser), it reads on the calling thread instead. Same result and errors
 * as `readTable`.
 */
export async function readTableOffThread(source: TableSource, options: ReadOffThreadOptions = {}): Promise<Table> {
  const { workerUrl, threshold = 256 * 1024, ...readOptions } = options;
  const url = workerUrl === false ? undefined : (workerUrl ?? defaultWorkerUrl());
  if (!url || typeof Worker === 'undefined' || sizeOf(source) < threshold) return readHere(source, readOptions);
  try {
    return await readInWorker(url, source, readOptions);
  } catch (e) {
    if (e instanceof WorkerUnavailable) return readHere(source, readOptions);
    throw e;
  }
}
