package cn.daiban.command.web;

import cn.daiban.kernel.catalogue.PublishServiceItemCommand;
import cn.daiban.kernel.catalogue.ReviseServiceItemCommand;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.catalogue.WithdrawServiceItemCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The service-item catalogue (事项清单): publish, revise (every revision kept), withdraw. */
@RestController
@RequestMapping("/api/catalogue/items")
@Tag(name = "Catalogue", description = "事项清单: service items with materials, time limits, statutory fees")
class CatalogueCommandController {

    private final CommandDispatcher dispatcher;
    private final CommandRequest.Factory requests;

    CatalogueCommandController(CommandDispatcher dispatcher, CommandRequest.Factory requests) {
        this.dispatcher = dispatcher;
        this.requests = requests;
    }

    record PublishRequest(ServiceItemCode code, ServiceItemDefinition definition) {
        PublishRequest {
            cn.daiban.kernel.common.Require.present(code, "code");
            cn.daiban.kernel.common.Require.present(definition, "definition");
        }
    }

    @PostMapping
    @Operation(summary = "Publish a service item")
    ResponseEntity<CommandAcknowledgement> publish(@RequestBody PublishRequest body) {
        return Responses.created("/api/catalogue/items/" + body.code(), dispatcher.send(requests.of(body),
                body.code().value(), () -> new PublishServiceItemCommand(body.code(), body.definition(), false)));
    }

    record RevisionRequest(ServiceItemDefinition definition, String reason) {
    }

    @PostMapping("/{code}/revisions")
    @Operation(summary = "Revise a service item; commissioned delegations keep what they were promised")
    ResponseEntity<CommandAcknowledgement> revise(@PathVariable String code, @RequestBody RevisionRequest body) {
        ServiceItemCode item = ServiceItemCode.of(code);
        return Responses.ok(dispatcher.send(requests.of(body), code,
                () -> new ReviseServiceItemCommand(item, body.definition(), body.reason())));
    }

    record WithdrawalRequest(String reason) {
    }

    @PostMapping("/{code}/withdrawal")
    @Operation(summary = "Withdraw a service item")
    ResponseEntity<CommandAcknowledgement> withdraw(@PathVariable String code, @RequestBody WithdrawalRequest body) {
        ServiceItemCode item = ServiceItemCode.of(code);
        return Responses.ok(dispatcher.send(requests.of(body), code,
                () -> new WithdrawServiceItemCommand(item, body.reason())));
    }
}
