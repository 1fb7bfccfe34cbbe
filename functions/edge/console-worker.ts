import { createConsoleApp } from '../console/app.js';
import { serveInIsolate, type EdgeBindings, type ExecutionContext } from './worker.js';

/** The console's sign-in at an OIDC provider (the China profile's), as the console Lambda reads it. */
export interface ConsoleEdgeBindings extends EdgeBindings {
  CONSOLE_CLIENT_ID: string;
  CONSOLE_AUTHORIZE_URL: string;
  CONSOLE_TOKEN_URL: string;
  CONSOLE_LOGOUT_URL?: string;
}

/** The console function in a serverless isolate: its pages, with the API app in the same isolate as its door to data. */
export default {
  fetch: (request: Request, bindings: ConsoleEdgeBindings, context: ExecutionContext): Promise<Response> =>
    serveInIsolate(request, bindings, context, (deps) =>
      createConsoleApp({
        ...deps,
        console: {
          secureCookies: true,
          signIn: {
            kind: 'oidc',
            clientId: bindings.CONSOLE_CLIENT_ID,
            authorizeUrl: bindings.CONSOLE_AUTHORIZE_URL,
            tokenUrl: bindings.CONSOLE_TOKEN_URL,
            ...(bindings.CONSOLE_LOGOUT_URL ? { logoutUrl: bindings.CONSOLE_LOGOUT_URL } : {}),
          },
        },
      }),
    ),
};
