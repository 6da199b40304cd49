/** `npm run certify -- [--reports <dir>] [--out <file.zip>] [--signing-key <key>]`: a signed certification package (fixtures/certify/). */
import { certify } from '../fixtures/certify';

process.exitCode = await certify(process.argv.slice(2));
