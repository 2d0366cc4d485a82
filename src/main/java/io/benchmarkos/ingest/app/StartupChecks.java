package io.benchmarkos.ingest.app;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fails start-up at once, with what to do, where a second instance would otherwise half-start: servers that
 * cannot bind their port keep running without it, and a broker journal locked by another process makes the
 * embedded broker wait forever.
 */
final class StartupChecks {

    private StartupChecks() {
    }

    /** Every named port must be free on 127.0.0.1 (0 means "any free port" and is skipped). */
    static void requireFreePorts(Map<String, Integer> portsByProperty) {
        Map<String, Integer> busy = new LinkedHashMap<>();
        portsByProperty.forEach((property, port) -> {
            if (port != null && port > 0 && !isFree(port)) {
                busy.put(property, port);
            }
        });
        if (!busy.isEmpty()) {
            StringBuilder message = new StringBuilder("ports already in use on 127.0.0.1: ");
            busy.forEach((property, port) -> message.append(port).append(" (").append(property).append(") "));
            message.append("- is another benchmarkos-ingest running? Stop it, use the client commands against it")
                    .append(" (submit, ask, status), or choose other ports, e.g. -P ")
                    .append(busy.keySet().iterator().next()).append("=<port>");
            throw new InstanceConflictException(InstanceConflictException.Held.PORTS, message.toString());
        }
    }

    /** The broker journal under {@code dataDir} must not be held by another process. */
    static void requireUnlockedJournal(Path dataDir) throws IOException {
        // Artemis holds its live lock on serverlock.1 in the journal folder for as long as the broker runs.
        Path lockFile = dataDir.resolve("journal").resolve("serverlock.1");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileChannel channel = file.getChannel()) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDir);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDir);
        }
    }

    private static InstanceConflictException inUse(Path dataDir) {
        return new InstanceConflictException(InstanceConflictException.Held.BROKER_JOURNAL, "the broker journal in "
                + dataDir.toAbsolutePath() + " is in use by"
                + " another process - is another benchmarkos-ingest running from this folder? Stop it, or give this one"
                + " its own folder with -P benchmarkos.data-dir=<dir>");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
