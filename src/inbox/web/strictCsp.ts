/**
 * Imported first by each inbox page. The pages are served with `script-src 'self'` (no eval):
 * zod's fast path compiles validators with `new Function`, and merely probing for it logs a
 * Content-Security-Policy violation in the console. Jitless mode skips the probe; the schemas
 * validate the same, through the interpreter.
 */
import { z } from 'zod';

z.config({ jitless: true });
