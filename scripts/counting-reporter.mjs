// A @web/test-runner reporter that writes pass/fail counts for scripts/test-all.mjs.
import { writeFileSync, mkdirSync } from 'node:fs';

/** First line of an error message, cut to a length a summary line can carry. */
function firstLine(error) {
  const text = String(error?.message ?? error ?? '').split('\n')[0];
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function walk(suite, counts, file, names) {
  const path = suite.name ? [...names, suite.name] : names;
  for (const t of suite.tests ?? []) {
    if (t.skipped) counts.skipped++;
    else if (t.passed) counts.passed++;
    else {
      counts.failed++;
      counts.failures.push(`${file}: ${[...path, t.name].join(' › ')} — ${firstLine(t.error)}`);
    }
  }
  for (const s of suite.suites ?? []) walk(s, counts, file, path);
}

/** Counts passed, failed and skipped tests over every session, and names each failure with its first error line. */
export function countingReporter(file = '.bench/browser-counts.json') {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, erroredFiles: 0, failures: [] };
      for (const s of sessions) {
        // The file, and the group when it is not the default one (the lead-form suite also runs under a strict CSP).
        const group = s.group?.name && s.group.name !== 'default' ? ` [${s.group.name}]` : '';
        const file = `${s.testFile.replace(`${process.cwd()}/`, '')}${group}`;
        if (s.testResults) walk(s.testResults, counts, file, []);
        if (!s.passed && (s.errors?.length ?? 0) > 0) {
          counts.erroredFiles++;
          counts.failures.push(`${file}: ${firstLine(s.errors[0])}`);
        }
      }
      mkdirSync('.bench', { recursive: true });
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}
