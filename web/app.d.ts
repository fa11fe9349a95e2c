// Types SvelteKit threads through hooks, load functions and form actions.

declare global {
  namespace App {
    interface Locals {
      /**
       * Who is making the request (web/hooks.server.ts), null when nobody is logged in. Only
       * public routes (web/lib/auth/routes.ts) ever see null.
       */
      actor: import('../server/services').Actor | null;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
