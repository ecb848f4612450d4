package dev.daxspec.series.clang;

/**
 * A small C lexer: enough to find functions, not to compile. It skips
 * comments, string and character literals, reports preprocessor directives
 * (joined across backslash-newlines) as whole lines, and emits the tokens
 * that matter for finding declarations. It records which lines carry code.
 *
 * <p>Literals end at the end of the line even when unterminated: C literals
 * cannot span lines (except through a backslash-newline, which is honoured),
 * and this keeps an apostrophe in a diff fragment's prose from swallowing the
 * rest of the fragment. Not thread-safe; one instance lexes one text once.
 */
final class CLexer {

    /** Token kinds. */
    enum Kind {
        IDENT,
        LPAREN,
        RPAREN,
        LBRACK,
        RBRACK,
        LBRACE,
        RBRACE,
        SEMI,
        EQ,
        STAR,
        COMMA,
        COLON,
        LITERAL,
        NUMBER,
        OTHER
    }

    /**
     * A token.
     *
     * @param kind kind
     * @param text text
     * @param line line number
     * @param col0 whether the token is the first thing on its line and starts
     *     in column 0
     * @param lineStart whether the token is the first thing on its line
     */
    record Tok(Kind kind, String text, int line, boolean col0, boolean lineStart) {}

    /** Receives what the lexer finds. */
    interface Sink {
        void token(Tok t);

        /**
         * @param text the directive without its {@code #}, comments removed,
         *     continuation lines joined
         * @param line the directive's first line
         * @param skipping whether the lexer is currently skipping dead code
         * @return whether the lexer should skip dead code from here on
         */
        boolean directive(String text, int line, boolean skipping);

        /**
         * @param line the line that ended
         * @param blank whether it held nothing but whitespace
         */
        void lineEnd(int line, boolean blank);
    }

    private final CharSequence s;
    private final int n;
    private final int firstLine;
    private final boolean[] code;
    private int i;
    private int line;
    private int col;
    private boolean atLineStart = true;
    private boolean lineHasAnything;
    private boolean skipping;
    private boolean unterminatedComment;

    CLexer(CharSequence s, int firstLine) {
        this.s = s;
        this.n = s.length();
        this.firstLine = firstLine;
        this.code = new boolean[countLines(s)];
        this.line = firstLine;
    }

    static int countLines(CharSequence s) {
        int lines = 1;
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) == '\n' && k + 1 < s.length()) {
                lines++;
            }
        }
        return lines;
    }

    boolean[] codeLines() {
        return code;
    }

    int lineCount() {
        return code.length;
    }

    int lastLine() {
        return firstLine + code.length - 1;
    }

    boolean unterminatedComment() {
        return unterminatedComment;
    }

    /**
     * Lexes the whole text.
     *
     * @param sink receives tokens, directives and line ends
     * @param startInComment whether the text starts inside a block comment
     *     (a diff fragment that begins in the middle of a comment)
     */
    void run(Sink sink, boolean startInComment) {
        if (startInComment) {
            blockCommentBody();
        }
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                sink.lineEnd(line, !lineHasAnything);
                newline();
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b) {
                i++;
                col++;
                continue;
            }
            if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '\n') {
                i++; // a line splice outside a directive: keep the line going
                line++;
                col = 0;
                i++;
                continue;
            }
            if (atLineStart && c == '#') {
                int start = line;
                String text = directiveText();
                skipping = sink.directive(text, start, skipping);
                continue;
            }
            if (c == '/' && peek(1) == '*') {
                i += 2;
                col += 2;
                lineHasAnything = true;
                atLineStart = false;
                blockCommentBody();
                continue;
            }
            if (c == '/' && peek(1) == '/') {
                lineHasAnything = true;
                atLineStart = false;
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            boolean lineStart = atLineStart;
            boolean col0 = atLineStart && col == 0;
            atLineStart = false;
            lineHasAnything = true;
            if (!skipping) {
                code[line - firstLine] = true;
            }
            int tokLine = line;
            if (c == '"' || c == '\'') {
                literal(c);
                emit(sink, Kind.LITERAL, "\"", tokLine, col0, lineStart);
            } else if (isIdentStart(c)) {
                int b = i;
                while (i < n && isIdentPart(s.charAt(i))) {
                    i++;
                }
                col += i - b;
                emit(sink, Kind.IDENT, s.subSequence(b, i).toString(), tokLine, col0, lineStart);
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                int b = i;
                while (i < n) {
                    char d = s.charAt(i);
                    if (isIdentPart(d) || d == '.') {
                        i++;
                    } else if ((d == '+' || d == '-') && i > b && "eEpP".indexOf(s.charAt(i - 1)) >= 0) {
                        i++;
                    } else {
                        break;
                    }
                }
                col += i - b;
                emit(sink, Kind.NUMBER, s.subSequence(b, i).toString(), tokLine, col0, lineStart);
            } else {
                punctuation(sink, c, tokLine, col0, lineStart);
            }
        }
        sink.lineEnd(line, !lineHasAnything);
    }

    private void emit(Sink sink, Kind k, String text, int tokLine, boolean col0, boolean lineStart) {
        if (!skipping) {
            sink.token(new Tok(k, text, tokLine, col0, lineStart));
        }
    }

    private void punctuation(Sink sink, char c, int tokLine, boolean col0, boolean lineStart) {
        char d = peek(1);
        Kind k;
        int len = 1;
        switch (c) {
            case '(' -> k = Kind.LPAREN;
            case ')' -> k = Kind.RPAREN;
            case '[' -> k = Kind.LBRACK;
            case ']' -> k = Kind.RBRACK;
            case '{' -> k = Kind.LBRACE;
            case '}' -> k = Kind.RBRACE;
            case ';' -> k = Kind.SEMI;
            case ',' -> k = Kind.COMMA;
            case ':' -> k = Kind.COLON;
            case '*' -> {
                if (d == '=') {
                    k = Kind.OTHER;
                    len = 2;
                } else {
                    k = Kind.STAR;
                }
            }
            case '=' -> {
                if (d == '=') {
                    k = Kind.OTHER;
                    len = 2;
                } else {
                    k = Kind.EQ;
                }
            }
            default -> {
                k = Kind.OTHER;
                if (d == '=' && "<>!+-/%&|^".indexOf(c) >= 0) {
                    len = 2;
                } else if ((c == '-' && d == '>')
                        || (c == '-' && d == '-')
                        || (c == '+' && d == '+')
                        || (c == '&' && d == '&')
                        || (c == '|' && d == '|')
                        || (c == '<' && d == '<')
                        || (c == '>' && d == '>')) {
                    len = 2;
                }
            }
        }
        String text = s.subSequence(i, Math.min(n, i + len)).toString();
        i += len;
        col += len;
        emit(sink, k, text, tokLine, col0, lineStart);
    }

    private void literal(char quote) {
        i++;
        col++;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && s.charAt(i + 1) == '\n') {
                    i += 2;
                    line++;
                    col = 0;
                    markCode();
                    continue;
                }
                i += 2;
                col += 2;
                continue;
            }
            if (c == '\n') {
                return; // unterminated: ends with the line
            }
            i++;
            col++;
            if (c == quote) {
                return;
            }
        }
    }

    private void blockCommentBody() {
        lineHasAnything = true;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '*' && peek(1) == '/') {
                i += 2;
                col += 2;
                return;
            }
            if (c == '\n') {
                newline();
                lineHasAnything = true;
                atLineStart = false;
                i++;
                continue;
            }
            i++;
            col++;
        }
        unterminatedComment = true;
    }

    /** Reads a directive up to (not including) the newline that ends it. */
    private String directiveText() {
        markCode();
        lineHasAnything = true;
        atLineStart = false;
        i++;
        col++;
        StringBuilder text = new StringBuilder();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n'))) {
                i += peek(1) == '\n' ? 2 : 3;
                line++;
                col = 0;
                markCode();
                text.append(' ');
                continue;
            }
            if (c == '\n') {
                break;
            }
            if (c == '/' && peek(1) == '*') {
                i += 2;
                int before = line;
                blockCommentBody();
                for (int l = before + 1; l <= line; l++) {
                    markLine(l);
                }
                atLineStart = false;
                text.append(' ');
                continue;
            }
            if (c == '/' && peek(1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                break;
            }
            text.append(c);
            i++;
            col++;
        }
        return text.toString();
    }

    private void markCode() {
        if (!skipping) {
            markLine(line);
        }
    }

    private void markLine(int l) {
        int k = l - firstLine;
        if (k >= 0 && k < code.length) {
            code[k] = true;
        }
    }

    private void newline() {
        line++;
        col = 0;
        atLineStart = true;
        lineHasAnything = false;
    }

    private char peek(int ahead) {
        int k = i + ahead;
        return k < n ? s.charAt(k) : '\0';
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
