package dev.daxspec.series.git;

import dev.daxspec.series.ChangeKind;
import dev.daxspec.series.ChangedFile;
import dev.daxspec.series.Diagnostic;
import dev.daxspec.series.Diagnostic.Severity;
import dev.daxspec.series.FixesRef;
import dev.daxspec.series.Series;
import dev.daxspec.series.SeriesCommit;
import dev.daxspec.series.SeriesException;
import dev.daxspec.series.SeriesException.Problem;
import dev.daxspec.series.Trailer;
import dev.daxspec.series.Trailers;
import dev.daxspec.series.diff.FileChangeAnalyzer;
import dev.daxspec.series.diff.SourceMapCache;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.attributes.Attribute;
import org.eclipse.jgit.diff.DiffDriver;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Reads a git range {@code BASE..HEAD} with JGit: the commits reachable from
 * HEAD and not from BASE, oldest first (topological order, reversed, as
 * {@code git log --reverse --topo-order BASE..HEAD}).
 *
 * <p>Which commits: by default ({@link Walk#ALL}) every non-merge commit in
 * the range, each diffed against its parent: these are the patches as
 * written, which is what a series is. A merge's own changes (conflict
 * resolutions) are not read; the number of merges skipped is reported as a
 * diagnostic. With {@link Walk#FIRST_PARENT} only the first-parent chain is
 * walked and each commit, merges included, is diffed against its first
 * parent: a merged topic branch then shows as one step.
 *
 * <p>Range syntax: {@code A..B}; an empty side means HEAD ({@code A..}); each
 * side is anything JGit resolves to a commit: branches, tags (peeled),
 * abbreviated ids, {@code HEAD~3}. {@code A...B} and single revisions are
 * refused: a single revision would mean all of history.
 *
 * <p>Renames are detected (JGit's default similarity, 60%). Each changed file
 * is read at both commits and analysed with {@link FileChangeAnalyzer}.
 * Stateless: each call opens and closes its own repository handle and keeps
 * its own caches, so calls may run concurrently.
 */
public final class RangeReader {

    /** Which commits of a range to read. */
    public enum Walk {
        /** All non-merge commits, each against its only parent. */
        ALL,
        /** The first-parent chain, merges included, each against its first parent. */
        FIRST_PARENT
    }

    private static final int MAX_BLOB = 64 << 20;

    private RangeReader() {}

    /**
     * Opens a repository: a work tree with {@code .git} (a directory or a
     * gitfile, as in linked worktrees) or a bare repository. Does not search
     * parent directories.
     *
     * @param path the repository
     * @return the opened repository; the caller closes it
     * @throws SeriesException if the path is not a git repository
     */
    public static Repository open(Path path) throws SeriesException {
        File dir = path.toFile();
        if (!Files.isDirectory(path)) {
            throw new SeriesException(
                    Problem.NOT_A_REPOSITORY, "not a git repository: " + path + " (no such directory)");
        }
        FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true);
        boolean bare = new File(dir, "objects").isDirectory() && new File(dir, "HEAD").isFile();
        if (bare) {
            b.setGitDir(dir);
        } else {
            b.setWorkTree(dir);
        }
        try {
            Repository r = b.build();
            if (r.getObjectDatabase() == null || !r.getObjectDatabase().exists()) {
                r.close();
                throw new SeriesException(Problem.NOT_A_REPOSITORY, "not a git repository: " + path);
            }
            return r;
        } catch (IOException | IllegalArgumentException e) {
            throw new SeriesException(Problem.NOT_A_REPOSITORY, "not a git repository: " + path, e);
        }
    }

    /**
     * Reads a range.
     *
     * @param repoPath the repository
     * @param range {@code BASE..HEAD}
     * @param walk which commits to read
     * @return the series, oldest commit first
     * @throws SeriesException if the path is not a repository or the range
     *     does not resolve
     */
    public static Series read(Path repoPath, String range, Walk walk) throws SeriesException {
        try (Repository repo = open(repoPath)) {
            return read(repo, repoPath.toString(), range, walk);
        }
    }

    /**
     * Reads a range from an open repository.
     *
     * @param repo the repository
     * @param name how to name the repository in messages
     * @param range {@code BASE..HEAD}
     * @param walk which commits to read
     * @return the series, oldest commit first
     * @throws SeriesException if the range does not resolve, or reading fails
     */
    public static Series read(Repository repo, String name, String range, Walk walk) throws SeriesException {
        String r = range.strip();
        if (r.contains("...")) {
            throw new SeriesException(
                    Problem.UNKNOWN_RANGE,
                    "unsupported range '" + range + "' in " + name
                            + ": use BASE..HEAD (symmetric differences are not series)");
        }
        int dots = r.indexOf("..");
        if (dots < 0) {
            throw new SeriesException(
                    Problem.UNKNOWN_RANGE, "not a range '" + range + "' in " + name + ": use BASE..HEAD");
        }
        String baseRev = r.substring(0, dots).isEmpty() ? Constants.HEAD : r.substring(0, dots);
        String headRev = r.substring(dots + 2).isEmpty() ? Constants.HEAD : r.substring(dots + 2);
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<SeriesCommit> commits = new ArrayList<>();
        ObjectId base;
        try (RevWalk rw = new RevWalk(repo);
                ObjectReader reader = repo.newObjectReader();
                DiffFormatter df = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            base = resolve(repo, baseRev, range, name);
            ObjectId head = resolve(repo, headRev, range, name);
            df.setRepository(repo);
            df.setDetectRenames(true);
            rw.sort(RevSort.TOPO, true);
            rw.sort(RevSort.REVERSE, true);
            rw.setFirstParent(walk == Walk.FIRST_PARENT);
            rw.markStart(rw.parseCommit(head));
            rw.markUninteresting(rw.parseCommit(base));
            SourceMapCache cache = new SourceMapCache(512);
            int merges = 0;
            for (RevCommit c : rw) {
                if (walk == Walk.ALL && c.getParentCount() > 1) {
                    merges++;
                    continue;
                }
                commits.add(commit(repo, rw, reader, df, cache, c, commits.size() + 1, diagnostics));
            }
            if (merges > 0) {
                diagnostics.add(new Diagnostic(
                        Severity.INFO,
                        "range " + range,
                        0,
                        merges
                                + " merge commit" + (merges == 1 ? "" : "s")
                                + " skipped: their changes are in the commits they merge"));
            }
            if (commits.isEmpty()) {
                diagnostics.add(new Diagnostic(Severity.WARNING, "range " + range, 0, "the range holds no commits"));
            }
        } catch (MissingObjectException e) {
            throw new SeriesException(
                    Problem.UNREADABLE,
                    "cannot read range '" + range + "' in " + name + ": missing object "
                            + e.getObjectId().name(),
                    e);
        } catch (IOException e) {
            throw new SeriesException(
                    Problem.UNREADABLE, "cannot read range '" + range + "' in " + name + ": " + e.getMessage(), e);
        }
        return new Series(
                "range " + range + " in " + name, Optional.empty(), commits, diagnostics, Optional.of(base.name()));
    }

    private static ObjectId resolve(Repository repo, String rev, String range, String name)
            throws SeriesException, IOException {
        try {
            ObjectId id = repo.resolve(rev + "^{commit}");
            if (id == null) {
                throw new SeriesException(
                        Problem.UNKNOWN_RANGE, "unknown revision '" + rev + "' in range '" + range + "' in " + name);
            }
            return id;
        } catch (AmbiguousObjectException e) {
            throw new SeriesException(
                    Problem.UNKNOWN_RANGE,
                    "ambiguous revision '" + rev + "' in range '" + range + "' in " + name + ": give more digits",
                    e);
        } catch (IncorrectObjectTypeException e) {
            throw new SeriesException(
                    Problem.UNKNOWN_RANGE,
                    "revision '" + rev + "' in range '" + range + "' in " + name + " is not a commit",
                    e);
        } catch (RevisionSyntaxException e) {
            throw new SeriesException(
                    Problem.UNKNOWN_RANGE, "bad revision '" + rev + "' in range '" + range + "' in " + name, e);
        }
    }

    private static SeriesCommit commit(
            Repository repo,
            RevWalk rw,
            ObjectReader reader,
            DiffFormatter df,
            SourceMapCache cache,
            RevCommit c,
            int index,
            List<Diagnostic> diagnostics)
            throws IOException {
        String shortId = c.getId().abbreviate(12).name();
        String source = shortId + " " + c.getShortMessage();
        RevCommit parent = c.getParentCount() == 0 ? null : rw.parseCommit(c.getParent(0));
        List<DiffEntry> entries = df.scan(parent == null ? null : parent.getTree(), c.getTree());
        List<ChangedFile> files = new ArrayList<>();
        for (DiffEntry e : entries) {
            if (e.getOldMode() == FileMode.GITLINK || e.getNewMode() == FileMode.GITLINK) {
                continue; // submodules
            }
            ChangeKind kind = FileChangeAnalyzer.kind(e.getChangeType());
            String oldPath = kind == ChangeKind.ADD ? null : e.getOldPath();
            String newPath = kind == ChangeKind.DELETE ? null : e.getNewPath();
            ObjectId oldId = kind == ChangeKind.ADD ? null : e.getOldId().toObjectId();
            ObjectId newId = kind == ChangeKind.DELETE ? null : e.getNewId().toObjectId();
            byte[] oldBytes = oldId == null ? new byte[0] : reader.open(oldId).getCachedBytes(MAX_BLOB);
            byte[] newBytes = newId == null ? new byte[0] : reader.open(newId).getCachedBytes(MAX_BLOB);
            files.add(FileChangeAnalyzer.fromContents(
                    oldPath, newPath, kind, oldId, oldBytes, newId, newBytes, driver(e), cache, source, diagnostics));
        }
        List<Trailer> trailers = Trailers.parse(c.getFullMessage());
        List<FixesRef> fixes = new ArrayList<>();
        for (FixesRef f : Trailers.fixes(trailers)) {
            fixes.add(resolveFixes(reader, f));
        }
        PersonIdent a = c.getAuthorIdent();
        String date = ZonedDateTime.ofInstant(a.getWhenAsInstant(), a.getZoneId())
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return new SeriesCommit(
                index,
                SeriesCommit.Origin.COMMIT,
                c.getId().name(),
                shortId,
                c.getShortMessage(),
                a.getName() + " <" + a.getEmailAddress() + ">",
                date,
                Optional.empty(),
                trailers,
                fixes,
                files);
    }

    /**
     * The diff driver the commit's {@code .gitattributes} gives the file ({@code *.[ch]
     * diff=cpp} in Linux), when JGit has one of that name: it names the hunks' functions as
     * git does.
     */
    private static Optional<DiffDriver> driver(DiffEntry e) {
        Attribute a = e.getDiffAttribute();
        if (a == null || a.getValue() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DiffDriver.valueOf(a.getValue()));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static FixesRef resolveFixes(ObjectReader reader, FixesRef f) {
        try {
            Collection<ObjectId> ids = reader.resolve(AbbreviatedObjectId.fromString(f.id()));
            if (ids.size() == 1) {
                ObjectId id = ids.iterator().next();
                if (reader.open(id).getType() == Constants.OBJ_COMMIT) {
                    return new FixesRef(f.id(), f.subject(), Optional.of(id.name()));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // unresolvable: keep the trailer as written
        }
        return f;
    }
}
