/** Who is making the request, as the authentication guard established it. */
export enum Role {
  CLIENT = 'CLIENT',
  PROVIDER = 'PROVIDER',
  MODERATOR = 'MODERATOR',
  ADMIN = 'ADMIN',
}

export interface Viewer {
  id: string;
  roles: Role[];
}

const viewers = new WeakMap<object, Viewer>();

/** The viewer the authentication guard (or a sign-in) established for this request, if any. */
export function viewerOf(request: object): Viewer | undefined {
  return viewers.get(request);
}

export function setViewerOf(request: object, viewer: Viewer): void {
  viewers.set(request, viewer);
}

/** Admins can do everything moderators can. */
export function isModerator(viewer: Viewer | undefined): boolean {
  return !!viewer && (viewer.roles.includes(Role.MODERATOR) || viewer.roles.includes(Role.ADMIN));
}

export function hasRole(viewer: Viewer | undefined, role: Role): boolean {
  if (!viewer) return false;
  return role === Role.MODERATOR ? isModerator(viewer) : viewer.roles.includes(role);
}
