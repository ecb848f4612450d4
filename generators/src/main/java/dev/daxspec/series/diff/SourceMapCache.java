package dev.daxspec.series.diff;

import dev.daxspec.series.clang.CFunctionLocator;
import dev.daxspec.series.clang.CSourceMap;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * Remembers the function maps of recently scanned files by blob id: in a
 * range, the new version of a file in one commit is the old version in the
 * next. Bounded (least recently used out). Not thread-safe: one per reader.
 */
public final class SourceMapCache {

    private final int capacity;
    private final Map<ObjectId, CSourceMap> maps;
    private final ObjectInserter.Formatter ids = new ObjectInserter.Formatter();
    private int hits;
    private int misses;

    /** @param capacity how many maps to keep */
    public SourceMapCache(int capacity) {
        this.capacity = capacity;
        this.maps = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ObjectId, CSourceMap> e) {
                return size() > SourceMapCache.this.capacity;
            }
        };
    }

    /**
     * @param id the blob id of {@code content}, or null to compute it
     * @param content the file's bytes
     * @return the file's function map
     */
    public CSourceMap map(ObjectId id, byte[] content) {
        ObjectId key = id != null ? id : ids.idFor(Constants.OBJ_BLOB, content);
        CSourceMap m = maps.get(key);
        if (m == null) {
            misses++;
            m = CFunctionLocator.locate(decode(content));
            maps.put(key.copy(), m);
        } else {
            hits++;
        }
        return m;
    }

    /** @return how many lookups found a map */
    public int hits() {
        return hits;
    }

    /** @return how many lookups scanned a file */
    public int misses() {
        return misses;
    }

    /**
     * Decodes a C file as every reader of series does. Kernel sources are
     * UTF-8 with the odd Latin-1 comment; a lossless single-byte decoding
     * keeps line structure and ASCII syntax exact.
     *
     * @param content the file's bytes
     * @return its text, one char per byte
     */
    public static String decode(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1);
    }
}
