package dev.daxspec.oracle.xfsio;

import java.math.BigInteger;

/**
 * xfs_io's number syntax: libfrog/convert.c {@code cvtnum()}. A number as strtoll(3)
 * reads it with base 0 (decimal, {@code 0x} hex, leading {@code 0} octal, a sign) and at
 * most one unit letter: {@code b} (filesystem blocks), {@code s} (sectors), {@code k},
 * {@code m}, {@code g}, {@code t}, {@code p}, {@code e} (powers of 1024), in either case.
 * Anything else is not a number, and cvtnum returns -1, as does a literal -1.
 */
final class Cvtnum {

    private Cvtnum() {}

    /**
     * @param blockSize what {@code b} means: xfs_io's init_cvtnum() uses the XFS geometry's
     *     block size on xfs and 4096 on any other ("foreign") filesystem
     * @param sectorSize what {@code s} means: the XFS sector size, or 512 when foreign
     * @return the value, or -1 when xfs_io would not accept the text
     */
    static long parse(String text, long blockSize, long sectorSize) {
        int[] end = new int[1];
        long i = strtoll(text, end);
        int sp = end[0];
        if (i == 0 && sp == 0) {
            return -1;
        }
        if (sp == text.length()) {
            return i;
        }
        if (sp + 1 != text.length()) {
            return -1;
        }
        return switch (Character.toLowerCase(text.charAt(sp))) {
            case 'b' -> i * blockSize;
            case 's' -> i * sectorSize;
            case 'k' -> i << 10;
            case 'm' -> i << 20;
            case 'g' -> i << 30;
            case 't' -> i << 40;
            case 'p' -> i << 50;
            case 'e' -> i << 60;
            default -> -1;
        };
    }

    /** strtoll(s, &end, 0): saturating at the long range, {@code end[0]} where parsing stopped. */
    static long strtoll(String s, int[] end) {
        int p = 0;
        int n = s.length();
        while (p < n && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
        boolean negative = false;
        if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
            negative = s.charAt(p) == '-';
            p++;
        }
        int base = 10;
        if (p < n && s.charAt(p) == '0') {
            if (p + 2 < n
                    && (s.charAt(p + 1) == 'x' || s.charAt(p + 1) == 'X')
                    && Character.digit(s.charAt(p + 2), 16) >= 0) {
                base = 16;
                p += 2;
            } else {
                base = 8;
            }
        }
        int digitsStart = p;
        BigInteger value = BigInteger.ZERO;
        BigInteger b = BigInteger.valueOf(base);
        while (p < n && Character.digit(s.charAt(p), base) >= 0) {
            value = value.multiply(b).add(BigInteger.valueOf(Character.digit(s.charAt(p), base)));
            p++;
        }
        if (p == digitsStart && base != 8) {
            end[0] = 0;
            return 0;
        }
        end[0] = p;
        if (negative) {
            value = value.negate();
        }
        if (value.bitLength() > 63) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return value.longValue();
    }
}
