package io.benchmarkos.ingest.imports;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Peak heap use of a stretch of work, from the GC beans: heap occupancy is highest just before a collection, so
 * the largest before-GC total is the peak, and the largest after-GC total the live set. Used by the benchmark.
 */
final class HeapWatch implements NotificationListener, AutoCloseable {

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peakBeforeGc = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final AtomicLong gcMillis = new AtomicLong();

    HeapWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(this, null, null);
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        peakBeforeGc.accumulateAndGet(heapTotal(info.getMemoryUsageBeforeGc()), Math::max);
        peakAfterGc.accumulateAndGet(heapTotal(info.getMemoryUsageAfterGc()), Math::max);
        collections.incrementAndGet();
        gcMillis.addAndGet(info.getDuration());
    }

    private long heapTotal(Map<String, MemoryUsage> usage) {
        return usage.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    /** The peak: the largest of the before-GC totals and the heap in use now (work after the last GC). */
    long peakBytes() {
        return Math.max(peakBeforeGc.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    long liveBytes() {
        return peakAfterGc.get();
    }

    long collections() {
        return collections.get();
    }

    long gcMillis() {
        return gcMillis.get();
    }

    @Override
    public void close() throws Exception {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).removeNotificationListener(this);
        }
    }
}
