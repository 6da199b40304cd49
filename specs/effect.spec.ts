import { globalTokenRevocationEffect } from './global-token-revocation/revocation';
import { revokeSessionEffect } from './revoke-session/revocation';

/**
 * What a successful call does, for every endpoint, registered here so that it comes first in the
 * run: Playwright hands tests to the workers in the order of their files' names, and these checks
 * take longest (each waits for a removal to show everywhere, then for a new login to prove itself).
 * Where revocation takes time to show (a cluster), a long check started last would end the run
 * alone while the other workers idle; started first, it waits beside the short ones.
 */
globalTokenRevocationEffect();
revokeSessionEffect();
