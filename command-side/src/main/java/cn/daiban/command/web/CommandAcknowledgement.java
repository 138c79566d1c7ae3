package cn.daiban.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** What every command answers: the id of what it created or changed, and that thing's version after it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandAcknowledgement(
        @Schema(description = "id of the aggregate the command created or changed", example = "140521101001")
        String id,
        @Schema(description = "the aggregate's version after the command; send it back as If-Match to guard the next step",
                example = "0")
        long version,
        @Schema(description = "id of a part the command created inside the aggregate (a change application …), if any")
        String reference) {

    public CommandAcknowledgement(String id, long version) {
        this(id, version, null);
    }
}
