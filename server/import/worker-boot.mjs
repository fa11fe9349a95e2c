// The worker thread's entry. Node 20 does not carry the parent's tsx loader into worker threads,
// so the worker registers it itself before loading the TypeScript entry.

import { register } from 'tsx/esm/api';

register();
await import('./worker-entry.ts');
