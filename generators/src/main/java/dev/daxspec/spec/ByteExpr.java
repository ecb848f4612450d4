package dev.daxspec.spec;

import dev.daxspec.oracle.geometry.ByteSize;
import dev.daxspec.oracle.geometry.Geometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte count or file offset as a feature writes it, kept symbolic until the scenario's
 * target and file are known: {@code 4096}, {@code 0x1000}, {@code 4KiB}, {@code 4 KiB},
 * {@code 1100 bytes}, {@code 2 pages}, {@code 1 PMD}, {@code 3 blocks}, {@code PAGE_SIZE},
 * {@code PMD_SIZE}, {@code BLOCK_SIZE}, {@code EOF} (the file's size as the scenario's steps
 * set it), {@code PAGE_ALIGN(EOF)} (EOF rounded up to a page, the kernel's macro), and
 * sums, differences and products of those: {@code PAGE_SIZE-1}, {@code EOF+1},
 * {@code 2*PAGE_SIZE}, {@code PMD_SIZE - 1}. The phrase {@code one page past EOF} means
 * {@code EOF+PAGE_SIZE}. The byte units are {@link ByteSize}'s, the grammar of every size
 * option ({@code --device-size 1G}), powers of 1024; {@code page(s)}, {@code block(s)} and
 * {@code PMD(s)} are the target's. Immutable.
 */
public final class ByteExpr {

    /** A number and any word as its unit: the parser names a unit it does not know. */
    private static final String NUM = "(?:0x[0-9a-fA-F]+|[0-9]+)(?: ?[A-Za-z]+)?";

    private static final String ATOM = "(?:" + NUM + "|PAGE_SIZE|PMD_SIZE|BLOCK_SIZE|PAGE_ALIGN\\(EOF\\)|EOF)";

    /**
     * What a feature may write for an expression, a leading minus included; the parser
     * checks the rest, and {@link #resolve} refuses a negative value.
     */
    public static final String REGEX = "-?" + ATOM + "(?: ?[-+*] ?" + ATOM + ")*";

    /** {@link #REGEX} or the phrase {@code one page past EOF}. */
    public static final String OFFSET_REGEX = "one page past EOF|" + REGEX;

    private static final Pattern TOKEN = Pattern.compile("\\s*(?:(0x[0-9a-fA-F]+|[0-9]+)(?: ?([A-Za-z]+))?"
            + "|(PAGE_SIZE|PMD_SIZE|BLOCK_SIZE|PAGE_ALIGN\\(EOF\\)|EOF)|([-+*]))");

    private final String text;
    /** Sum of signed products; each product is a list of factors. */
    private final List<Term> terms;

    private ByteExpr(String text, List<Term> terms) {
        this.text = text;
        this.terms = terms;
    }

    /** What a value needs from the scenario: its geometry, and the file's size if known. */
    public record Context(Geometry geometry, OptionalLong eof) {}

    /**
     * A number times a unit, or a symbol.
     *
     * @param shift for a byte unit, the power of two it stands for (0 for bytes)
     * @param unit {@code page}, {@code block} or {@code pmd}, or empty for a byte unit
     */
    private record Factor(long number, int shift, String unit, String symbol) {}

    private record Term(boolean negative, List<Factor> factors) {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text when it is not an expression
     */
    public static ByteExpr parse(String text) {
        String t = text.strip();
        String source = t.equals("one page past EOF") ? "EOF+PAGE_SIZE" : t;
        Matcher m = TOKEN.matcher(source);
        List<Term> terms = new ArrayList<>();
        List<Factor> factors = new ArrayList<>();
        boolean negative = false;
        boolean expectOperand = true;
        int pos = 0;
        while (pos < source.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw bad(text, "cannot read '" + source.substring(pos).strip() + "'");
            }
            pos = m.end();
            if (m.group(4) != null) {
                if (expectOperand && m.group(4).equals("-") && terms.isEmpty() && factors.isEmpty() && !negative) {
                    negative = true; // a leading minus: the value is negative, which resolve() refuses
                    continue;
                }
                if (expectOperand) {
                    throw bad(text, "'" + m.group(4) + "' needs a value before it");
                }
                String op = m.group(4);
                if (!op.equals("*")) {
                    terms.add(new Term(negative, List.copyOf(factors)));
                    factors.clear();
                    negative = op.equals("-");
                }
                expectOperand = true;
                continue;
            }
            if (!expectOperand) {
                throw bad(text, "two values without an operator between them");
            }
            if (m.group(3) != null) {
                factors.add(new Factor(0, 0, "", m.group(3)));
            } else {
                factors.add(factor(text, number(text, m.group(1)), m.group(2)));
            }
            expectOperand = false;
        }
        if (expectOperand) {
            throw bad(text, source.isEmpty() ? "it is empty" : "it ends with an operator");
        }
        terms.add(new Term(negative, List.copyOf(factors)));
        return new ByteExpr(t, List.copyOf(terms));
    }

    private static long number(String text, String digits) {
        try {
            return digits.startsWith("0x") ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw bad(text, digits + " is too large");
        }
    }

    /** The geometry units a feature writes beside {@link ByteSize#UNITS}. */
    public static final String GEOMETRY_UNITS = "page(s), block(s), PMD(s)";

    private static Factor factor(String text, long number, String u) {
        if (u == null) {
            return new Factor(number, 0, "", "");
        }
        if (u.matches("pages?|blocks?|PMDs?")) {
            String s = u.toLowerCase(Locale.ROOT);
            return new Factor(number, 0, s.endsWith("s") ? s.substring(0, s.length() - 1) : s, "");
        }
        int shift = ByteSize.shift(u)
                .orElseThrow(() -> new IllegalArgumentException("'" + text
                        + "' is not a byte count or offset: unknown unit '" + u + "' (units: " + ByteSize.UNITS + "; "
                        + GEOMETRY_UNITS + ")"));
        return new Factor(number, shift, "", "");
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a byte count or offset: " + why
                + " (write 4096, 0x1000, 4KiB, 2 pages, PAGE_SIZE-1, PMD_SIZE, EOF+1, PAGE_ALIGN(EOF))");
    }

    /** Whether the value is in bytes alone, depending on no geometry and no file. */
    public boolean isAbsolute() {
        return terms.stream()
                .flatMap(t -> t.factors().stream())
                .allMatch(f -> f.symbol().isEmpty() && f.unit().isEmpty());
    }

    /**
     * The value in bytes.
     *
     * @throws IllegalArgumentException when it needs an unknown EOF, overflows, or is negative
     */
    public long resolve(Context ctx) {
        long sum = 0;
        try {
            for (Term t : terms) {
                long product = 1;
                for (Factor f : t.factors()) {
                    product = Math.multiplyExact(product, value(f, ctx));
                }
                sum = t.negative() ? Math.subtractExact(sum, product) : Math.addExact(sum, product);
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is out of range: it overflows 64 bits");
        }
        if (sum < 0) {
            throw new IllegalArgumentException("'" + text + "' is " + sum + ": an offset or size cannot be negative");
        }
        return sum;
    }

    private long value(Factor f, Context ctx) {
        Geometry g = ctx.geometry();
        if (!f.symbol().isEmpty()) {
            return switch (f.symbol()) {
                case "PAGE_SIZE" -> g.pageSize();
                case "PMD_SIZE" -> g.pmdSize();
                case "BLOCK_SIZE" -> g.blockSize();
                default -> {
                    if (ctx.eof().isEmpty()) {
                        throw new IllegalArgumentException("'" + text + "' needs EOF, and the file's size is not known"
                                + " here (no file yet, or a crash or a write at ENOSPC may have changed it)");
                    }
                    long eof = ctx.eof().getAsLong();
                    yield f.symbol().equals("EOF") ? eof : g.roundUpToPage(eof);
                }
            };
        }
        long scale = switch (f.unit()) {
            case "page" -> g.pageSize();
            case "block" -> g.blockSize();
            case "pmd" -> g.pmdSize();
            default -> 1L << f.shift();
        };
        return Math.multiplyExact(f.number(), scale);
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteExpr b && b.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
