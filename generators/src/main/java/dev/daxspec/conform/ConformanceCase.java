package dev.daxspec.conform;

import dev.daxspec.oracle.program.Program;
import java.nio.file.Path;

/**
 * One conformance case: a program run both on the oracle and on a real kernel, whose
 * transcripts must match.
 *
 * @param name unique name, e.g. {@code pwrite-unaligned@ext4-pmem-dax=always-4096}
 * @param file the case file it comes from
 * @param line the line of its {@code case} header
 * @param about what it checks, with the seed or rule behind it
 */
public record ConformanceCase(String name, Path file, int line, String about, Program program) {

    /** {@code file:line}, for messages. */
    public String where() {
        return file + ":" + line;
    }
}
