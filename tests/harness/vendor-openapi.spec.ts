import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { newReportsDir, readConformance, runSuite } from './support';

/** RS-DISC-5 with a vendor OpenAPI document: described → PASS; dropped (Janssen's newest) or unreadable → WARNING, never a crash. */
test.describe.configure({ mode: 'parallel' });

const DESCRIBED = `openapi: 3.0.1
info: { title: vendor, version: '1' }
paths:
  /revoke_session:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                user_criterion_key: { type: string }
                user_criterion_value: { type: string }
      responses: { '200': { description: OK } }
`;
const DROPPED = `openapi: 3.0.1
info: { title: vendor, version: '1' }
paths:
  /global-token-revocation:
    post:
      responses: { '204': { description: OK } }
`;

for (const [name, document, verdict] of [
  ['describes the operation', DESCRIBED, 'PASS'],
  ['lacks the operation', DROPPED, 'WARNING'],
  ['is not valid YAML', 'paths:\n  x: "unterminated\n y', 'WARNING'],
] as const) {
  test(`a vendor document that ${name} → ${verdict}`, async () => {
    const file = join(newReportsDir(), 'vendor.yaml');
    writeFileSync(file, document);
    const run = await runSuite(['--grep', 'RS-DISC-5'], { JANS_OPENAPI: file });
    expect(run.code, 'a SHOULD never fails the run').toBe(0);
    expect(readConformance(run.reportsDir).requirements.find((r) => r.id === 'RS-DISC-5')?.verdict).toBe(verdict);
  });
}
