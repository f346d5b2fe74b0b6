// A @web/test-runner reporter that writes pass/fail counts for scripts/test-all.mjs.
import { writeFileSync, mkdirSync } from 'node:fs';

function walk(suite, counts) {
  for (const t of suite.tests ?? []) {
    if (t.skipped) counts.skipped++;
    else if (t.passed) counts.passed++;
    else counts.failed++;
  }
  for (const s of suite.suites ?? []) walk(s, counts);
}

/** Counts passed, failed and skipped tests over every session. */
export function countingReporter(file = '.bench/browser-counts.json') {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, erroredFiles: 0 };
      for (const s of sessions) {
        if (s.testResults) walk(s.testResults, counts);
        if (!s.passed && (s.errors?.length ?? 0) > 0) counts.erroredFiles++;
      }
      mkdirSync('.bench', { recursive: true });
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}
