/**
 * Reading patch mail: mbox, single messages and bare patches; MIME decoding;
 * {@code [PATCH vN n/m]} subjects; extracting quilt and git diffs outside
 * quoted text for JGit's patch parser; applying them in memory with JGit's
 * PatchApplier.
 */
package dev.daxspec.series.mail;
