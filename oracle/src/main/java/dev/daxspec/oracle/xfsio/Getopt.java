package dev.daxspec.oracle.xfsio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of GNU getopt(3) xfs_io's commands rely on: option letters may be grouped
 * ({@code -kv}), an option's argument may be attached ({@code -S0x61}) or follow, options
 * may come after operands (GNU permutes argv), and {@code --} ends the options. A
 * negative number therefore reads as an option, as it does in xfs_io.
 */
final class Getopt {

    final Map<Character, String> options = new LinkedHashMap<>();
    final List<String> operands = new ArrayList<>();

    /**
     * @param spec getopt's optstring: letters, a letter followed by ':' takes an argument
     */
    Getopt(String command, List<String> args, String spec) {
        boolean optionsDone = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsDone || !a.startsWith("-") || a.length() == 1) {
                operands.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsDone = true;
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                int at = spec.indexOf(c);
                if (at < 0 || c == ':') {
                    throw new BadCommand(
                            command + ": option -" + c + " is not modelled (it takes: " + describe(spec) + ")");
                }
                if (at + 1 < spec.length() && spec.charAt(at + 1) == ':') {
                    String value;
                    if (j + 1 < a.length()) {
                        value = a.substring(j + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new BadCommand(command + ": option -" + c + " needs an argument");
                    }
                    options.put(c, value);
                    break;
                }
                options.put(c, "");
            }
        }
    }

    boolean has(char c) {
        return options.containsKey(c);
    }

    private static String describe(String spec) {
        if (spec.isEmpty()) {
            return "no options";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == ':') {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('-').append(c);
            if (i + 1 < spec.length() && spec.charAt(i + 1) == ':') {
                sb.append(" ARG");
            }
        }
        return sb.toString();
    }
}
