package dev.daxspec.series.clang;

import dev.daxspec.series.clang.CLexer.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether the tokens in front of a top-level <code>{</code> declare a
 * function, and if so which. Shared by the whole-file scanner and by the
 * reading of hunk headers.
 *
 * <p>The rule: the declaration must not contain a top-level {@code =} (that
 * is an initialiser, such as {@code static const struct
 * vm_operations_struct x = {}); among the top-level parenthesised groups,
 * those preceded by an identifier are candidates; attribute-like macros
 * ({@code __attribute__}, {@code __printf}, {@code __releases} and any
 * {@code __lowercase} group followed by a real candidate) and keywords are
 * dropped; the last remaining candidate names the function. A group of the
 * form {@code (*name(...))} names a function returning a function pointer.
 */
final class Declarator {

    /** What a declaration declares. */
    record Decl(String name, int startLine, boolean startsInColumn0, boolean isStatic, boolean isInline) {}

    /** A header token with its parenthesis nesting and whether a gap precedes it. */
    record HTok(CLexer.Tok tok, int nest, boolean gapBefore) {
        Kind kind() {
            return tok.kind();
        }

        String text() {
            return tok.text();
        }
    }

    static final Set<String> KEYWORDS = Set.of(
            "if",
            "else",
            "while",
            "for",
            "do",
            "switch",
            "case",
            "default",
            "return",
            "goto",
            "sizeof",
            "typeof",
            "__typeof__",
            "__typeof",
            "_Alignof",
            "alignof",
            "__alignof__",
            "asm",
            "__asm__",
            "__asm",
            "_Static_assert",
            "static_assert",
            "_Generic",
            "struct",
            "union",
            "enum",
            "defined");

    /** Macros that only decorate a declaration. */
    static final Set<String> ATTRIBUTES = Set.of(
            "__attribute__",
            "__attribute",
            "__declspec",
            "__printf",
            "__scanf",
            "__releases",
            "__acquires",
            "__must_hold",
            "__cond_acquires",
            "__cond_releases",
            "__section",
            "__aligned",
            "__alias",
            "__alloc_size",
            "__realloc_size",
            "__diagnose_as",
            "__counted_by",
            "__no_sanitize_address",
            "__no_kcsan",
            "__nocfi",
            "__weak",
            "__malloc",
            "_Alignas",
            "alignas");

    /**
     * Top-level macro invocations that look like calls but never define a
     * function; they matter when a hunk header shows one.
     */
    static final Set<String> NOT_FUNCTIONS = Set.of(
            "EXPORT_SYMBOL",
            "EXPORT_SYMBOL_GPL",
            "EXPORT_SYMBOL_NS",
            "EXPORT_SYMBOL_NS_GPL",
            "EXPORT_TRACEPOINT_SYMBOL",
            "EXPORT_TRACEPOINT_SYMBOL_GPL",
            "MODULE_LICENSE",
            "MODULE_AUTHOR",
            "MODULE_DESCRIPTION",
            "MODULE_ALIAS",
            "MODULE_ALIAS_BLOCKDEV_MAJOR",
            "MODULE_PARM_DESC",
            "MODULE_DEVICE_TABLE",
            "MODULE_IMPORT_NS",
            "module_param",
            "module_param_named",
            "module_init",
            "module_exit",
            "core_initcall",
            "postcore_initcall",
            "arch_initcall",
            "subsys_initcall",
            "fs_initcall",
            "device_initcall",
            "late_initcall",
            "__initcall",
            "__exitcall",
            "__setup",
            "early_param",
            "DEFINE_MUTEX",
            "DEFINE_SPINLOCK",
            "DEFINE_RWLOCK",
            "LIST_HEAD",
            "DEFINE_PER_CPU",
            "DECLARE_BITMAP",
            "DECLARE_WAIT_QUEUE_HEAD",
            "ALLOW_ERROR_INJECTION",
            "DEFINE_STATIC_KEY_FALSE",
            "DEFINE_STATIC_KEY_TRUE",
            "BUILD_BUG_ON");

    private static final Set<String> INLINE = Set.of("inline", "__inline", "__inline__", "__always_inline");

    /**
     * Function-defining macros, named as the kernel's scripts/tags.sh names
     * them: {@code SYSCALL_DEFINE3(read, ...)} is {@code sys_read},
     * {@code COMPAT_SYSCALL_DEFINE3(x, ...)} is {@code compat_sys_x},
     * {@code BPF_CALL_2(bpf_x, ...)} is {@code bpf_x}.
     */
    private static final Pattern DEFINING_MACRO =
            Pattern.compile("(COMPAT_SYSCALL_DEFINE|SYSCALL_DEFINE|BPF_CALL_)\\d+");

    private Declarator() {}

    /**
     * @param t the header tokens, in order
     * @param allowOpen whether the last group may be unclosed (a hunk header
     *     truncated by diff)
     * @return the declared function, or null when the tokens do not declare
     *     a function definition
     */
    static Decl analyse(List<HTok> t, boolean allowOpen) {
        if (t.isEmpty()) {
            return null;
        }
        for (HTok x : t) {
            if (x.kind() == Kind.EQ && x.nest() == 0) {
                return null;
            }
        }
        List<int[]> cands = new ArrayList<>(); // {nameIdx, open, close}
        for (int o = 0; o < t.size(); o++) {
            if (t.get(o).kind() != Kind.LPAREN || t.get(o).nest() != 0) {
                continue;
            }
            int close = -1;
            for (int c = o + 1; c < t.size(); c++) {
                if (t.get(c).kind() == Kind.RPAREN && t.get(c).nest() == 0) {
                    close = c;
                    break;
                }
            }
            if (close < 0 && !allowOpen) {
                continue;
            }
            int nameIdx = -1;
            int q = o + 1;
            while (q < t.size() && t.get(q).kind() == Kind.STAR) {
                q++;
            }
            if (q > o + 1
                    && q + 1 < t.size()
                    && t.get(q).kind() == Kind.IDENT
                    && t.get(q + 1).kind() == Kind.LPAREN) {
                nameIdx = q; // (*name(args))(args): returns a function pointer
            } else if (o > 0 && t.get(o - 1).kind() == Kind.IDENT) {
                nameIdx = o - 1;
            }
            if (nameIdx < 0) {
                continue;
            }
            String name = t.get(nameIdx).text();
            if (KEYWORDS.contains(name) || NOT_FUNCTIONS.contains(name)) {
                continue;
            }
            cands.add(new int[] {nameIdx, o, close < 0 ? t.size() : close});
            if (close < 0) {
                break;
            }
            o = close;
        }
        int chosen = -1;
        for (int k = cands.size() - 1; k >= 0; k--) {
            String name = t.get(cands.get(k)[0]).text();
            if (ATTRIBUTES.contains(name)) {
                continue;
            }
            if (name.startsWith("__")
                    && name.equals(name.toLowerCase(Locale.ROOT))
                    && laterRealCandidate(t, cands, k)) {
                continue;
            }
            chosen = k;
            break;
        }
        if (chosen < 0) {
            return null;
        }
        int nameIdx = cands.get(chosen)[0];
        int close = cands.get(chosen)[2];
        for (int k = close + 1; k < t.size(); k++) {
            HTok x = t.get(k);
            if (x.nest() == 0
                    && (x.kind() == Kind.COMMA
                            || x.kind() == Kind.STAR
                            || x.kind() == Kind.LITERAL
                            || x.kind() == Kind.SEMI
                            || x.kind() == Kind.NUMBER
                            || x.kind() == Kind.COLON)) {
                return null;
            }
        }
        String name = t.get(nameIdx).text();
        Matcher m = DEFINING_MACRO.matcher(name);
        if (m.matches()) {
            int o = cands.get(chosen)[1];
            if (o + 1 < t.size() && t.get(o + 1).kind() == Kind.IDENT) {
                String prefix = switch (m.group(1)) {
                    case "COMPAT_SYSCALL_DEFINE" -> "compat_sys_";
                    case "SYSCALL_DEFINE" -> "sys_";
                    default -> "";
                };
                name = prefix + t.get(o + 1).text();
            }
        }
        int start = 0;
        for (int k = nameIdx; k >= 0; k--) {
            if (t.get(k).gapBefore()) {
                start = k;
                break;
            }
        }
        boolean isStatic = false;
        boolean isInline = false;
        for (int k = start; k < nameIdx; k++) {
            String w = t.get(k).text();
            isStatic |= w.equals("static");
            isInline |= INLINE.contains(w);
        }
        return new Decl(name, t.get(start).tok().line(), t.get(start).tok().col0(), isStatic, isInline);
    }

    private static boolean laterRealCandidate(List<HTok> t, List<int[]> cands, int k) {
        for (int j = k + 1; j < cands.size(); j++) {
            if (!ATTRIBUTES.contains(t.get(cands.get(j)[0]).text())) {
                return true;
            }
        }
        return false;
    }
}
