package cn.daiban.query.web;

import cn.daiban.query.export.Exports;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The exports write straight to the response, so the OpenAPI document learns their content types from the
 * handlers' {@code @ApiResponse} annotations. One handler serves both {@code .csv} and {@code .xlsx} of a list and
 * its annotation names both types; here each of those paths keeps only the type its suffix answers with.
 */
@Component
class ExportOpenApi implements OpenApiCustomizer {

    /** As documented; the answer carries {@code ;charset=UTF-8} (and a BOM) too. */
    static final String CSV = "text/csv";
    static final String XLSX = Exports.XLSX;

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            String type = path.endsWith(".csv") ? CSV : path.endsWith(".xlsx") ? XLSX : null;
            Operation get = item.getGet();
            if (type == null || get == null || get.getResponses() == null) {
                return;
            }
            ApiResponse ok = get.getResponses().get("200");
            if (ok == null || ok.getContent() == null || !ok.getContent().containsKey(type)) {
                return;
            }
            // Fresh objects: springdoc may share one operation's parts between the paths of one handler.
            ApiResponses responses = new ApiResponses();
            get.getResponses().forEach(responses::addApiResponse);
            responses.addApiResponse("200", new ApiResponse().description(ok.getDescription())
                    .content(new Content().addMediaType(type, ok.getContent().get(type))));
            item.setGet(copyWith(get, responses));
        });
    }

    private static Operation copyWith(Operation get, ApiResponses responses) {
        return new Operation().tags(get.getTags()).summary(get.getSummary()).description(get.getDescription())
                .externalDocs(get.getExternalDocs()).operationId(get.getOperationId()).parameters(get.getParameters())
                .requestBody(get.getRequestBody()).responses(responses).callbacks(get.getCallbacks())
                .deprecated(get.getDeprecated()).security(get.getSecurity()).servers(get.getServers())
                .extensions(get.getExtensions());
    }
}
