package cn.daiban.query.notification;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SMS-gateway sender and the texts an administrator can change without a rebuild. */
class NotificationSendingTest {

    static NotificationProperties properties(String templateDir) {
        return new NotificationProperties("log", null, templateDir, Duration.ofSeconds(1), 6, Duration.ofSeconds(5),
                "zh", 50, Duration.ofHours(24), true);
    }

    @Test
    void theGatewayGetsPhoneAndTextWithTheNotificationAsIdempotencyKeyAndAFailureIsAFailedAttempt() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger status = new AtomicInteger(200);
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/sms", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        gateway.start();
        try {
            SmsGatewaySender sender = new SmsGatewaySender("http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms");
            sender.send("event-1:accepted", "13912345678", "王秀英您好");
            assertThat(received).hasSize(1);
            assertThat(received.get(0)).startsWith("event-1:accepted ").contains("\"phone\":\"13912345678\"")
                    .contains("王秀英您好");
            status.set(503);
            assertThatThrownBy(() -> sender.send("event-2:accepted", "13912345678", "…")).isInstanceOf(RuntimeException.class);
        } finally {
            gateway.stop(0);
        }
    }

    @Test
    void anAdministratorsTextReplacesTheShippedOneAndTheRestStayShipped(@TempDir Path dir) throws IOException {
        NotificationTemplates shipped = new NotificationTemplates(properties(null));
        assertThat(shipped.render("zh", "completed", Map.of("client", "王秀英", "item", "参保登记", "result", "已登记")))
                .isEqualTo("王秀英您好，您委托的“参保登记”已办结：已登记。");
        Files.writeString(dir.resolve("templates_zh.properties"), "completed={client}，{item}办好了：{result}\n",
                StandardCharsets.UTF_8);
        NotificationTemplates changed = new NotificationTemplates(properties(dir.toString()));
        assertThat(changed.render("zh", "completed", Map.of("client", "王秀英", "item", "参保登记", "result", "已登记")))
                .isEqualTo("王秀英，参保登记办好了：已登记");
        assertThat(changed.render("zh", "failed", Map.of("client", "王秀英", "item", "参保登记", "reason", "材料不符")))
                .contains("未能办成：材料不符");
        assertThat(changed.render("en", "completed", Map.of("client", "Wang", "item", "X", "result", "done")))
                .isNotBlank();
    }

    @Test
    void anOverrideChangedWhileRunningAppliesToTheNextNotification(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("templates_zh.properties");
        Files.writeString(file, "completed={client}，{item}办好了\n", StandardCharsets.UTF_8);
        NotificationTemplates templates = new NotificationTemplates(properties(dir.toString()));
        Map<String, String> values = Map.of("client", "王秀英", "item", "参保登记", "result", "已登记");
        assertThat(templates.render("zh", "completed", values)).isEqualTo("王秀英，参保登记办好了");

        Files.writeString(file, "completed={client}：{item}已经办结，结果：{result}\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(file).toMillis() + 2_000));
        assertThat(templates.render("zh", "completed", values)).isEqualTo("王秀英：参保登记已经办结，结果：已登记");

        Files.delete(file);
        assertThat(templates.render("zh", "completed", values)).isEqualTo("王秀英您好，您委托的“参保登记”已办结：已登记。");
    }
}
