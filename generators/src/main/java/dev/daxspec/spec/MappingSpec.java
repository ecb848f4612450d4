package dev.daxspec.spec;

import dev.daxspec.oracle.ops.Mmap;

/**
 * A mapping a scenario declares ({@code When the file is mapped shared for 2 pages}): what
 * each xfs_io process that touches the mapping maps first. Immutable.
 *
 * @param offset file offset, page aligned
 * @param length bytes
 * @param kind how it is mapped
 */
record MappingSpec(long offset, long length, Kind kind) {

    /** How a file is mapped; xfs_io maps MAP_SHARED, daxspec-probe MAP_PRIVATE. */
    enum Kind {
        /** {@code mmap}: read, write and execute. */
        SHARED,
        /** {@code mmap -r}. */
        READ_ONLY,
        /** {@code mmap -S}: MAP_SHARED_VALIDATE | MAP_SYNC, read, write and execute. */
        SYNC,
        /** {@code mmap -p} (daxspec-probe): MAP_PRIVATE, read, write and execute; stores copy the page. */
        PRIVATE
    }

    Mmap mmap() {
        return new Mmap(kind == Kind.READ_ONLY, false, false, kind == Kind.SYNC, kind == Kind.PRIVATE, offset, length);
    }

    boolean covers(long pos, long len) {
        return pos >= offset && pos + len <= offset + length;
    }
}
