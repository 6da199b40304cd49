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
    ['expected_failure: []\n', 'Expected-failures file expected-failures.yaml has unknown key(s) expected_failure; only expected_failures is allowed.'],
    ['expected_failures: RS-AUTH-4\n', 'Expected-failures file expected-failures.yaml must hold a list under expected_failures.'],
    ['expected_failures: [\n', 'Expected-failures file expected-failures.yaml is not valid YAML'],
  ] as const
).entries()) {
  test(`rejects bad file ${i + 1}: ${sentence.slice(45)}`, () => {
    expect(() => parseBaseline(yaml, f)).toThrow(sentence);
  });
}
