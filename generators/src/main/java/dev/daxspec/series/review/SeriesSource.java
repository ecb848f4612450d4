package dev.daxspec.series.review;

import dev.daxspec.series.Series;
import dev.daxspec.series.SeriesException;
import dev.daxspec.series.calls.CallGraph;
import dev.daxspec.series.git.RangeReader;
import dev.daxspec.series.git.TreeReader;
import dev.daxspec.series.mail.MailSeriesReader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Where a series comes from: a git range or patch mail. The entry point for
 * {@code daxspec series}.
 *
 * <pre>{@code
 * Series s = SeriesSource.fromRange(Path.of("/src/linux"), "v6.0..v6.1");
 * Series m = SeriesSource.fromMbox(Path.of("xip.mbox"), Optional.of(Path.of("/src/linux")));
 * }</pre>
 *
 * <p>Every user error is a {@link SeriesException} whose message is one line
 * naming the range, repository, file or message at fault. Stateless and
 * thread-safe; each call opens and closes what it reads.
 */
public final class SeriesSource {

    private SeriesSource() {}

    /**
     * Reads the non-merge commits of {@code BASE..HEAD}, oldest first. See
     * {@link RangeReader} for the range syntax and why merges are skipped.
     *
     * @param repo a git work tree, {@code .git} directory or bare repository
     * @param range {@code BASE..HEAD}; tags, branches, abbreviated ids and
     *     {@code HEAD~3} work on either side
     * @return the series
     * @throws SeriesException if {@code repo} is not a repository
     *     ({@link SeriesException.Problem#NOT_A_REPOSITORY}) or the range does
     *     not resolve ({@link SeriesException.Problem#UNKNOWN_RANGE})
     */
    public static Series fromRange(Path repo, String range) throws SeriesException {
        return fromRange(repo, range, RangeReader.Walk.ALL);
    }

    /**
     * Reads a range, choosing which commits.
     *
     * @param repo a git repository
     * @param range {@code BASE..HEAD}
     * @param walk all non-merge commits, or the first-parent chain
     * @return the series
     * @throws SeriesException as {@link #fromRange(Path, String)}
     */
    public static Series fromRange(Path repo, String range, RangeReader.Walk walk) throws SeriesException {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(walk, "walk");
        return RangeReader.read(repo, range, walk);
    }

    /**
     * Reads patch mail: an mbox, a single message or a bare patch. With a
     * repository each patch must apply, in order, to its HEAD.
     *
     * @param mbox the file
     * @param repo the repository to check the patches against, if any
     * @return the series
     * @throws SeriesException if the file holds no patch
     *     ({@link SeriesException.Problem#NO_PATCHES}), cannot be read, or a
     *     patch does not apply ({@link SeriesException.Problem#PATCH_DOES_NOT_APPLY})
     */
    public static Series fromMbox(Path mbox, Optional<Path> repo) throws SeriesException {
        return fromMbox(mbox, repo, "HEAD");
    }

    /**
     * Reads patch mail and applies it to a given base revision of the repository.
     *
     * @param mbox the file
     * @param repo the repository to check the patches against, if any
     * @param base the revision the first patch applies to (ignored without a repository)
     * @return the series
     * @throws SeriesException as {@link #fromMbox(Path, Optional)}, or if the
     *     base does not resolve ({@link SeriesException.Problem#UNKNOWN_RANGE})
     */
    public static Series fromMbox(Path mbox, Optional<Path> repo, String base) throws SeriesException {
        Objects.requireNonNull(mbox, "mbox");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(base, "base");
        return MailSeriesReader.read(mbox, repo, base);
    }

    /**
     * Builds the call graph of some files of a commit's tree: the tree a
     * series applies to ({@link Series#base()}), and the files
     * {@link dev.daxspec.series.impact.Impact#callGraphFiles} names. Reads
     * only those files, through JGit; a path the tree lacks is left out.
     *
     * @param repo the repository the series was read from
     * @param commit the full id of the commit
     * @param paths the files, relative to the tree's top
     * @return the graph, described as {@code ... files of base 0123456789ab}
     * @throws SeriesException if {@code repo} is not a repository or the tree
     *     cannot be read
     */
    public static CallGraph callGraph(Path repo, String commit, Collection<String> paths) throws SeriesException {
        Objects.requireNonNull(commit, "commit");
        try (Repository r = RangeReader.open(repo)) {
            ObjectId id = ObjectId.fromString(commit);
            return CallGraph.of("base " + id.abbreviate(12).name(), TreeReader.read(r, id, paths));
        }
    }
}
