package cn.daiban.command.web;

import cn.daiban.kernel.delegation.DelegationId;

/** No delegation was ever commissioned with this id: 404. */
class NoSuchDelegationException extends RuntimeException {

    NoSuchDelegationException(DelegationId id) {
        super("no commissioned delegation " + id);
    }

    NoSuchDelegationException(String message) {
        super(message);
    }

    /** No consultation was ever recorded with this id: 404 too. */
    static class NoSuchConsultation extends NoSuchDelegationException {
        NoSuchConsultation(cn.daiban.kernel.consultation.ConsultationId id) {
            super("no recorded consultation " + id);
        }
    }
}
