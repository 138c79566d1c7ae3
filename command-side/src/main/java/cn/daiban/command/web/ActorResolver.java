package cn.daiban.command.web;

/**
 * The one place that says who is acting. Until authentication lands (its own issue) the actor comes from the
 * request's {@code X-Actor-Id} and {@code X-Station-Code} headers; the authenticated principal will replace
 * this implementation without touching any controller.
 */
public interface ActorResolver {

    Actor currentActor();
}
