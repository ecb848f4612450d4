package dev.daxspec.series.git;

import dev.daxspec.series.SeriesException;
import dev.daxspec.series.SeriesException.Problem;
import dev.daxspec.series.diff.SourceMapCache;
import java.io.IOException;
import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Reads some files of a commit's tree with JGit, without a work tree: only
 * the directories leading to the files asked for are opened, so a few dozen
 * files of a kernel tree take milliseconds whatever the tree's size.
 * Stateless and thread-safe.
 */
public final class TreeReader {

    private static final int MAX_BLOB = 64 << 20;

    private TreeReader() {}

    /**
     * @param repo the repository
     * @param commit the commit whose tree to read
     * @param paths file paths relative to the tree's top
     * @return each path the tree has as a regular file, with its text
     *     (decoded as {@link SourceMapCache#decode} does); paths it lacks, and
     *     directories, are left out
     * @throws SeriesException if the commit or a blob cannot be read
     *     ({@link Problem#UNREADABLE})
     */
    public static SortedMap<String, String> read(Repository repo, ObjectId commit, Collection<String> paths)
            throws SeriesException {
        SortedMap<String, String> out = new TreeMap<>();
        if (paths.isEmpty()) {
            return out;
        }
        try (RevWalk rw = new RevWalk(repo);
                ObjectReader reader = repo.newObjectReader();
                TreeWalk tw = new TreeWalk(reader)) {
            RevCommit c = rw.parseCommit(commit);
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            tw.setFilter(PathFilterGroup.createFromStrings(paths));
            while (tw.next()) {
                if (paths.contains(tw.getPathString())
                        && (tw.getFileMode(0).getBits() & FileMode.TYPE_MASK) == FileMode.TYPE_FILE) {
                    byte[] bytes = reader.open(tw.getObjectId(0)).getCachedBytes(MAX_BLOB);
                    out.put(tw.getPathString(), SourceMapCache.decode(bytes));
                }
            }
        } catch (IOException e) {
            throw new SeriesException(
                    Problem.UNREADABLE,
                    "cannot read the tree of " + commit.name() + " in " + repo.getDirectory() + ": " + e.getMessage(),
                    e);
        }
        return out;
    }
}
