package cn.daiban.command.web;

/** The one place that says who is acting: the authenticated principal ({@link PrincipalActorResolver}). */
public interface ActorResolver {

    Actor currentActor();
}
