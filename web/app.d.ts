// Types SvelteKit threads through hooks, load functions and form actions.

declare global {
  namespace App {
    interface Locals {
      /** Who is making the request; a placeholder until access control arrives (issue 5). */
      user: { id: string; name: string };
    }
    interface Error {
      message: string;
    }
  }
}

export {};
