// A form posted with use:enhance that says it is working: `busy` while the request runs, so the
// submit button can show progress and refuse a second click. What was typed stays (no reset), so
// a refused submission can be corrected.

import type { SubmitFunction } from '@sveltejs/kit';

export class PendingSubmit {
  busy = $state(false);

  /** Pass as `use:enhance={pending.enhance}`. */
  readonly enhance: SubmitFunction = () => {
    this.busy = true;
    return async ({ update }) => {
      await update({ reset: false });
      this.busy = false;
    };
  };
}
