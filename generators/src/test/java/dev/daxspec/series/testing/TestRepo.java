package dev.daxspec.series.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real git repository in a temporary directory, built by scripted commits
 * with fixed identities and times so that commit ids are the same on every
 * run.
 */
public final class TestRepo implements AutoCloseable {

    private final Path dir;
    private final Git git;
    private long clock = 1_700_000_000L;

    private TestRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    /**
     * @param dir an empty directory
     * @return a new repository with branch master
     */
    public static TestRepo init(Path dir) {
        try {
            return new TestRepo(
                    dir,
                    Git.init()
                            .setDirectory(dir.toFile())
                            .setInitialBranch("master")
                            .call());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Git git() {
        return git;
    }

    /** Copies a fixture tree (a directory of files) into the work tree. */
    public TestRepo copyTree(Path tree) {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                Path to = dir.resolve(tree.relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String read(String path) {
        try {
            return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestRepo write(String path, String content) {
        try {
            Path p = dir.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces exactly one occurrence of {@code from} in a file. */
    public TestRepo replace(String path, String from, String to) {
        String s = read(path);
        int at = s.indexOf(from);
        if (at < 0 || s.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("'" + from + "' is not unique in " + path);
        }
        return write(path, s.substring(0, at) + to + s.substring(at + from.length()));
    }

    public TestRepo delete(String path) {
        try {
            git.rm().addFilepattern(path).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public TestRepo move(String from, String to) {
        write(to, read(from));
        return delete(from);
    }

    /** Stages everything and commits with a fixed author and an advancing clock. */
    public RevCommit commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().setUpdate(true).addFilepattern(".").call();
            clock += 3600;
            PersonIdent who = new PersonIdent(
                    "Series Tester", "tester@example.org", Instant.ofEpochSecond(clock), ZoneOffset.ofHours(1));
            return git.commit()
                    .setMessage(message)
                    .setAuthor(who)
                    .setCommitter(who)
                    .setSign(false)
                    .call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestRepo tag(String name) {
        try {
            git.tag().setName(name).setAnnotated(false).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /**
     * The dax-mini tree tagged {@code v6.1-mini}, then one commit that relaxes the EOF check
     * of dax_iomap_pmd_fault: the range {@code v6.1-mini..HEAD} of a series the EOF
     * scenarios guard.
     */
    public static TestRepo relaxedEofCheck(Path dir, String message) {
        TestRepo repo = init(dir);
        repo.copyTree(Fixtures.series("trees/dax-mini")).commit("base");
        repo.tag("v6.1-mini");
        repo.replace("fs/dax.c", "\tif (xas.xa_index >= max_pgoff)\n", "\tif (xas.xa_index > max_pgoff)\n");
        repo.commit(message);
        return repo;
    }

    @Override
    public void close() {
        git.close();
    }
}
