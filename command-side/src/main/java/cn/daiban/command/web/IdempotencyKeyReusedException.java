package cn.daiban.command.web;

/** The same idempotency key came with a different request: a client bug, answered 422. */
class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key " + key + " was already used for a different request");
    }
}
