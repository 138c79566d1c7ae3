package cn.daiban.command.infrastructure;

import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.catalogue.ServiceItemPublishedEvent;
import cn.daiban.kernel.catalogue.ServiceItemRevisedEvent;
import cn.daiban.kernel.catalogue.ServiceItemWithdrawnEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The current revision of each service item, kept in the publishing command's own transaction. */
@Component
@ProcessingGroup(JdbcServiceItemCatalog.PROCESSING_GROUP)
class JdbcServiceItemCatalog implements ServiceItemCatalog {

    static final String PROCESSING_GROUP = "catalogue-registry";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    JdbcServiceItemCatalog(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<PublishedServiceItem> find(ServiceItemCode code) {
        return jdbc.sql("select code, revision, definition, withdrawn from catalogue_registry where code = ?")
                .param(code.value())
                .query((rs, n) -> new PublishedServiceItem(ServiceItemCode.of(rs.getString(1)), rs.getInt(2),
                        read(rs.getString(3)), rs.getBoolean(4)))
                .optional();
    }

    @EventHandler
    void on(ServiceItemPublishedEvent event) {
        upsert(event.code(), event.revision(), event.definition());
    }

    @EventHandler
    void on(ServiceItemRevisedEvent event) {
        upsert(event.code(), event.revision(), event.definition());
    }

    @EventHandler
    void on(ServiceItemWithdrawnEvent event) {
        jdbc.sql("update catalogue_registry set withdrawn = true where code = ?").param(event.code().value()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from catalogue_registry").update();
    }

    private void upsert(ServiceItemCode code, int revision, ServiceItemDefinition definition) {
        jdbc.sql("""
                        insert into catalogue_registry (code, revision, definition, withdrawn)
                        values (?, ?, cast(? as jsonb), false)
                        on conflict (code) do update set revision = excluded.revision, definition = excluded.definition""")
                .params(code.value(), revision, write(definition))
                .update();
    }

    private String write(ServiceItemDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parsed definitions by their stored JSON text: the row is still read on every use (a revision or withdrawal
     * counts from the next command on, on every node), only the parsing of a text already parsed is saved. A
     * definition is an immutable record (its collections copied in its constructor), so one instance can be shared.
     * Bounded: emptied when it holds {@value #PARSED_MAX} texts (the catalogue holds a few hundred items).
     */
    private static final int PARSED_MAX = 2_000;
    private final Map<String, ServiceItemDefinition> parsed = new ConcurrentHashMap<>();

    private ServiceItemDefinition read(String definition) {
        ServiceItemDefinition known = parsed.get(definition);
        if (known != null) {
            return known;
        }
        try {
            ServiceItemDefinition read = json.readValue(definition, ServiceItemDefinition.class);
            if (parsed.size() >= PARSED_MAX) {
                parsed.clear();
            }
            parsed.put(definition, read);
            return read;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
