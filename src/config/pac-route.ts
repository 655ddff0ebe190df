import { urlProblem } from './grammar/url';
import { grammar } from './primitives';

/**
 * A member cluster's Pipelines-as-Code route as a SprayProxy backend: https, and only
 * scheme://host[:port]. SprayProxy keeps the incoming request's path and query and takes only the
 * backend's scheme and host (redhat-appstudio/sprayproxy@c6f8bf26 pkg/apis/proxy/proxy.go
 * handleProxyCommon), so a path here would be dropped without a word.
 */
export const pacRouteUrl = grammar((value) => {
  const problem = urlProblem(value, { schemes: ['https'], credentials: 'a PaC route takes none: the webhook signature is the proof' });
  if (problem) return problem;
  const url = new URL(value);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(value)) {
    return "must be only https://<host>[:port], without path, query or fragment: SprayProxy forwards each request to the backend's scheme and host with the path it came with";
  }
  return undefined;
});

/** The backend SprayProxy is given for a route: its origin (lower-case host, no trailing slash). */
export const pacRouteBackend = (route: string) => new URL(route).origin;
