import { defineConfig } from '@playwright/test';

// E2E: the built renderer served by the browser harness (tests/harness) with the real router,
// in Debian's Chromium (Playwright's own browser download is not used).
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'tests/e2e/artifacts',
  preserveOutput: 'always',
  fullyParallel: false,
  workers: 1,
  // Generous: the flows are long and this 2-core machine is often shared (PIN hashing and builds
  // under load have pushed single steps past ten seconds); a spec that needs more sets its own.
  timeout: 300_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  forbidOnly: true,
  use: {
    browserName: 'chromium',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    },
    trace: 'retain-on-failure',
  },
});
