package cn.daiban.query.infrastructure;

import cn.daiban.kernel.calendar.CalendarYearNotLoadedException;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.security.DatabaseOutage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.stereotype.Component;

/**
 * Turns a query handler's refusal (an invalid value, a calendar year not loaded, the database away) into a
 * {@link QueryExecutionException} whose details ({@link QueryRejection}) say why, so the HTTP layer answers the same
 * problem+json whether the query was answered in this JVM or came back through Axon Server, where the exception's
 * class is lost and only its message and details arrive. Registered on the query bus (local and Axon Server alike).
 */
@Component
class QueryRejectionInterceptor implements MessageHandlerInterceptor<QueryMessage<?, ?>> {

    QueryRejectionInterceptor(QueryBus queryBus) {
        queryBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends QueryMessage<?, ?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try {
            return chain.proceed();
        } catch (InvalidValueException e) {
            throw new QueryExecutionException(e.getMessage(), e,
                    new QueryRejection(QueryRejection.INVALID_VALUE, "invalid-value", e.field(), e.getMessage()));
        } catch (CalendarYearNotLoadedException e) {
            throw new QueryExecutionException(e.getMessage(), e, new QueryRejection(QueryRejection.RULE_VIOLATED,
                    "calendar-year-not-loaded", "year", e.getMessage()));
        } catch (Exception e) {
            if (DatabaseOutage.isOutage(e)) {
                throw new QueryExecutionException(DatabaseOutage.DETAIL, e, new QueryRejection(
                        QueryRejection.UNAVAILABLE, DatabaseOutage.RULE, null, DatabaseOutage.DETAIL));
            }
            throw e;
        }
    }
}
