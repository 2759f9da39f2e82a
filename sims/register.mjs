// Lets `node --import ./sims/register.mjs` run the TypeScript sims directly (ts-node in ESM, transpile-only).
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
register('ts-node/esm', pathToFileURL('./'));
