package dev.daxspec.cli;

import dev.daxspec.conform.CaseFileParser;
import dev.daxspec.conform.ConformanceCase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads conformance case files and picks cases by name: shared by conform and generate. */
final class CaseSelection {

    private CaseSelection() {
    }

    /**
     * The cases in {@code paths} (files, or directories searched for {@code *.case}, in
     * name order; {@code fixtures/conformance} when empty) whose name matches one of
     * {@code globs} (all when empty).
     *
     * @throws UserError for a missing path, problems in the files (each printed to
     *     {@code err} as {@code file:line: message}) or no case selected
     */
    static List<ConformanceCase> load(List<Path> paths, List<String> globs, PrintWriter err) throws IOException {
        List<Path> roots = paths.isEmpty() ? List.of(Path.of("fixtures/conformance")) : paths;
        List<Path> files = new ArrayList<>();
        for (Path p : roots) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".case")).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new UserError(p + ": no such case file or directory");
            }
        }
        CaseFileParser parser = new CaseFileParser();
        for (Path f : files) {
            parser.parse(f);
        }
        if (!parser.problems().isEmpty()) {
            parser.problems().forEach(p -> err.println("daxspec: " + p));
            err.flush();
            throw new UserError(parser.problems().size() + " problem(s) in the case files; nothing was done");
        }
        List<ConformanceCase> cases = parser.cases().stream().filter(c -> selected(c, globs)).toList();
        if (cases.isEmpty()) {
            throw new UserError("no case" + (globs.isEmpty() ? " in " + roots : " matches " + globs));
        }
        return cases;
    }

    private static boolean selected(ConformanceCase c, List<String> globs) {
        if (globs.isEmpty()) {
            return true;
        }
        for (String glob : globs) {
            String re = glob.replace(".", "\\.").replace("*", ".*").replace("?", ".");
            if (c.name().matches(re) || c.name().matches(re + "@.*")) {
                return true;
            }
        }
        return false;
    }
}
