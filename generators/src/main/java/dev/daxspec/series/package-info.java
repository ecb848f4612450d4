/**
 * The input side of {@code daxspec series}: a git range or patch mail turned
 * into commits, the files and C functions each one touches, and (in
 * {@link dev.daxspec.series.impact}) the scenarios that guard them. The entry point is
 * {@code review.SeriesSource}, above the readers it calls:
 *
 * <pre>{@code
 * Series s = SeriesSource.fromRange(repo, "v6.0..v6.1");           // JGit
 * Series m = SeriesSource.fromMbox(mbox, Optional.of(repo));        // mail, applied to HEAD
 * ImpactReport r = Impact.analyse(s, scenarios, rules,                 // tags, rules, calls
 *         SeriesSource.callGraph(repo, s.base().orElseThrow(), Impact.callGraphFiles(s, scenarios, rules)),
 *         CallGraph.DEFAULT_MAX_CALLS);
 * System.out.print(r.toText());                                     // or r.toJson()
 * }</pre>
 *
 * <p>User errors are {@link dev.daxspec.series.SeriesException}s with a
 * one-line message and a {@link dev.daxspec.series.SeriesException.Problem}:
 * an unknown range, a path that is not a repository, a mail with no patch, a
 * patch that does not apply, a malformed rules file. Everything else that is
 * worth telling (a reply skipped, a truncated hunk, braces that do not
 * balance) is a {@link dev.daxspec.series.Diagnostic} in the result.
 *
 * <p>Sub-packages: {@code clang} finds C functions and the calls in their
 * bodies, {@code calls} joins them into a call graph, {@code diff} turns one
 * file's change into hunks and functions, {@code git} reads ranges and the
 * files of a tree, {@code mail} reads mbox/eml/patch files, {@code impact}
 * matches and reports, {@code regress} compares the tests' verdicts on the base and head
 * kernels, {@code review} reads a series from its source and runs the whole workflow. This
 * package holds what they share and imports none of them. All results are immutable
 * records; the readers are stateless.
 */
package dev.daxspec.series;
