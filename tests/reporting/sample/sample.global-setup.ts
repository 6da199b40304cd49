import { writeRunInfo } from '../../../fixtures/run-info';

export default function globalSetup(): void {
  writeRunInfo({
    issuer: 'https://op.sample.test/jans-auth',
    discoverySha256: 'a'.repeat(64),
    profile: 'janssen',
    mode: 'static',
    harnessVersion: '0.0.0-sample',
    catalogueVersion: '1',
    startedAt: new Date().toISOString(),
    ...(process.env.SAMPLE_TARGET_VERDICT ? { targetVerdict: process.env.SAMPLE_TARGET_VERDICT } : {}),
  });
}
