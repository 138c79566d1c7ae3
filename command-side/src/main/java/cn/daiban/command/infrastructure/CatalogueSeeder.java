package cn.daiban.command.infrastructure;

import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.kernel.catalogue.PublishServiceItemCommand;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Publishes the starter catalogue ({@code classpath:catalogue/starter-catalogue.json}: 25 common matters at
 * village, township and county level) when an item is not in the catalogue yet, marked as sample data in its
 * events, so the system is useful out of the box.
 */
@Component
@Order(2)
class CatalogueSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CatalogueSeeder.class);

    private final SeedProperties seed;
    private final ServiceItemCatalog catalog;
    private final SystemCommands commands;
    private final ObjectMapper json;

    CatalogueSeeder(SeedProperties seed, ServiceItemCatalog catalog, SystemCommands commands, ObjectMapper json) {
        this.seed = seed;
        this.catalog = catalog;
        this.commands = commands;
        this.json = json;
    }

    record StarterCatalogue(String note, List<StarterItem> items) {
    }

    record StarterItem(ServiceItemCode code, ServiceItemDefinition definition) {
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!seed.catalogue()) {
            return;
        }
        StarterCatalogue starter;
        try (InputStream in = new ClassPathResource("catalogue/starter-catalogue.json").getInputStream()) {
            starter = json.readValue(in, StarterCatalogue.class);
        }
        int published = 0;
        for (StarterItem item : starter.items()) {
            if (catalog.find(item.code()).isPresent()) {
                continue;
            }
            if (commands.createOnce(new PublishServiceItemCommand(item.code(), item.definition(), true))) {
                published++;
            } else {
                // Published already (another node, or the events outlived the look-up row): take the row from them.
                commands.ensureLookUp(item.code().toString(), JdbcServiceItemCatalog.PROCESSING_GROUP,
                        () -> catalog.find(item.code()).isPresent());
            }
        }
        if (published > 0) {
            log.info("published {} items of the starter catalogue (sample data)", published);
        }
    }
}
