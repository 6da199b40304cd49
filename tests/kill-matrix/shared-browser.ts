import { test as base, type BrowserServer } from '@playwright/test';
import { launchSharedBrowser } from './suite';

/** The kill matrix's tests: one shared browser per worker for all the suite runs it starts. */
export const test = base.extend<object, { sharedBrowser: BrowserServer }>({
  sharedBrowser: [
    async ({}, use) => {
      const server = await launchSharedBrowser();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
