// URI templates of the routes Fedify serves. They mirror src/domain/uris.ts,
// which mints the same URIs without Fedify.
export const paths = {
  actor: "/users/{identifier}",
  inbox: "/users/{identifier}/inbox",
  sharedInbox: "/inbox",
  outbox: "/users/{identifier}/outbox",
  followers: "/users/{identifier}/followers",
  following: "/users/{identifier}/following",
  featured: "/users/{identifier}/collections/featured",
  note: "/users/{identifier}/statuses/{id}",
  announce: "/users/{identifier}/statuses/{id}/activity",
  nodeinfo: "/nodeinfo/2.1",
} as const;
