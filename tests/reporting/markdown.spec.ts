import { expect, test } from '@playwright/test';
import MarkdownIt from 'markdown-it';
import { MARKUP_PAYLOAD } from '../../fixtures/reference-op/hostile/markup';
import { renderMarkdown, renderSummary } from '../../fixtures/reporting/markdown';
import { mdData, mdText, oneLine, stripControl } from '../../fixtures/reporting/text';
import type { RunHeader, TestRecord } from '../../fixtures/reporting/report-types';
import { buildReport } from '../../fixtures/reporting/verdict';
import type { RunInfo } from '../../fixtures/run-info';
import { controlCharacters, markupProblems } from './markup';

/**
 * Text from the target reaches the report through errors, evidence, notes, skip reasons and stop
 * sentences. With the hostile payload in every one of them, conformance.md renders no heading,
 * link, image, HTML or extra table cell from it, and no report text or console line carries a
 * control character.
 */

const hostile = (what: string) => `${what}${MARKUP_PAYLOAD}`;

function record(extra: Partial<TestRecord>): TestRecord {
  return {
    title: 'a check',
    location: 'specs/x.spec.ts:1',
    project: 'conformance',
    ids: [],
    status: 'passed',
    outcome: 'expected',
    durationMs: 1,
    evidence: [],
    attachments: [],
    ...extra,
  };
}

function runInfo(stopped: boolean): RunInfo {
  return {
    issuer: hostile('https://op.example'),
    discoverySha256: null,
    profile: 'janssen',
    gtrProfile: 'janssen',
    mode: 'provisioning',
    harnessVersion: '0.0.0',
    catalogueVersion: '2',
    startedAt: new Date(0).toISOString(),
    ...(stopped
      ? { stopped: { kind: 'incomplete', sentence: hostile('The Config API refused the harness:') } }
      : {
          preflight: {
            sessionStatus: { available: false, note: hostile('unavailable:') },
            logins: hostile('logins:'),
            flagSwitch: { possible: true, note: hostile('flags:') },
            endpoints: [
              { name: 'revoke_session', provided: true, url: 'https://op.example/x', advertised: true, note: hostile('advertised;'), judged: true },
              { name: 'global_token_revocation', provided: true, url: 'https://op.example/y', advertised: true, note: hostile('advertised;'), judged: true },
            ],
            durationMs: 3,
          },
        }),
  };
}

function report(stopped: boolean) {
  const header: RunHeader = { harnessVersion: '0.0.0', startedAt: '', finishedAt: '', durationMs: 1, playwrightStatus: 'failed', runInfo: runInfo(stopped) };
  const tests = stopped
    ? [record({ ids: ['RS-DISC-1'], status: 'notRun', outcome: 'notRun' })]
    : [
        record({
          ids: ['RS-AUTH-1'],
          status: 'failed',
          outcome: 'unexpected',
          error: hostile('Error: expected invalid_client, got'),
          evidence: [hostile('401 answers:')],
        }),
        record({ ids: ['RS-AUTH-2'], status: 'failed', outcome: 'unexpected', error: 'x', harnessError: hostile('The harness could not:') }),
        record({ ids: ['RS-FLAG-1'], status: 'skipped', outcome: 'skipped', skipReason: hostile('skipped because') }),
        record({ ids: ['GTR-DISC-3'], evidence: [hostile('auth methods:')] }),
        record({
          ids: ['RS-AUTH-3'],
          status: 'failed',
          outcome: 'unexpected',
          failedIds: { 'RS-AUTH-3': hostile('attributed:') },
          error: 'Requirement checks failed:',
        }),
        record({ title: 'outside the catalogue', status: 'failed', outcome: 'unexpected', error: hostile('Error:') }),
      ];
  return buildReport({ header, tests, baseline: null, problems: [hostile('a problem:')], globalErrors: [hostile('Error: global')] });
}

for (const stopped of [false, true]) {
  test(`target text stays data in conformance.md, the JSON report and the summary (${stopped ? 'stopped run' : 'judged run'})`, () => {
    const r = report(stopped);
    const md = renderMarkdown(r);
    expect(markupProblems(md)).toEqual([]);
    expect(
      md.split('\n').filter((line) => /^\s*#+\s*✅/.test(line)),
      'no line of the report starts with the forged heading',
    ).toEqual([]);
    expect(controlCharacters(md)).toEqual([]);
    // The payload is there, as text: the checks above would pass vacuously without it.
    expect(new MarkdownIt().render(md)).toContain('[x](javascript:alert(1))');

    const strings: string[] = [];
    JSON.parse(JSON.stringify(r), (_k, v: unknown) => (typeof v === 'string' && strings.push(v), v));
    expect(controlCharacters(strings.join('\n'))).toEqual([]);
    expect(
      r.reasons.every((x) => !x.includes('\n')),
      'reasons are one line',
    ).toBe(true);

    const summary = renderSummary(r, ['reports/conformance.json']);
    expect(controlCharacters(summary)).toEqual([]);
    if (stopped) {
      const banner = summary.split('\n').find((line) => line.startsWith('INCOMPLETE: '));
      expect(banner, 'the stop sentence is one line').toContain('| fake | row |');
    }
  });
}

test('code spans hold any backtick run, and table cells escape their pipes', () => {
  expect(mdData('a `b` c')).toBe('``a `b` c``');
  expect(mdData('``x')).toBe('``` ``x ```');
  expect(mdData('a|b', true)).toBe('`a\\|b`');
  expect(mdData('a|b')).toBe('`a|b`');
  expect(mdData('  ')).toBe('');
  const html = new MarkdownIt({ html: true, linkify: true }).renderInline(
    `${mdData('` <b>x</b> ``` https://x.invalid')} ${mdText('*not emphasis* <i> [a](b)')}`,
  );
  expect(html).toBe('<code>` &lt;b&gt;x&lt;/b&gt; ``` https://x.invalid</code> *not emphasis* &lt;i&gt; [a](b)');
});

test('control characters and escape sequences go, whole; line breaks stay unless one line is asked for', () => {
  expect(stripControl('a\u001b]0;pwned\u0007b\u001b[2Jc\u001b[31md\u009b1me')).toBe('abcde');
  expect(stripControl('x\r\ny\rz\u2028w')).toBe('x\ny\nz\nw');
  expect(stripControl('\u202egnp.exe \u2066a\u2069 \u0000\u007f\u0085')).toBe('gnp.exe a ');
  expect(stripControl('emoji 🙂 stays')).toBe('emoji 🙂 stays');
  expect(stripControl('lone \ud800 surrogate')).toBe('lone  surrogate');
  expect(oneLine(' a\n\tb  \n c ')).toBe('a b c');
});
