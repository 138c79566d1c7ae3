package cn.daiban.command.common;

/**
 * Why a command was refused, in a form that survives transport: Axon carries it as the details of a
 * {@code CommandExecutionException}, locally and through Axon Server alike.
 */
public record CommandRejection(String kind, String rule, String field, String message) {
}
