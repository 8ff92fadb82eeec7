/**
 * `GET /rest/api/3/label`: the labels used on the site, as Jira Cloud's REST v3 serves them — a `PageBeanString`
 * (`startAt`, `maxResults` up to 1000 by default, `total`, `isLast`, `values` of strings), alphabetical. Every user
 * may read it (Jira lists every label on the site, whatever the user can browse).
 */
import {
  pageBean,
  pageParams,
  type FakeRequest,
  type FakeResponse,
  type Route,
  type RouteContext,
} from './types';

function listLabels(req: FakeRequest, ctx: RouteContext): FakeResponse {
  const page = pageParams(req.query, 1000);
  if ('status' in page) return page;
  const all = [...new Set(ctx.site.issues.flatMap((i) => i.fields.labels))].sort();
  return pageBean(req, ctx, '/rest/api/3/label', all, page);
}

export const labelRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/label$/,
    endpoint: 'GET /rest/api/3/label',
    handle: listLabels,
  },
];
