/**
 * JUnit XML in the layout Maven Surefire writes: what {@code check}, {@code run}, {@code conform}
 * and {@code series} write with {@code --junit}, and what the report reads back.
 */
package dev.daxspec.junit;
