package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.mm.Mapping;
import java.util.Optional;

/** What mmap(2) returns: a mapping, or an errno. */
public record MmapResult(Optional<Mapping> mapping, Optional<Errno> errno) {

    static MmapResult of(Mapping m) {
        return new MmapResult(Optional.of(m), Optional.empty());
    }

    static MmapResult error(Errno e) {
        return new MmapResult(Optional.empty(), Optional.of(e));
    }
}
