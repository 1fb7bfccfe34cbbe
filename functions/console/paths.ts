/** The web console's paths: served by the console function, every other path by the API function. */
export const consolePrefix = '/console';
export const isConsolePath = (path: string) => path === consolePrefix || path.startsWith(`${consolePrefix}/`);
