package db.migration;

import cn.daiban.security.privacy.PersonalDataSchema;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;

/** The privacy store (keys per data subject, blind index, access log), laid out where both sides read it. */
public class V60__personal_data extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(PersonalDataSchema.ddl("command_side"));
        }
    }
}
