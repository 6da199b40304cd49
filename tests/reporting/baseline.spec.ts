import { expect, test } from '@playwright/test';
import { CATALOGUE_VERSION } from '../../fixtures/catalogue';
import { parseBaseline } from '../../fixtures/reporting/baseline';

const f = 'expected-failures.yaml';

test('a valid baseline parses; an empty file is an empty baseline', () => {
  expect(parseBaseline('expected_failures:\n  - id: RS-AUTH-4\n    reason: " 403 on this build "\n', f)).toEqual({
    file: f,
    entries: [{ id: 'RS-AUTH-4', reason: '403 on this build' }],
  });
  expect(parseBaseline('', f)).toEqual({ file: f, entries: [] });
  // Expected skips beside them; an INFO requirement may be an expected skip (it can be SKIPPED, never fail).
  expect(parseBaseline('expected_skips:\n  - id: RS-AUTH-7\n    reason: no Bearer client here\n', f)).toEqual({
    file: f,
    entries: [],
    skips: [{ id: 'RS-AUTH-7', reason: 'no Bearer client here' }],
  });
  expect(parseBaseline('# nothing expected to fail\n', f)).toEqual({ file: f, entries: [] });
});

for (const [i, [yaml, sentence]] of (
  [
    [
      'expected_failures:\n  - id: RS-NOPE-1\n    reason: x\n',
      `Expected-failures file expected-failures.yaml entry 1 names RS-NOPE-1, which is not a requirement id of catalogue v${CATALOGUE_VERSION}.`,
    ],
    [
      'expected_failures:\n  - id: RS-AUTH-4\n',
      'Expected-failures file expected-failures.yaml entry 1 (RS-AUTH-4) has no reason; every expected failure must say why.',
    ],
    [
      'expected_failures:\n  - id: RS-AUTH-4\n    reason: "  "\n',
      'Expected-failures file expected-failures.yaml entry 1 (RS-AUTH-4) has no reason; every expected failure must say why.',
    ],
    [
      'expected_failures:\n  - id: RS-AUTH-7\n    reason: x\n',
      'Expected-failures file expected-failures.yaml entry 1 (RS-AUTH-7) is INFO-level; INFO checks never fail, so it cannot be an expected failure.',
    ],
    [
      'expected_failures:\n  - { id: RS-AUTH-4, reason: a }\n  - { id: RS-AUTH-4, reason: b }\n',
      'Expected-failures file expected-failures.yaml lists RS-AUTH-4 twice.',
    ],
    [
      'expected_failure: []\n',
      'Expected-failures file expected-failures.yaml has unknown key(s) expected_failure; only expected_failures and expected_skips are allowed.',
    ],
    [
      'expected_skips:\n  - id: GTR-REV-3\n',
      'Expected-failures file expected-failures.yaml expected_skips entry 1 (GTR-REV-3) has no reason; every expected skip must say why.',
    ],
    [
      'expected_skips:\n  - { id: GTR-REV-3, reason: a }\n  - { id: GTR-REV-3, reason: b }\n',
      'Expected-failures file expected-failures.yaml lists GTR-REV-3 twice.',
    ],
    [
      'expected_failures:\n  - { id: RS-AUTH-4, reason: a }\nexpected_skips:\n  - { id: RS-AUTH-4, reason: b }\n',
      'Expected-failures file expected-failures.yaml lists RS-AUTH-4 both as an expected failure and as an expected skip; keep one.',
    ],
    ['expected_skips: GTR-REV-3\n', 'Expected-failures file expected-failures.yaml must hold a list under expected_skips.'],
    ['expected_failures: RS-AUTH-4\n', 'Expected-failures file expected-failures.yaml must hold a list under expected_failures.'],
    ['expected_failures: [\n', 'Expected-failures file expected-failures.yaml is not valid YAML'],
  ] as const
).entries()) {
  test(`rejects bad file ${i + 1}: ${sentence.slice(45)}`, () => {
    expect(() => parseBaseline(yaml, f)).toThrow(sentence);
  });
}
