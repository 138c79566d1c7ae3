package cn.daiban.query.audit;

import cn.daiban.kernel.audit.AuditHistoryResponse;
import cn.daiban.kernel.audit.ChainVerificationResponse;
import cn.daiban.kernel.audit.CheckStoreDigestQuery;
import cn.daiban.kernel.audit.FetchAuditHistoryQuery;
import cn.daiban.kernel.audit.FetchStoreDigestQuery;
import cn.daiban.kernel.audit.StoreDigestCheckResponse;
import cn.daiban.kernel.audit.StoreDigestResponse;
import cn.daiban.kernel.audit.VerifyEventChainQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

@Component
class AuditQueryHandler {

    private static final Logger log = LoggerFactory.getLogger(AuditQueryHandler.class);
    /**
     * A digest covers events that committed at least this long ago: a transaction still in flight when the
     * digest is taken may commit a lower global index later, and must not make an honest store look altered.
     */
    static final Duration SETTLE = Duration.ofSeconds(5);

    private final EventStoreAudit audit;
    private final Clock clock;

    AuditQueryHandler(EventStoreAudit audit) {
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    @QueryHandler
    AuditHistoryResponse handle(FetchAuditHistoryQuery query) {
        return audit.history(query);
    }

    @QueryHandler
    ChainVerificationResponse handle(VerifyEventChainQuery query) {
        ChainVerificationResponse result = audit.verify(query.aggregateId());
        if (!result.intact()) {
            log.warn("event store chain broken: {}", result.firstBreak());
        }
        return result;
    }

    @QueryHandler
    StoreDigestResponse handle(FetchStoreDigestQuery query) {
        Instant now = clock.instant();
        EventStoreAudit.Digest digest = audit.digest(audit.settledGlobalIndex(now.minus(SETTLE)));
        return new StoreDigestResponse(digest.upToGlobalIndex(), now, digest.streams(), digest.events(),
                digest.digest());
    }

    @QueryHandler
    StoreDigestCheckResponse handle(CheckStoreDigestQuery query) {
        EventStoreAudit.Digest digest = audit.digest(query.upToGlobalIndex());
        boolean matches = digest.digest().equals(query.digest());
        if (!matches) {
            log.warn("event store no longer matches the digest up to global index {}", query.upToGlobalIndex());
        }
        return new StoreDigestCheckResponse(matches, digest.digest(), digest.chain());
    }
}
