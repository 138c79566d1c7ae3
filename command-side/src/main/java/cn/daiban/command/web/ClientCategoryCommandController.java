package cn.daiban.command.web;

import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import cn.daiban.kernel.clientcategory.ClientCategoryGroup;
import cn.daiban.kernel.clientcategory.DefineClientCategoryCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The client-category list (`002 服务对象`): reference data administrators extend. */
@RestController
@RequestMapping("/api/client-categories")
@Tag(name = "Client categories", description = "服务对象 categories a client carries: 重点企业和重大项目, 高端人才, 残疾人, 老人, 孕妇, 军人, 特事特办 …")
class ClientCategoryCommandController {

    private final CommandDispatcher dispatcher;
    private final CommandRequest.Factory requests;

    ClientCategoryCommandController(CommandDispatcher dispatcher, CommandRequest.Factory requests) {
        this.dispatcher = dispatcher;
        this.requests = requests;
    }

    record DefinitionRequest(ClientCategoryCode code, String label, ClientCategoryGroup group) {
    }

    @PostMapping
    @Operation(summary = "Add a client category to the list (administrators)")
    ResponseEntity<CommandAcknowledgement> define(@RequestBody DefinitionRequest body) {
        String code = body.code() == null ? null : body.code().value();
        return Responses.created("/api/client-categories/" + code, dispatcher.send(requests.of(body), code,
                () -> new DefineClientCategoryCommand(body.code(), body.label(), body.group(), false)));
    }
}
