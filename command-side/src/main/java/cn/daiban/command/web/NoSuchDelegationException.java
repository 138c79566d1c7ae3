package cn.daiban.command.web;

import cn.daiban.kernel.delegation.DelegationId;

/** No delegation was ever commissioned with this id: 404. */
class NoSuchDelegationException extends RuntimeException {

    NoSuchDelegationException(DelegationId id) {
        super("no commissioned delegation " + id);
    }
}
