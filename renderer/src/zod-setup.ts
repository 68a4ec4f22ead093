// Must be the first import of the renderer: the contract builds its zod schemas at import time, and zod's default
// JIT probes `new Function`, which the renderer's CSP (no 'unsafe-eval') reports as a violation even though zod
// catches the failure. Jitless mode skips the probe and validates by interpretation.
import { z } from 'zod';

z.config({ jitless: true });
