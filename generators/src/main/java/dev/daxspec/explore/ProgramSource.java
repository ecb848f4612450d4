package dev.daxspec.explore;

import dev.daxspec.oracle.explore.Exhaustive;
import dev.daxspec.oracle.explore.ProgramGenerator;
import dev.daxspec.oracle.program.Program;
import java.util.SplittableRandom;

/**
 * The programs an exploration runs, numbered from 0: seeded random ones, or every program
 * of a bounded-exhaustive enumeration. Program {@code i} is the same on every machine, so
 * shards of the numbers run apart and their findings merge.
 */
interface ProgramSource {

    /** Program number {@code index}; the same index always gives the same program. */
    Program program(long index);

    /** How many programs there are; {@link Long#MAX_VALUE} for random programs. */
    long count();

    /** The seed of program {@code index}, for reports: the random seed, or the enumeration index. */
    long seedOf(long index);

    /** One line for reports. */
    String describe();

    static ProgramSource random(ProgramGenerator generator, long seed, int maxCommands) {
        return new ProgramSource() {
            @Override
            public Program program(long index) {
                return generator.program(seedOf(index));
            }

            @Override
            public long count() {
                return Long.MAX_VALUE;
            }

            @Override
            public long seedOf(long index) {
                // Each program's seed from the run's seed and its number: SplittableRandom's mix.
                return new SplittableRandom(seed + index * 0x9E3779B97F4A7C15L).nextLong();
            }

            @Override
            public String describe() {
                return "random programs of 1 to " + maxCommands + " commands, seed " + seed + ", over "
                        + generator.targets().size() + " target"
                        + (generator.targets().size() == 1 ? "" : "s");
            }
        };
    }

    static ProgramSource exhaustive(Exhaustive e, String alphabet) {
        return new ProgramSource() {
            @Override
            public Program program(long index) {
                return e.program(index);
            }

            @Override
            public long count() {
                return e.size();
            }

            @Override
            public long seedOf(long index) {
                return index;
            }

            @Override
            public String describe() {
                return "every program of at most " + e.maxCommands() + " commands over " + alphabet + " ("
                        + e.alphabetSize() + " commands with their offsets and lengths; " + e.size() + " programs)";
            }
        };
    }
}
