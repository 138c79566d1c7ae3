package cn.daiban.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The command side: aggregates, process managers, deadlines and the command HTTP API (port 8080). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandSideApplication {

    /**
     * Axon's update checker calls AxonIQ (get.axoniq.io) at every start; the machines this runs on have no such
     * network access and each start logged an UnknownHostException. Off unless asked for: it stays on when
     * {@code -Daxoniq.update-checker.disabled=false} or the environment's {@code AXONIQ_UPDATE_CHECKER_DISABLED} says
     * so. (Axon 4.12's Spring property {@code axon.update-check.disabled} alone did not stop it.)
     */
    static void axonUpdateCheckOffUnlessAsked() {
        if (System.getProperty("axoniq.update-checker.disabled") == null
                && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static void main(String[] args) {
        axonUpdateCheckOffUnlessAsked();
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
