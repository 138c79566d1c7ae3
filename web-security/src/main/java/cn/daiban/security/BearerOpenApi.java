package cn.daiban.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

/** The OpenAPI documents say every API call needs a bearer JWT, so Swagger UI offers "Authorize". */
final class BearerOpenApi implements OpenApiCustomizer {

    static final String SCHEME = "bearer-jwt";

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("A token of the province's identity provider; with the embedded profile, "
                        + "POST /api/dev/tokens {\"user\":\"village-agent\"} (GET /api/dev/users lists the sample users)"));
        openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
    }
}
