/**
 * Where the window's page comes from: a privileged custom scheme (`app://kratos-desktop/…`) instead of
 * `file://` (Electron security checklist #18), so the page has a real origin of its own that IPC sender
 * checks and the CSP can name, and no access to the rest of the file system.
 */
export const appScheme = 'app';
export const appHost = 'kratos-desktop';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;
