// A bare crmkit store for benchmarks: rows live in Maps, nothing is copied or
// indexed, so a million deals and three million history rows load in seconds.
// (The product's memoryStore copies every row in and out, which is right for
// an app and too slow to fill with four million rows for a benchmark.)
export function plainStore() {
  const tables = new Map();
  const listeners = new Set();
  const table = (name) => {
    let t = tables.get(name);
    if (!t) tables.set(name, (t = new Map()));
    return t;
  };
  const matches = (row, q) => {
    if (!q?.index) return true;
    const v = row[q.index];
    return Array.isArray(v) ? v.includes(q.equals) : v === q.equals;
  };
  let pending = null;
  const publish = (changes) => {
    if (pending) pending.push(...changes);
    else for (const l of [...listeners]) l(changes);
  };
  const ops = {
    async get(name, id) {
      return table(name).get(id);
    },
    async put(name, row) {
      table(name).set(row.id, row);
      publish([{ table: name, type: 'put', id: row.id, row }]);
    },
    async bulkPut(name, rows) {
      const t = table(name);
      for (const row of rows) t.set(row.id, row);
      if (listeners.size) publish(rows.map((row) => ({ table: name, type: 'put', id: row.id, row })));
    },
    async delete(name, id) {
      table(name).delete(id);
      publish([{ table: name, type: 'delete', id }]);
    },
    async query(name, q) {
      const out = [];
      for (const row of table(name).values()) {
        if (matches(row, q)) out.push(row);
        if (q?.limit && out.length >= q.limit) break;
      }
      return out;
    },
  };
  return {
    name: 'plain',
    ...ops,
    async open() {},
    async transaction(_tables, fn) {
      pending = [];
      try {
        const result = await fn(ops);
        const changes = pending;
        pending = null;
        if (changes.length) publish(changes);
        return result;
      } finally {
        pending = null;
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
