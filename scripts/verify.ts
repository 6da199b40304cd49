/** `npm run verify -- <package.zip> [--key <public key>]`: checks a certification package without the target (fixtures/certify/). */
import { verify } from '../fixtures/certify';

process.exitCode = await verify(process.argv.slice(2));
