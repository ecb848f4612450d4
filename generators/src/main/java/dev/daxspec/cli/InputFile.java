package dev.daxspec.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any slow work, that a file an option names is there to be read. */
final class InputFile {

    private InputFile() {}

    /**
     * Checks that {@code file} is a regular file daxspec can read.
     *
     * @param option the option that named it, e.g. {@code --mbox}, for the message
     * @param what what the option takes, for the message, e.g. {@code an mbox, an .eml or a .patch}
     * @throws UserError naming the option, the file and what is wrong: {@code --mbox nowhere: no
     *     such file; give an mbox, an .eml or a .patch}
     */
    static void checkReadable(String option, Path file, String what) {
        String problem = !Files.exists(file)
                ? "no such file"
                : Files.isDirectory(file)
                        ? "is a directory"
                        : !Files.isRegularFile(file)
                                ? "not a regular file"
                                : !Files.isReadable(file) ? "cannot read it (permission denied)" : null;
        if (problem != null) {
            throw new UserError(option + " " + file + ": " + problem + "; give " + what);
        }
    }
}
