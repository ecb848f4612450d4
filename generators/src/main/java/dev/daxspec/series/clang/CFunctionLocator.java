package dev.daxspec.series.clang;

import dev.daxspec.series.clang.CLexer.Kind;
import dev.daxspec.series.clang.CLexer.Tok;
import dev.daxspec.series.clang.Declarator.Decl;
import dev.daxspec.series.clang.Declarator.HTok;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds C function definitions and tells which function a line belongs to.
 * Not a parser: a brace-depth scanner that understands comments, string and
 * character literals, preprocessor lines (with backslash continuations, whose
 * contents never count), {@code static inline} functions, multi-line and
 * K&amp;R signatures, attributes, {@code SYSCALL_DEFINEn} macros, and tells
 * initialisers and {@code struct} definitions from function bodies.
 *
 * <p>Stateless; all methods are thread-safe.
 */
public final class CFunctionLocator {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z_]\\w*\\s*:\\s*($|/[/*].*)");

    private CFunctionLocator() {}

    /**
     * Scans a whole C source file.
     *
     * @param source the file's text
     * @return the functions and code lines; {@link CSourceMap#problems()}
     *     lists unbalanced braces and the like
     */
    public static CSourceMap locate(CharSequence source) {
        return CScanner.whole(source);
    }

    /**
     * Scans a fragment of a C file, such as a hunk's pre- or post-image,
     * which may start and end anywhere. The kernel's coding style (function
     * bodies open and close in column 0, bodies are indented) replaces the
     * missing context. Never reports problems.
     *
     * @param fragment the fragment's lines joined with {@code '\n'}
     * @param firstLine the line number of the fragment's first line
     * @param enclosing the function the fragment is assumed to start in (from
     *     the hunk header), if any
     * @return the functions seen, with the assumed one starting at
     *     {@code firstLine} and a body line of 0
     */
    public static CSourceMap locateFragment(CharSequence fragment, int firstLine, Optional<String> enclosing) {
        return CScanner.fragment(fragment, firstLine, enclosing.orElse(null));
    }

    /**
     * Reads the function name from a hunk header's function context, the text
     * after the second {@code @@}. Git's default context for C is the whole
     * line, and GNU {@code diff -p} cuts it at 40 characters, so:
     * {@code static int ext2_fill_super(struct super_} gives
     * {@code ext2_fill_super}, {@code xfs_file_readdir(} gives
     * {@code xfs_file_readdir}, {@code SYSCALL_DEFINE3(read, unsigned int, fd,}
     * gives {@code sys_read}; {@code struct brd_device {},
     * {@code EXPORT_SYMBOL_GPL(dax_iomap_rw);}, initialisers, labels and
     * preprocessor lines give nothing.
     *
     * @param context the function context, possibly empty
     * @return the function's name, if the context names a function definition
     */
    public static Optional<String> functionInHunkContext(String context) {
        String c = context.strip();
        if (c.isEmpty() || c.startsWith("#") || LABEL.matcher(c).matches()) {
            return Optional.empty();
        }
        List<Tok> toks = new ArrayList<>();
        new CLexer(c, 1)
                .run(
                        new CLexer.Sink() {
                            @Override
                            public void token(Tok t) {
                                toks.add(t);
                            }

                            @Override
                            public boolean directive(String text, int line, boolean skipping) {
                                return false;
                            }

                            @Override
                            public void lineEnd(int line, boolean blank) {}
                        },
                        false);
        List<HTok> header = new ArrayList<>();
        int nest = 0;
        for (Tok t : toks) {
            if (t.kind() == Kind.LBRACE || t.kind() == Kind.SEMI) {
                if (t.kind() == Kind.SEMI && nest == 0) {
                    return Optional.empty(); // a declaration or statement
                }
                if (t.kind() == Kind.LBRACE && nest == 0) {
                    break;
                }
            }
            if (t.kind() == Kind.RPAREN || t.kind() == Kind.RBRACK) {
                nest = Math.max(0, nest - 1);
            }
            header.add(new HTok(t, nest, header.isEmpty()));
            if (t.kind() == Kind.LPAREN || t.kind() == Kind.LBRACK) {
                nest++;
            }
        }
        Decl d = Declarator.analyse(header, true);
        return d == null ? Optional.empty() : Optional.of(d.name());
    }
}
