package dev.daxspec.series.clang;

import dev.daxspec.series.clang.CLexer.Kind;
import dev.daxspec.series.clang.CLexer.Tok;
import dev.daxspec.series.clang.Declarator.Decl;
import dev.daxspec.series.clang.Declarator.HTok;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The structural pass over {@link CLexer}'s tokens: a stack of open
 * delimiters, the tokens of the current top-level declaration, and the
 * preprocessor conditionals.
 *
 * <p>Preprocessor conditionals are handled as ctags does: only the first
 * branch of an {@code #if}/{@code #elif}/{@code #else} chain counts for brace
 * depth, so {@code #ifdef X / if (a) { / #else / if (b) { / #endif} stays
 * balanced, and the contents of {@code #if 0} are skipped.
 *
 * <p>In fragment mode (a hunk's pre- or post-image, which starts and ends
 * anywhere) the kernel's coding style stands in for the missing context: a
 * <code>{</code> or <code>}</code> in column 0 opens or closes a function
 * body, an identifier in column 0 that is not a label is at file scope, and
 * a body opened elsewhere counts as a function only when its declaration
 * starts in column 0. Not thread-safe; one instance scans once.
 *
 * <p>Inside a function body it records the calls: an identifier followed by
 * {@code (} that is not a keyword and not a member ({@code ops->begin(},
 * {@code s.f(}). Function-like macros count like functions; calls made in a
 * macro's expansion are not seen, and every branch of an {@code #if} chain
 * counts (but not {@code #if 0}).
 */
final class CScanner implements CLexer.Sink {

    private enum Role {
        FUNC,
        BLOCK,
        INNER,
        PAREN,
        BRACK
    }

    private record Open(String name, int startLine, int bodyLine, boolean isStatic, boolean isInline) {}

    private record Snapshot(List<Role> stack, Open current, boolean assumedInside) {}

    private static final class Cond {
        final Snapshot atIf;
        Snapshot afterFirst;

        Cond(Snapshot atIf) {
            this.atIf = atIf;
        }
    }

    /** Keywords and operators that a {@code (} follows without being a call. */
    private static final Set<String> NOT_CALLS = Set.of(
            "if",
            "while",
            "for",
            "switch",
            "return",
            "sizeof",
            "typeof",
            "__typeof__",
            "alignof",
            "_Alignof",
            "__alignof__",
            "offsetof",
            "case",
            "do",
            "else",
            "goto",
            "defined",
            "__attribute__",
            "asm",
            "__asm__",
            "volatile",
            "__volatile__",
            "_Static_assert",
            "static_assert");

    /** The tokens that make the identifier after them a member. */
    private static final Set<String> MEMBER = Set.of(".", "->");

    private final CLexer lexer;
    private final boolean fragment;
    private final int firstLine;
    private final boolean startInComment;
    private List<Role> stack = new ArrayList<>();
    private int braces;
    private Open current;
    private final Map<String, CFunction> done = new LinkedHashMap<>();
    private final Map<String, Set<String>> calls = new HashMap<>();
    private Tok previous;
    private Tok beforePrevious;
    private final List<HTok> header = new ArrayList<>();
    private boolean gap = true;
    private Decl knr;
    private final Deque<Cond> conds = new ArrayDeque<>();
    private int deadDepth;
    private final List<String> problems = new ArrayList<>();
    private boolean assumedInside;
    private final String assumedName;

    private CScanner(CharSequence text, int firstLine, boolean fragment, String assumedName, boolean startInComment) {
        this.lexer = new CLexer(text, firstLine);
        this.firstLine = firstLine;
        this.fragment = fragment;
        this.assumedName = assumedName;
        this.assumedInside = assumedName != null;
        this.startInComment = startInComment;
    }

    static CSourceMap whole(CharSequence text) {
        return new CScanner(text, 1, false, null, false).run();
    }

    static CSourceMap fragment(CharSequence text, int firstLine, String enclosing) {
        return new CScanner(text, firstLine, true, enclosing, startsInComment(text)).run();
    }

    /** A fragment whose first comment delimiter is a close starts inside a comment. */
    private static boolean startsInComment(CharSequence text) {
        String s = text.toString();
        int close = s.indexOf("*/");
        if (close < 0) {
            return false;
        }
        int open = s.indexOf("/*");
        return open < 0 || close < open;
    }

    private CSourceMap run() {
        lexer.run(this, startInComment);
        int last = lexer.lastLine();
        if (pending != null) {
            endAssumed(pending.line() - 1);
            pending = null;
        }
        if (current != null) {
            if (!fragment) {
                problems.add("function " + current.name() + " at line " + current.startLine() + " is not closed");
            }
            close(current, last);
            current = null;
        }
        if (assumedInside) {
            endAssumed(last);
        }
        if (!fragment) {
            if (braces > 0) {
                problems.add(braces + " unclosed '{' at end of file");
            }
            if (!conds.isEmpty() || deadDepth > 0) {
                problems.add("#if without #endif at end of file");
            }
            if (lexer.unterminatedComment()) {
                problems.add("unterminated comment at end of file");
            }
        }
        List<CFunction> fs = new ArrayList<>(done.values());
        fs.sort(Comparator.comparingInt(CFunction::startLine).thenComparingInt(CFunction::endLine));
        Map<CFunction, List<String>> called = new HashMap<>();
        for (Map.Entry<String, CFunction> e : done.entrySet()) {
            Set<String> c = calls.get(e.getKey());
            called.put(e.getValue(), c == null ? List.of() : List.copyOf(c));
        }
        return new CSourceMap(fs, called, firstLine, lexer.lineCount(), lexer.codeLines(), problems);
    }

    // --- lexer events -----------------------------------------------------

    @Override
    public void lineEnd(int line, boolean blank) {
        if (blank && braces == 0) {
            gap = true;
        }
    }

    @Override
    public boolean directive(String text, int line, boolean skipping) {
        String t = text.strip();
        int sp = 0;
        while (sp < t.length() && Character.isLetter(t.charAt(sp))) {
            sp++;
        }
        String d = t.substring(0, sp);
        String arg = t.substring(sp).strip();
        if (skipping) {
            switch (d) {
                case "if", "ifdef", "ifndef" -> deadDepth++;
                case "endif" -> {
                    if (--deadDepth == 0) {
                        return false;
                    }
                }
                case "else", "elif" -> {
                    if (deadDepth == 1) {
                        deadDepth = 0;
                        conds.push(new Cond(snapshot())); // the first live branch
                        return false;
                    }
                }
                default -> {}
            }
            return true;
        }
        if (braces == 0) {
            gap = true;
        }
        switch (d) {
            case "if", "ifdef", "ifndef" -> {
                if (d.equals("if") && arg.equals("0")) {
                    deadDepth = 1;
                    return true;
                }
                conds.push(new Cond(snapshot()));
            }
            case "elif", "else" -> {
                Cond c = conds.peek();
                if (c == null) {
                    problem("#" + d + " without #if at line " + line);
                } else {
                    if (c.afterFirst == null) {
                        c.afterFirst = snapshot();
                    }
                    restore(c.atIf);
                }
            }
            case "endif" -> {
                Cond c = conds.poll();
                if (c == null) {
                    problem("#endif without #if at line " + line);
                } else if (c.afterFirst != null) {
                    restore(c.afterFirst);
                }
            }
            default -> {}
        }
        return false;
    }

    @Override
    public void token(Tok t) {
        if (t.kind() == Kind.LPAREN
                && current != null
                && previous != null
                && previous.kind() == Kind.IDENT
                && !NOT_CALLS.contains(previous.text())
                && (beforePrevious == null || !MEMBER.contains(beforePrevious.text()))) {
            calls.computeIfAbsent(key(current), k -> new TreeSet<>()).add(previous.text());
        }
        beforePrevious = previous;
        previous = t;
        if (pending != null) {
            Tok p = pending;
            pending = null;
            if (t.kind() != Kind.COLON) {
                // not a label: a column-0 identifier is at file scope
                endAssumed(p.line() - 1);
                int at = -1;
                for (int k = header.size() - 1; k >= 0; k--) {
                    if (header.get(k).tok() == p) {
                        at = k;
                        break;
                    }
                }
                if (at >= 0) {
                    List<HTok> rest = new ArrayList<>(header.subList(at, header.size()));
                    header.clear();
                    HTok first = rest.get(0);
                    rest.set(0, new HTok(first.tok(), first.nest(), true));
                    header.addAll(rest);
                }
            }
        }
        if (fragment && assumedInside && t.col0() && braces == 0 && t.kind() == Kind.IDENT) {
            // kernel style: nothing inside a body starts in column 0 except
            // labels, directives and the closing brace; decide on the next token
            pending = t;
        }
        switch (t.kind()) {
            case LBRACE -> openBrace(t);
            case RBRACE -> closeBrace(t);
            case LPAREN -> {
                collect(t);
                stack.add(Role.PAREN);
            }
            case LBRACK -> {
                collect(t);
                stack.add(Role.BRACK);
            }
            case RPAREN -> {
                popTo(Role.PAREN, t);
                collect(t);
            }
            case RBRACK -> {
                popTo(Role.BRACK, t);
                collect(t);
            }
            case SEMI -> semicolon(t);
            default -> collect(t);
        }
    }

    private Tok pending;

    // --- structure --------------------------------------------------------

    private void collect(Tok t) {
        if (braces > 0) {
            return;
        }
        header.add(new HTok(t, parens(), gap));
        gap = false;
    }

    private int parens() {
        int p = 0;
        for (int k = stack.size() - 1; k >= 0; k--) {
            Role r = stack.get(k);
            if (r == Role.PAREN || r == Role.BRACK) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    private void popTo(Role role, Tok t) {
        for (int k = stack.size() - 1; k >= 0; k--) {
            Role r = stack.get(k);
            if (r == role) {
                truncate(k);
                return;
            }
            if (r != Role.PAREN && r != Role.BRACK) {
                break; // never close across a brace
            }
        }
        if (!fragment) {
            problem("unmatched '" + t.text() + "' at line " + t.line());
        }
    }

    private void semicolon(Tok t) {
        if (braces > 0) {
            return;
        }
        if (parens() > 0) {
            collect(t);
            return;
        }
        knrCheck();
        header.clear();
    }

    /**
     * K&amp;R definitions declare their parameters between the parameter list
     * and the body: {@code int f(a, b) int a; char *b; {...}}. Remember such
     * a declarator across the semicolons.
     */
    private void knrCheck() {
        if (header.isEmpty()) {
            return;
        }
        for (HTok x : header) {
            if (x.kind() == Kind.EQ && x.nest() == 0) {
                knr = null;
                return;
            }
        }
        if (knr != null) {
            return; // another parameter declaration
        }
        for (int o = 1; o < header.size(); o++) {
            if (header.get(o).kind() != Kind.LPAREN
                    || header.get(o).nest() != 0
                    || header.get(o - 1).kind() != Kind.IDENT) {
                continue;
            }
            int k = o + 1;
            boolean idList = true;
            boolean expectIdent = true;
            while (k < header.size() && header.get(k).kind() != Kind.RPAREN) {
                Kind kk = header.get(k).kind();
                if (expectIdent ? kk != Kind.IDENT : kk != Kind.COMMA) {
                    idList = false;
                    break;
                }
                expectIdent = !expectIdent;
                k++;
            }
            if (idList && !expectIdent && k + 1 < header.size()) {
                knr = Declarator.analyse(header.subList(0, k + 1), false);
            }
            return;
        }
    }

    private void openBrace(Tok t) {
        if (fragment && t.col0() && assumedInside && header.isEmpty() && knr == null && braces == 0) {
            // the hunk starts with the body of the function its header names,
            // whose signature is the line just before the hunk
            assumedInside = false;
            current = new Open(assumedName, firstLine, t.line(), false, false);
            stack.clear();
            stack.add(Role.FUNC);
            braces = 1;
            return;
        }
        if (fragment && t.col0()) {
            // a body in column 0: whatever we thought, this is file scope
            int before = (header.isEmpty() ? t.line() : header.get(0).tok().line()) - 1;
            if (current != null) {
                close(current, Math.max(current.startLine(), before));
                current = null;
            }
            if (assumedInside) {
                endAssumed(before);
            }
            stack.clear();
            braces = 0;
        }
        if (braces > 0 || parens() > 0 || (fragment && assumedInside && !t.col0() && !declarationStartsInColumn0())) {
            boolean inParens = parens() > 0;
            stack.add(Role.INNER);
            braces++;
            if (!inParens) {
                header.clear();
                knr = null;
            }
            return;
        }
        Decl d = header.isEmpty() ? knr : Declarator.analyse(header, false);
        if (d != null && fragment && !t.col0() && !d.startsInColumn0()) {
            d = null;
        }
        if (d != null) {
            if (assumedInside) {
                endAssumed(d.startLine() - 1);
            }
            current = new Open(d.name(), d.startLine(), t.line(), d.isStatic(), d.isInline());
            stack.add(Role.FUNC);
        } else {
            stack.add(assumedInside ? Role.INNER : Role.BLOCK);
        }
        braces++;
        header.clear();
        knr = null;
    }

    private boolean declarationStartsInColumn0() {
        Decl d = Declarator.analyse(header, false);
        return d != null && d.startsInColumn0();
    }

    private void closeBrace(Tok t) {
        int k = stack.lastIndexOf(Role.FUNC);
        int b = Math.max(k, Math.max(stack.lastIndexOf(Role.BLOCK), stack.lastIndexOf(Role.INNER)));
        if (b < 0) {
            if (fragment) {
                if (assumedInside && t.col0()) {
                    endAssumed(t.line());
                }
            } else {
                problem("unmatched '}' at line " + t.line());
            }
            header.clear();
            return;
        }
        Role r = stack.get(b);
        truncate(b);
        if (r == Role.FUNC && current != null) {
            close(current, t.line());
            current = null;
        }
        if (fragment && t.col0()) {
            if (current != null) {
                close(current, t.line());
                current = null;
            }
            if (assumedInside) {
                endAssumed(t.line());
            }
            stack.clear();
            braces = 0;
        }
        if (braces == 0) {
            header.clear();
            knr = null;
        }
    }

    private void truncate(int k) {
        while (stack.size() > k) {
            Role r = stack.remove(stack.size() - 1);
            if (r == Role.FUNC || r == Role.BLOCK || r == Role.INNER) {
                braces--;
            }
        }
    }

    private static String key(Open o) {
        return o.name() + "@" + o.startLine();
    }

    private void close(Open o, int endLine) {
        int end = Math.max(endLine, o.startLine());
        String key = key(o);
        CFunction prev = done.get(key);
        if (prev != null) {
            end = Math.max(end, prev.endLine()); // re-closed after an #else restore
        }
        done.put(key, new CFunction(o.name(), o.startLine(), o.bodyLine(), end, o.isStatic(), o.isInline()));
    }

    private void endAssumed(int endLine) {
        if (!assumedInside) {
            return;
        }
        assumedInside = false;
        if (endLine >= firstLine) {
            close(new Open(assumedName, firstLine, 0, false, false), endLine);
        }
    }

    private Snapshot snapshot() {
        return new Snapshot(List.copyOf(stack), current, assumedInside);
    }

    private void restore(Snapshot s) {
        stack = new ArrayList<>(s.stack());
        braces = 0;
        for (Role r : stack) {
            if (r == Role.FUNC || r == Role.BLOCK || r == Role.INNER) {
                braces++;
            }
        }
        current = s.current();
        assumedInside = s.assumedInside() && assumedInside;
    }

    private void problem(String p) {
        if (problems.size() < 20) {
            problems.add(p);
        }
    }
}
