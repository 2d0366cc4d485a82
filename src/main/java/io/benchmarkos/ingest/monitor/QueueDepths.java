package io.benchmarkos.ingest.monitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Messages waiting in the broker's queues, read from the embedded broker or asked of a standalone one. */
public interface QueueDepths {

    /** Messages in the queue now (delivered-but-unacknowledged included, as Artemis counts them). */
    long depth(String queue) throws Exception;

    /** Whether the broker answers at all; the message says why not. */
    void ping() throws Exception;

    /** Depths of several queues; a queue the broker does not know reads -1. */
    default Map<String, Long> depths(List<String> queues) throws Exception {
        Map<String, Long> depths = new LinkedHashMap<>();
        for (String queue : queues) {
            depths.put(queue, depth(queue));
        }
        return depths;
    }
}
