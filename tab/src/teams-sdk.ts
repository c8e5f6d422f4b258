// The teams-js namespaces the tab uses, so the lazy import() below bundles no more of the SDK.
export { app, authentication, pages } from '@microsoft/teams-js';
