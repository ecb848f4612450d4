package dev.daxspec.report;

import dev.daxspec.check.CheckResult;
import dev.daxspec.check.ScenarioResult;
import dev.daxspec.emit.Verdict;
import dev.daxspec.explore.Summary;
import dev.daxspec.oracle.kernel.Bug;
import java.util.List;

/**
 * {@code summary.txt}: the report in plain text that pastes into a mail (under 80 columns
 * but for long names): the oracle's verdicts and the kill matrix's count, the kernels by the
 * features as pass/fail/known-deviation/not-run counts, each scenario a kernel failed, and
 * each exploration's findings. Stateless.
 */
final class MailSummary {

    private MailSummary() {}

    static String text(Report r) {
        CheckResult c = r.check();
        StringBuilder sb = new StringBuilder();
        sb.append("daxspec report: ")
                .append(r.features().size())
                .append(" features, ")
                .append(c.scenarios().size())
                .append(" scenarios\n");
        int judged = c.judged().size();
        sb.append("On the oracle: ")
                .append(c.passed())
                .append(" pass, ")
                .append(c.failed())
                .append(" fail; ")
                .append(judged - c.survivors().size())
                .append(" of ")
                .append(judged)
                .append(" variants killed");
        if (!c.survivors().isEmpty()) {
            sb.append(" (surviving: ")
                    .append(String.join(
                            ", ", c.survivors().stream().map(Bug::id).toList()))
                    .append(')');
        }
        sb.append(".\n");
        List<KernelResults> runs = r.results().runs();
        if (!runs.isEmpty()) {
            int width =
                    r.features().stream().mapToInt(f -> f.path().length()).max().orElse(0);
            sb.append("\nKernels by features: pass/fail/known deviation/not run or INFRA; -N: N not in the run\n");
            sb.append(pad("", width));
            for (int k = 0; k < runs.size(); k++) {
                sb.append(String.format("  %-12s", "K" + (k + 1)));
            }
            sb.append('\n');
            for (FeatureView f : r.features()) {
                row(sb, r, f.path(), width, f.scenarios());
            }
            row(sb, r, "all", width, c.scenarios());
            for (int k = 0; k < runs.size(); k++) {
                sb.append("K")
                        .append(k + 1)
                        .append(" = ")
                        .append(runs.get(k).kernel())
                        .append(" (")
                        .append(String.join(", ", runs.get(k).sources()))
                        .append(")\n");
            }
            boolean header = false;
            for (int k = 0; k < runs.size(); k++) {
                for (ScenarioResult v : c.scenarios()) {
                    if (r.results()
                            .verdict(k, v.scenario().id())
                            .filter(x -> x == Verdict.FAIL || x == Verdict.INFRA)
                            .isEmpty()) {
                        continue;
                    }
                    if (!header) {
                        sb.append("\nNot passing:\n");
                        header = true;
                    }
                    sb.append("  K")
                            .append(k + 1)
                            .append(' ')
                            .append(r.results()
                                    .verdict(k, v.scenario().id())
                                    .get()
                                    .label())
                            .append(' ')
                            .append(v.scenario().location())
                            .append("  ")
                            .append(v.scenario().name())
                            .append('\n');
                }
            }
        }
        for (Explored e : r.explored()) {
            Summary s = e.summary();
            sb.append("\nexplore ")
                    .append(e.name())
                    .append(": ")
                    .append(s.programs())
                    .append(" programs against ")
                    .append(s.backend())
                    .append(": ")
                    .append(s.differed())
                    .append(" differ, ")
                    .append(s.findings().size())
                    .append(s.findings().size() == 1 ? " finding" : " findings")
                    .append(" (")
                    .append(s.newFindings())
                    .append(" new)\n");
            for (Summary.Entry f : s.findings()) {
                sb.append("  ")
                        .append(pad(f.status(), 5))
                        .append(' ')
                        .append(f.directory())
                        .append("  ")
                        .append(f.signature())
                        .append("  ")
                        .append(f.target())
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, Report r, String name, int width, List<ScenarioResult> scenarios) {
        sb.append(pad(name, width));
        for (int k = 0; k < r.results().runs().size(); k++) {
            Tally t = r.results().tally(k, scenarios);
            String cell = t.count(Verdict.PASS) + "/" + t.count(Verdict.FAIL) + "/" + t.count(Verdict.KNOWN_DEVIATION)
                    + "/" + (t.count(Verdict.NOTRUN) + t.count(Verdict.INFRA))
                    + (t.absent() > 0 ? " -" + t.absent() : "");
            sb.append(String.format("  %-12s", cell));
        }
        sb.append('\n');
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
