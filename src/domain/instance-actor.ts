// The instance actor: Parley itself as an ActivityPub actor (an Application),
// which signs what the server sends on nobody's behalf, such as forwarded
// reports. Its identifier can never be a username (usernames have no dot).

/** The actor identifier (path /users/instance.actor) and preferredUsername of the instance actor. */
export const INSTANCE_ACTOR = "instance.actor";
