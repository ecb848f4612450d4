package dev.daxspec.series.mail;

import dev.daxspec.series.ChangedFile;
import dev.daxspec.series.Diagnostic;
import dev.daxspec.series.Diagnostic.Severity;
import dev.daxspec.series.FixesRef;
import dev.daxspec.series.PatchTag;
import dev.daxspec.series.Series;
import dev.daxspec.series.SeriesCommit;
import dev.daxspec.series.SeriesException;
import dev.daxspec.series.SeriesException.Problem;
import dev.daxspec.series.Trailer;
import dev.daxspec.series.Trailers;
import dev.daxspec.series.diff.FileChangeAnalyzer;
import dev.daxspec.series.diff.SourceMapCache;
import dev.daxspec.series.git.RangeReader;
import dev.daxspec.series.mail.Mailbox.Contents;
import dev.daxspec.series.mail.Mailbox.Format;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.FormatError;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reads a patch series from mail: every message of the file with a patch
 * outside quoted text becomes one {@link SeriesCommit}, in series order.
 *
 * <p>Which messages: replies and acks without a patch are skipped (an info
 * diagnostic each; a reply that only quotes a patch says so); a
 * {@code [PATCH 0/n]} without a patch is the cover letter. If the file holds
 * several versions of a series ({@code v2} and {@code v3}), only the highest
 * is read. Numbered patches are put in {@code n/m} order, otherwise file
 * order is kept; gaps and duplicates are reported.
 *
 * <p>Without a repository the files and functions come from the patch text
 * ({@link FileChangeAnalyzer#fromPatch}). With one, each patch is applied in
 * turn to the base commit (HEAD unless given) with JGit's PatchApplier, in
 * memory; a patch that does not apply is a {@link SeriesException}; the
 * functions then come from the files before and after each patch, and where
 * the patch text alone would have named other functions an info diagnostic
 * says so.
 *
 * <p>Stateless and thread-safe.
 */
public final class MailSeriesReader {

    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private MailSeriesReader() {}

    /** A message that carries a patch, before ordering. */
    private record Candidate(MailMessage msg, PatchSubject subject, DiffExtractor.Extracted ex, Patch patch) {}

    /**
     * @param file an mbox, a single message or a bare patch
     * @param repo a repository to check the patches against, if any
     * @param base the revision to apply the first patch to; {@code HEAD} if null
     * @return the series
     * @throws SeriesException if the file cannot be read or holds no patch, a
     *     patch is damaged (named as {@code file:line}),
     *     the repository cannot be opened or the base does not resolve, or a
     *     patch does not apply
     */
    public static Series read(Path file, Optional<Path> repo, String base) throws SeriesException {
        Contents contents = Mailbox.read(file);
        String name = file.toString();
        String fileName = file.getFileName() == null ? name : file.getFileName().toString();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Candidate> patches = new ArrayList<>();
        Optional<String> cover = Optional.empty();
        for (MailMessage m : contents.messages()) {
            String label = label(name, contents, m);
            PatchSubject subject = PatchSubject.parse(m.header("Subject").orElse(""));
            DiffExtractor.Extracted ex = DiffExtractor.extract(m.body());
            for (DiffExtractor.Problem p : ex.problems()) {
                diagnostics.add(
                        new Diagnostic(p.severity(), name, m.bodyLine() + p.bodyLine(), label + ": " + p.message()));
            }
            if (ex.files() == 0) {
                boolean coverLetter = subject.tag()
                        .map(t -> t.isNumbered() && t.number() == 0)
                        .orElse(false);
                if (coverLetter && !subject.reply()) {
                    cover = Optional.of(subject.subject());
                } else {
                    diagnostics.add(new Diagnostic(
                            Severity.INFO,
                            name,
                            m.line(),
                            label + ": " + (ex.quotedPatch() ? "only quotes a patch; skipped" : "no patch; skipped")));
                }
                continue;
            }
            Patch patch = new Patch();
            byte[] bytes = ex.patch().getBytes(StandardCharsets.UTF_8);
            patch.parse(bytes, 0, bytes.length);
            for (FormatError e : patch.getErrors()) {
                diagnostics.add(new Diagnostic(
                        e.getSeverity() == FormatError.Severity.ERROR ? Severity.ERROR : Severity.WARNING,
                        name,
                        m.bodyLine() + bodyLine(ex, bytes, e.getOffset()),
                        label + ": " + e.getMessage()));
            }
            patches.add(new Candidate(m, subject, ex, patch));
        }
        // A damaged patch is not analysed in part: what it touches would be guessed.
        Optional<Diagnostic> damaged =
                diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).findFirst();
        if (damaged.isPresent()) {
            Diagnostic d = damaged.get();
            throw new SeriesException(
                    Problem.DAMAGED_PATCH, d.source() + (d.line() > 0 ? ":" + d.line() : "") + ": " + d.message());
        }
        if (patches.isEmpty()) {
            int n = contents.messages().size();
            throw new SeriesException(
                    Problem.NO_PATCHES,
                    "no patches in " + name + ": " + n + (n == 1 ? " message" : " messages")
                            + ", none with a diff outside quoted text");
        }
        patches = selectVersion(patches, name, contents, diagnostics);
        patches = order(patches, name, diagnostics);
        List<SeriesCommit> commits = new ArrayList<>();
        Optional<String> baseId = Optional.empty();
        if (repo.isPresent()) {
            try (Repository r = RangeReader.open(repo.get())) {
                String baseRev = base == null ? "HEAD" : base;
                RevCommit baseCommit = resolveBase(r, baseRev, repo.get());
                baseId = Optional.of(baseCommit.getId().name());
                try (MailApplier applier = new MailApplier(r, baseCommit, baseRev)) {
                    SourceMapCache cache = new SourceMapCache(256);
                    for (Candidate c : patches) {
                        commits.add(
                                commit(c, commits.size() + 1, fileName, name, contents, applier, cache, diagnostics));
                    }
                }
            }
        } else {
            for (Candidate c : patches) {
                commits.add(commit(c, commits.size() + 1, fileName, name, contents, null, null, diagnostics));
            }
        }
        String source = switch (contents.format()) {
                    case MBOX -> "mbox " + name;
                    case MESSAGE -> "message " + name;
                    case BARE_PATCH -> "patch " + name;
                }
                + repo.map(p -> " applied to " + (base == null ? "HEAD" : base) + " in " + p)
                        .orElse("");
        return new Series(source, cover, commits, diagnostics, baseId);
    }

    /**
     * The 0-based body line of a byte offset of the patch JGit parsed, so that its errors
     * are named by the mail's line.
     */
    static int bodyLine(DiffExtractor.Extracted ex, byte[] patch, int offset) {
        int line = 0;
        for (int i = 0; i < Math.min(offset, patch.length); i++) {
            if (patch[i] == '\n') {
                line++;
            }
        }
        List<Integer> from = ex.patchLines();
        return from.isEmpty() ? 0 : from.get(Math.min(line, from.size() - 1));
    }

    private static RevCommit resolveBase(Repository r, String rev, Path repo) throws SeriesException {
        try (RevWalk rw = new RevWalk(r)) {
            ObjectId id = r.resolve(rev + "^{commit}");
            if (id == null) {
                throw new SeriesException(Problem.UNKNOWN_RANGE, "unknown base revision '" + rev + "' in " + repo);
            }
            return rw.parseCommit(id);
        } catch (AmbiguousObjectException | RevisionSyntaxException e) {
            throw new SeriesException(Problem.UNKNOWN_RANGE, "bad base revision '" + rev + "' in " + repo, e);
        } catch (IOException e) {
            throw new SeriesException(
                    Problem.UNREADABLE,
                    "cannot read base revision '" + rev + "' in " + repo + ": " + e.getMessage(),
                    e);
        }
    }

    private static String label(String name, Contents contents, MailMessage m) {
        return contents.format() == Format.MBOX ? "message " + m.number() : "the message";
    }

    private static List<Candidate> selectVersion(
            List<Candidate> patches, String name, Contents contents, List<Diagnostic> diagnostics) {
        TreeSet<Integer> versions = new TreeSet<>();
        for (Candidate c : patches) {
            versions.add(c.subject().tag().map(PatchTag::version).orElse(1));
        }
        if (versions.size() < 2) {
            return patches;
        }
        int keep = versions.last();
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : patches) {
            int v = c.subject().tag().map(PatchTag::version).orElse(1);
            if (v == keep) {
                out.add(c);
            } else {
                diagnostics.add(new Diagnostic(
                        Severity.INFO,
                        name,
                        c.msg().line(),
                        label(name, contents, c.msg()) + ": v" + v + " of the series; only v" + keep + " is read"));
            }
        }
        return out;
    }

    private static List<Candidate> order(List<Candidate> patches, String name, List<Diagnostic> diagnostics) {
        boolean numbered = patches.stream()
                .allMatch(c -> c.subject().tag().map(PatchTag::isNumbered).orElse(false));
        if (!numbered) {
            return patches;
        }
        List<Candidate> out = new ArrayList<>(patches);
        out.sort(Comparator.comparingInt(c -> c.subject().tag().orElseThrow().number()));
        int total = out.get(0).subject().tag().orElseThrow().total();
        TreeSet<Integer> seen = new TreeSet<>();
        for (Candidate c : out) {
            int n = c.subject().tag().orElseThrow().number();
            if (!seen.add(n)) {
                diagnostics.add(new Diagnostic(
                        Severity.WARNING,
                        name,
                        c.msg().line(),
                        "patch " + n + "/" + total + " appears more than once"));
            }
        }
        for (int n = 1; n <= total; n++) {
            if (!seen.contains(n)) {
                diagnostics.add(new Diagnostic(
                        Severity.WARNING, name, 0, "patch " + n + "/" + total + " is missing from the mail"));
            }
        }
        return out;
    }

    private static SeriesCommit commit(
            Candidate c,
            int index,
            String fileName,
            String name,
            Contents contents,
            MailApplier applier,
            SourceMapCache cache,
            List<Diagnostic> diagnostics)
            throws SeriesException {
        MailMessage m = c.msg();
        String subject = c.subject().subject();
        if (subject.isEmpty()) {
            subject = fileName.replaceFirst("\\.(patch|diff|eml|mbox)$", "");
        }
        String id = m.header("Message-ID")
                .map(v -> v.strip().replaceAll("^<|>$", ""))
                .filter(v -> !v.isEmpty())
                .orElse(contents.format() == Format.MBOX ? fileName + "#" + m.number() : fileName);
        String what = c.subject()
                        .tag()
                        .map(t -> "patch " + (t.isNumbered() ? t.number() + "/" + t.total() + " " : ""))
                        .orElse("patch ")
                + "'" + subject + "' (" + fileName
                + (contents.format() == Format.MBOX ? " message " + m.number() : "") + ")";
        List<ChangedFile> files = new ArrayList<>();
        List<? extends FileHeader> fhs = c.patch().getFiles();
        if (applier != null) {
            List<MailApplier.Versions> versions = applier.apply(c.patch(), what);
            for (int k = 0; k < fhs.size(); k++) {
                FileHeader fh = fhs.get(k);
                MailApplier.Versions v = versions.get(k);
                ChangedFile fromText = FileChangeAnalyzer.fromPatch(fh);
                ChangedFile exact = FileChangeAnalyzer.fromContents(
                        fromText.oldPath(),
                        fromText.newPath(),
                        fromText.change(),
                        v.oldId(),
                        v.oldBytes(),
                        v.newId(),
                        v.newBytes(),
                        Optional.empty(),
                        cache,
                        what,
                        diagnostics);
                if (!Objects.equals(fromText.functions(), exact.functions()) && FileChangeAnalyzer.isC(exact.path())) {
                    diagnostics.add(new Diagnostic(
                            Severity.INFO,
                            name,
                            m.line(),
                            what + ": "
                                    + exact.path() + ": the patch text suggests " + list(fromText.functions())
                                    + ", the files give " + list(exact.functions())));
                }
                files.add(exact);
            }
        } else {
            for (FileHeader fh : fhs) {
                files.add(FileChangeAnalyzer.fromPatch(fh));
            }
        }
        List<Trailer> trailers = Trailers.parse(c.ex().description());
        List<FixesRef> fixes = Trailers.fixes(trailers);
        return new SeriesCommit(
                index,
                SeriesCommit.Origin.MAIL,
                id,
                id,
                subject,
                m.header("From").orElse(""),
                date(m.header("Date").orElse("")),
                c.subject().tag(),
                trailers,
                fixes,
                files);
    }

    private static String list(List<String> fs) {
        return fs.isEmpty() ? "no function" : String.join(", ", fs);
    }

    /** RFC 2822 dates to ISO-8601; anything else as written. */
    static String date(String raw) {
        String d = raw.strip().replaceAll("\\s*\\([^)]*\\)$", "").replaceAll("\\s+", " ");
        if (d.isEmpty()) {
            return "";
        }
        try {
            return ZonedDateTime.parse(d, RFC_2822).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return raw.strip();
        }
    }
}
