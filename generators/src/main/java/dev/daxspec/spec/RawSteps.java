package dev.daxspec.spec;

import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.xfsio.BadCommand;
import dev.daxspec.oracle.xfsio.CommandParser;
import dev.daxspec.oracle.xfsio.XfsIo;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.List;

/**
 * The escape hatch: xfs_io commands as written, one per line, in one run
 * ({@code -f} when the scenario has not made the file), and the exact output expected of
 * them, as the transcript shows it (timing lines normalized, {@code exit N} when the run
 * fails, {@code trace:} lines never: the run is not traced).
 */
public final class RawSteps {

    private final ScenarioBuilder scenario;

    RawSteps(ScenarioBuilder scenario) {
        this.scenario = scenario;
    }

    @When("xfs_io runs on {string}:")
    public void run(String file, String commands) {
        CommandParser parser = XfsIo.parserFor(scenario.target());
        List<Op> ops = new ArrayList<>();
        for (String line : commands.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                ops.add(parser.parse(line));
            } catch (BadCommand e) {
                throw scenario.error(e.getMessage());
            }
        }
        if (ops.isEmpty()) {
            throw scenario.error("no xfs_io command in the doc string");
        }
        scenario.raw(file, ops);
    }

    @Then("xfs_io prints:")
    public void prints(String output) {
        int a = scenario.lastRaw();
        String body = output.isEmpty() ? "" : output.stripTrailing() + "\n";
        scenario.expect((step, placed) -> new PrintsExactly(step, placed.get(a).step(), body));
    }
}
