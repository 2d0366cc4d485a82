package io.benchmarkos.ingest.cli;

import io.benchmarkos.ingest.app.IngestApp;
import io.benchmarkos.ingest.app.InstanceConflictException;
import io.benchmarkos.ingest.tools.SecMirror;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "One-shot run on the embedded default: start the app in this JVM, send the job over JMS, wait"
            + " for its completion event, print the outcome and phase-1 metrics, and stop.")
final class IngestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TICKER_OR_CIK", description = "e.g. MSFT, BRK.B or 789019")
    String company;

    @Option(names = "--sec-mirror", paramLabel = "DIR",
            description = "Serve SEC files from this folder on 127.0.0.1 instead of SEC (machines without internet);"
                    + " quotes are then off unless -P quotes.enabled=true")
    Path mirrorDir;

    @Option(names = "-P", paramLabel = "KEY=VALUE", description = "Override a property")
    Map<String, String> overrides = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        // A one-shot run prints its outcome; Camel's start/stop lines and the broker's shutdown chatter are noise here.
        System.setProperty("benchmarkos.log.camel", System.getProperty("benchmarkos.log.camel", "WARN"));
        System.setProperty("benchmarkos.log.broker", System.getProperty("benchmarkos.log.broker", "ERROR"));
        SecMirror mirror = null;
        if (mirrorDir != null) {
            if (!Files.isDirectory(mirrorDir)) {
                System.err.println("not a folder: " + mirrorDir);
                return 2;
            }
            mirror = new SecMirror(mirrorDir, 0).start();
            overrides.put("sec.www-base-url", mirror.baseUrl());
            overrides.put("sec.data-base-url", mirror.baseUrl());
            // A mirror stands in for the network: do not reach for the quote source either, unless asked to.
            overrides.putIfAbsent("quotes.enabled", "false");
        }
        try (IngestApp app = new IngestApp("embedded", overrides).start()) {
            String broker = "--broker-url=tcp://127.0.0.1:" + app.property("broker.port");
            int outcome = new CommandLine(new SubmitCommand()).execute(company, "--wait", broker);
            if (outcome == 0) {
                new CommandLine(new AskCommand()).execute("metrics", "for", company, "phase", "1", "--no-wait",
                        broker);
            }
            return outcome;
        } catch (RuntimeException e) {
            System.err.println("could not start the embedded app: " + ServeCommand.rootMessage(e));
            String hint = ServeCommand.isInstanceConflict(e) ? "To send the job to the app that is running: submit "
                    + company + " --wait" + runningBroker(e)
                    + " (it fetches from the SEC URLs it was started with)" : ServeCommand.startHint(e, "");
            System.err.println(hint);
            return 1;
        } finally {
            if (mirror != null) {
                mirror.close();
            }
        }
    }

    /**
     * The running app's broker, as far as the refusal tells: when this start found its broker port taken, that app
     * most likely holds it; when it found the data folder taken, the running app's port is not known here.
     */
    private String runningBroker(RuntimeException refusal) {
        String brokerPort = overrides.get("broker.port");
        boolean portsTaken = ServeCommand.instanceConflict(refusal)
                .filter(conflict -> conflict.held() == InstanceConflictException.Held.PORTS).isPresent();
        if (portsTaken && brokerPort != null) {
            return " --broker-url=tcp://127.0.0.1:" + brokerPort;
        }
        return brokerPort == null ? "" : " --broker-url=tcp://127.0.0.1:<the running app's broker.port>";
    }
}
