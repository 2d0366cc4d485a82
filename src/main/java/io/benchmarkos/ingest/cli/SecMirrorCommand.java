package io.benchmarkos.ingest.cli;

import io.benchmarkos.ingest.tools.SecMirror;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sec-mirror", mixinStandardHelpOptions = true,
        description = "Serve a folder of SEC files on 127.0.0.1 under SEC's URL paths (for machines without internet).")
final class SecMirrorCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Folder with tickers/ or files/, submissions/, companyfacts/")
    Path root;

    @Option(names = "--port", description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    int port = 8089;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(root)) {
            System.err.println("not a folder: " + root);
            return 2;
        }
        if (port < 0 || port > 65535) {
            System.err.println("--port must be from 0 to 65535 (0: any free port), not " + port);
            return 2;
        }
        SecMirror mirror;
        try {
            mirror = new SecMirror(root, port).start();
        } catch (IOException e) {
            System.err.println("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + "): is another mirror"
                    + " running there? Choose another --port, or 0 for any free one");
            return 3;
        }
        System.err.println("SEC mirror at " + mirror.baseUrl() + " — start the app with -P sec.www-base-url="
                + mirror.baseUrl() + " -P sec.data-base-url=" + mirror.baseUrl()
                + " (and -P quotes.enabled=false on a machine without internet)");
        Thread.currentThread().join();
        return 0;
    }
}
