package dev.daxspec.series.mail;

import dev.daxspec.series.PatchTag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A patch mail's subject, taken apart: {@code Re: [PATCH v3 2/3] ext4: add
 * XIP support} is a reply, version 3, patch 2 of 3, {@code ext4: add XIP
 * support}. Bracket groups that are not a patch prefix (such as
 * {@code [GIT PULL]}) stay in the subject.
 *
 * @param subject the subject without reply markers and patch prefix
 * @param tag the patch prefix, if the subject has one
 * @param reply whether the subject starts with {@code Re:} (or a
 *     translation: {@code Aw:}, {@code Sv:}, {@code Antw:})
 */
public record PatchSubject(String subject, Optional<PatchTag> tag, boolean reply) {

    private static final Pattern REPLY = Pattern.compile("(?i)^\\s*(re|aw|sv|antw|fwd?)\\s*(\\[\\d+\\])?\\s*:\\s*");
    private static final Pattern GROUP = Pattern.compile("^\\s*\\[([^\\]]*)\\]\\s*");
    private static final Pattern NUMBER = Pattern.compile("(\\d+)/(\\d+)");
    private static final Pattern VERSION = Pattern.compile("(?i)v(\\d+)");

    /**
     * @param raw a Subject header, decoded
     * @return the subject taken apart
     */
    public static PatchSubject parse(String raw) {
        String s = raw.strip().replaceAll("\\s+", " ");
        boolean reply = false;
        boolean changed = true;
        PatchTag tag = null;
        while (changed) {
            changed = false;
            Matcher r = REPLY.matcher(s);
            if (r.find()) {
                reply |= !r.group(1).toLowerCase(Locale.ROOT).startsWith("fw");
                s = s.substring(r.end());
                changed = true;
            }
            Matcher g = GROUP.matcher(s);
            if (tag == null && g.find()) {
                Optional<PatchTag> t = tag(g.group(1));
                if (t.isPresent()) {
                    tag = t.get();
                    s = s.substring(g.end());
                    changed = true;
                }
            }
        }
        return new PatchSubject(s.strip(), Optional.ofNullable(tag), reply);
    }

    private static Optional<PatchTag> tag(String inside) {
        String[] words = inside.strip().split("\\s+");
        boolean patch = false;
        boolean rfc = false;
        boolean resend = false;
        int version = 1;
        int number = 0;
        int total = 0;
        List<String> other = new ArrayList<>();
        for (String w : words) {
            String u = w.toUpperCase(Locale.ROOT);
            Matcher n = NUMBER.matcher(w);
            Matcher v = VERSION.matcher(w);
            if (u.equals("PATCH")) {
                patch = true;
            } else if (u.matches("PATCHV\\d+")) { // [PATCHv2]
                patch = true;
                version = Integer.parseInt(u.substring(6));
            } else if (u.equals("RFC")) {
                rfc = true;
            } else if (u.equals("RESEND")) {
                resend = true;
            } else if (n.matches()) {
                number = Integer.parseInt(n.group(1));
                total = Integer.parseInt(n.group(2));
            } else if (v.matches()) {
                version = Integer.parseInt(v.group(1));
            } else if (!w.isEmpty()) {
                other.add(w);
            }
        }
        if (!patch && !(rfc && total > 0)) {
            return Optional.empty();
        }
        if (total > 0 && number > total) {
            return Optional.empty();
        }
        return Optional.of(new PatchTag(Math.max(1, version), number, total, rfc, resend, other));
    }
}
