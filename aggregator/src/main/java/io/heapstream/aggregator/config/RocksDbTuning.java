package io.heapstream.aggregator.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;

/**
 * RocksDB for this workload: each store is written once per key and deleted at window close (samples,
 * windows), so memtables absorb most of it; one block cache for all stores of the instance bounds memory
 * (the default is 50 MB per store), LZ4 keeps the disk and changelog restore small.
 */
public final class RocksDbTuning implements RocksDBConfigSetter {
    public static final String BLOCK_CACHE_BYTES = "heapstream.rocksdb.block.cache.bytes";
    public static final String WRITE_BUFFER_BYTES = "heapstream.rocksdb.write.buffer.bytes";
    private static Cache sharedCache;
    private static long sharedCacheBytes;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long cacheBytes = number(configs.get(BLOCK_CACHE_BYTES), 64L << 20);
        long writeBuffer = number(configs.get(WRITE_BUFFER_BYTES), 16L << 20);
        var table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache(cacheBytes));
        table.setCacheIndexAndFilterBlocks(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferSize(writeBuffer);
        options.setMaxWriteBufferNumber(3);
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    @Override
    public void close(String storeName, Options options) {
        // the shared cache outlives single stores; it goes with the JVM
    }

    private static synchronized Cache cache(long bytes) {
        if (sharedCache == null || sharedCacheBytes != bytes) {
            sharedCache = new LRUCache(bytes);
            sharedCacheBytes = bytes;
        }
        return sharedCache;
    }

    private static long number(Object value, long fallback) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value == null ? fallback : Long.parseLong(value.toString());
    }
}
