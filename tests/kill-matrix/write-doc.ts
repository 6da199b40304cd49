/** `npm run kill-matrix`: regenerates KILL-MATRIX.md from expected.ts. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../fixtures/paths';
import { EXPECTED_ERRORS, EXPECTED_KILLS, EXPECTED_STOPS } from './expected';
import { matrixMarkdown } from './document';

writeFileSync(join(PROJECT_ROOT, 'tests', 'kill-matrix', 'KILL-MATRIX.md'), matrixMarkdown(EXPECTED_KILLS, EXPECTED_ERRORS, EXPECTED_STOPS));
console.log('tests/kill-matrix/KILL-MATRIX.md written');
