// Browser tests: every *.test.ts except *.node.test.ts, in Debian's headless Chromium.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { cjsEsmPlugin, dexieEsmPlugin, mswWorkerPlugin, tsWorkerPlugin } from './scripts/dev-plugins.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { cspTestMiddleware } from './tests/lead-form/csp-middleware.mjs';
import { leadFormStrictGroups, strictPageMiddleware } from './tests/lead-form/strict-page/strict-page.mjs';
import { cspBoardMiddleware } from './tests/widgets/csp-board-middleware.mjs';
import { teamServer } from './scripts/team-server.mjs';
import { defaultReporter, summaryReporter } from '@web/test-runner';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export default {
  rootDir: '.',
  files: [
    'packages/*/src/**/*.test.ts',
    'plugins/*/src/**/*.test.ts',
    'tests/**/*.test.ts',
    'examples/**/*.test.ts',
    '!**/*.node.test.ts',
    '!**/node_modules/**',
  ],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 600000,
  browserStartTimeout: 60000,
  reporters: [
    process.env.CI ? summaryReporter({ flatten: false }) : defaultReporter(),
    ...(process.env.CI ? [] : [summaryReporter({ flatten: false })]),
    countingReporter(),
  ],
  // Serves the strict-CSP lead form page and its same-origin intake (tests/lead-form/csp.test.ts).
  // …and the funnel board on a strict-CSP page (tests/widgets/board-csp.test.ts).
  // …and a crmkit team server (PGlite in memory) under /api/ for the remote-client tests (tests/remote/); it starts on first use.
  // …and the strict policy on the runner page of the lead-form suite's second run (group below).
  middleware: [strictPageMiddleware(), cspTestMiddleware(), cspBoardMiddleware(), teamServer().middleware],
  // The whole lead-form suite a second time, under a strict CSP and a hostile host stylesheet
  // (tests/lead-form/strict-page/); `--group lead-form-strict` runs only that.
  groups: leadFormStrictGroups(),
  plugins: [
    dexieEsmPlugin(),
    cjsEsmPlugin(),
    mswWorkerPlugin(),
    tsWorkerPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-dev-shm-usage',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
      // Each test file gets its own browser context (its own window): two
      // pages in one window leave the background one hidden, and a hidden
      // page gets no requestAnimationFrame, which stalls widget tests.
      // A context per file also gives each file its own IndexedDB.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
};
