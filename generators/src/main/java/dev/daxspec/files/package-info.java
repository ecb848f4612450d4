/**
 * Files daxspec writes for the user, whole or not at all ({@link dev.daxspec.files.AtomicFile}).
 */
package dev.daxspec.files;
