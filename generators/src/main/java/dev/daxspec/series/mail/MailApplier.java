package dev.daxspec.series.mail;

import dev.daxspec.series.SeriesException;
import dev.daxspec.series.SeriesException.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Applies a series of mailed patches, one after the other, to a commit of a
 * repository without touching the repository: the files a patch needs are
 * copied into an in-memory repository and JGit's {@link PatchApplier} applies
 * the patch there (in-core, to a tree). Each patch sees the files as the
 * previous patches left them.
 *
 * <p>JGit's {@code InMemoryRepository} lives in an internal package; it is
 * the in-memory object store JGit's own tests use, and only this class
 * touches it. Not thread-safe; one applier per series.
 */
final class MailApplier implements AutoCloseable {

    /** A file before and after one patch. */
    record Versions(ObjectId oldId, byte[] oldBytes, ObjectId newId, byte[] newBytes) {}

    private static final int MAX_BLOB = 64 << 20;

    private final Repository kernel;
    private final RevTree baseTree;
    private final String baseName;
    private final InMemoryRepository mem = new InMemoryRepository(new DfsRepositoryDescription("daxspec-series"));
    /** Files changed by earlier patches: path to content, null when deleted. */
    private final Map<String, byte[]> changed = new HashMap<>();

    MailApplier(Repository kernel, RevCommit base, String baseName) {
        this.kernel = kernel;
        this.baseTree = base.getTree();
        this.baseName = baseName;
    }

    /**
     * Applies one patch.
     *
     * @param patch the parsed patch
     * @param what names the patch in an error: {@code patch 2/3 'subject' (file message 3)}
     * @return for each file of the patch, in order, its versions before and after
     * @throws SeriesException if the patch does not apply
     */
    List<Versions> apply(Patch patch, String what) throws SeriesException {
        try (ObjectInserter ins = mem.newObjectInserter();
                ObjectReader reader = mem.newObjectReader();
                RevWalk rw = new RevWalk(mem)) {
            Map<String, byte[]> before = new TreeMap<>();
            for (FileHeader fh : patch.getFiles()) {
                String path = fh.getChangeType() == ChangeType.ADD ? fh.getNewPath() : fh.getOldPath();
                byte[] content = current(path);
                if (fh.getChangeType() == ChangeType.ADD) {
                    if (content != null) {
                        throw notApplying(what, path, "the patch creates it but it exists");
                    }
                } else if (content == null) {
                    throw notApplying(what, path, "no such file");
                } else {
                    before.put(path, content);
                }
            }
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            for (Map.Entry<String, byte[]> e : before.entrySet()) {
                DirCacheEntry de = new DirCacheEntry(e.getKey());
                de.setFileMode(FileMode.REGULAR_FILE);
                de.setObjectId(ins.insert(Constants.OBJ_BLOB, e.getValue()));
                b.add(de);
            }
            b.finish();
            ObjectId tree = dc.writeTree(ins);
            ins.flush();
            PatchApplier.Result result = new PatchApplier(mem, rw.parseTree(tree), ins).applyPatch(patch);
            ins.flush();
            if (!result.getErrors().isEmpty()) {
                String err = result.getErrors().get(0).toString();
                String file = patch.getFiles().isEmpty()
                        ? "?"
                        : patch.getFiles().get(0).getOldPath();
                for (FileHeader fh : patch.getFiles()) {
                    if (err.contains(fh.getOldPath())) {
                        file = fh.getOldPath();
                        break;
                    }
                }
                throw notApplying(what, file, describe(err));
            }
            List<Versions> out = new ArrayList<>();
            for (FileHeader fh : patch.getFiles()) {
                ChangeType t = fh.getChangeType();
                byte[] oldBytes = t == ChangeType.ADD ? new byte[0] : before.get(fh.getOldPath());
                byte[] newBytes = new byte[0];
                if (t != ChangeType.DELETE) {
                    TreeWalk tw = TreeWalk.forPath(mem, fh.getNewPath(), result.getTreeId());
                    newBytes = tw == null
                            ? new byte[0]
                            : reader.open(tw.getObjectId(0)).getCachedBytes(MAX_BLOB);
                }
                ObjectInserter.Formatter f = new ObjectInserter.Formatter();
                out.add(new Versions(
                        f.idFor(Constants.OBJ_BLOB, oldBytes),
                        oldBytes,
                        f.idFor(Constants.OBJ_BLOB, newBytes),
                        newBytes));
            }
            for (int k = 0; k < patch.getFiles().size(); k++) {
                FileHeader fh = patch.getFiles().get(k);
                ChangeType t = fh.getChangeType();
                if (t == ChangeType.DELETE || t == ChangeType.RENAME) {
                    changed.put(fh.getOldPath(), null);
                }
                if (t != ChangeType.DELETE) {
                    changed.put(fh.getNewPath(), out.get(k).newBytes());
                }
            }
            return out;
        } catch (IOException e) {
            throw new SeriesException(
                    Problem.PATCH_DOES_NOT_APPLY, what + " could not be applied: " + e.getMessage(), e);
        }
    }

    private static final Pattern JGIT_HUNK =
            Pattern.compile(".*hunk HunkHeader\\[(\\d+),(\\d+)->(\\d+),(\\d+)\\]: (.*)");

    /** JGit says {@code ..., hunk HunkHeader[97,8->98,17]: Hunk cannot be applied}. */
    static String describe(String jgitError) {
        Matcher m = JGIT_HUNK.matcher(jgitError);
        if (m.matches()) {
            String why = m.group(5);
            return "hunk @@ -" + m.group(1) + "," + m.group(2) + " +" + m.group(3) + "," + m.group(4) + " @@: "
                    + Character.toLowerCase(why.charAt(0)) + why.substring(1);
        }
        return jgitError.replaceFirst("^Error applying patch in [^,]*, ", "");
    }

    private SeriesException notApplying(String what, String path, String why) {
        return new SeriesException(
                Problem.PATCH_DOES_NOT_APPLY, what + " does not apply to " + path + " at " + baseName + ": " + why);
    }

    /** @return the file as earlier patches left it, or at the base; null if absent */
    private byte[] current(String path) throws IOException {
        if (changed.containsKey(path)) {
            return changed.get(path);
        }
        try (TreeWalk tw = TreeWalk.forPath(kernel, path, baseTree)) {
            if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                return null;
            }
            try (ObjectReader r = kernel.newObjectReader()) {
                return r.open(tw.getObjectId(0)).getCachedBytes(MAX_BLOB);
            }
        }
    }

    @Override
    public void close() {
        mem.close();
    }
}
