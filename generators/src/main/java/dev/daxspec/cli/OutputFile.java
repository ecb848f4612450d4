package dev.daxspec.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any slow work, that a file an option names can be written when the work is done. */
final class OutputFile {

    private OutputFile() {}

    /**
     * Checks, as {@link #checkWritable} does for a file, that a directory tree written whole
     * ({@code emit}'s atomic tree) can go to {@code dir}: it does not exist, or is an empty
     * directory or one holding {@code marker}, a tree written there before.
     */
    static void checkTree(String option, Path dir, String marker) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(option + " " + dir + ": exists and is not a directory");
        }
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(marker))) {
            try (java.util.stream.Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new UserError(option + " " + dir + ": exists and is not a suite daxspec wrote (no " + marker
                            + "); choose another directory or remove it");
                }
            } catch (java.io.IOException e) {
                throw new UserError(option + " " + dir + ": " + e.getMessage());
            }
        }
        checkWritable(option, dir.resolve(marker));
    }

    /**
     * Checks that files can be written into {@code dir}: it is a directory, or it can be
     * created (as {@link #checkWritable} checks a file). Touches nothing.
     *
     * @param option the option that named the directory, e.g. {@code --record}, for the message
     * @throws UserError naming the option and the directory otherwise
     */
    static void checkDirectory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(option + " " + dir + ": exists and is not a directory");
        }
        if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
            throw new UserError(option + " " + dir + ": cannot write there (it is not writable)");
        }
        if (!Files.exists(dir)) {
            checkWritable(option, dir);
        }
    }

    /**
     * Checks that {@code file} can be created or replaced: it is not a directory, and its
     * nearest existing ancestor is a writable directory (missing directories below it are
     * created when the file is written). Touches nothing.
     *
     * @param option the option that named the file, e.g. {@code --junit}, or {@code --plugin
     *     html:} for a plugin's file, for the message
     * @throws UserError naming the option and the file otherwise
     */
    static void checkWritable(String option, Path file) {
        // --junit FILE, or a Cucumber plugin's --plugin html:FILE
        String given = option.endsWith(":") ? option + file : option + " " + file;
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new UserError(given + ": is a directory; give a file name");
        }
        Path dir = abs.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserError(given + ": " + dir + " is not a directory");
        }
        if (!Files.isWritable(dir) || Files.exists(abs) && !Files.isWritable(abs)) {
            throw new UserError(
                    given + ": cannot write there (" + (Files.exists(abs) ? abs : dir) + " is not writable)");
        }
    }
}
