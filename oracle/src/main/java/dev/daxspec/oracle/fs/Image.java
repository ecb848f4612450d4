package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.storage.ExtentMap;
import dev.daxspec.oracle.storage.RangeMap;
import dev.daxspec.oracle.target.DaxPolicy;
import dev.daxspec.oracle.target.Filesystem;
import java.util.ArrayList;
import java.util.List;

/**
 * A filesystem's metadata as a journal commit at some point would make it durable: the
 * files that exist, with i_disksize, their allocated blocks (delayed allocations are not
 * on disk yet) and whether each block is written or unwritten, and which of their 2 MiB
 * ranges are known to sit 2 MiB aligned on the device. Immutable; equal images stand for
 * the same recovered state.
 */
record Image(List<FileImage> files, long nextIno) {

    /**
     * One file in an image. Blocks are {@code start, end, written} triples; {@code
     * pmdAligned} the PMD indexes of {@link Inode#pmdAligned}.
     */
    record FileImage(
            String name,
            long ino,
            long size,
            List<List<Long>> blocks,
            boolean prealloc,
            String layoutUnknown,
            List<Long> pmdAligned) {}

    static Image of(FileSystem fs) {
        List<FileImage> files = new ArrayList<>();
        for (Inode ip : fs.files()) {
            List<List<Long>> blocks = new ArrayList<>();
            for (RangeMap.Run<BlockState> r : ip.extents.runs()) {
                if (r.value() != BlockState.DELALLOC) {
                    blocks.add(List.of(r.start(), r.end(), r.value() == BlockState.WRITTEN ? 1L : 0L));
                }
            }
            files.add(new FileImage(
                    ip.name(),
                    ip.ino(),
                    ip.diskSize,
                    List.copyOf(blocks),
                    ip.prealloc,
                    ip.layoutUnknown,
                    ip.pmdAligned.stream().sorted().toList()));
        }
        return new Image(List.copyOf(files), fs.nextIno());
    }

    /**
     * The filesystem the next mount finds: {@code before}'s target, with this image's
     * files, each holding what the device held in its written blocks at the crash. The
     * blocks stay where they were on the device, so a 2 MiB range a PMD write fault
     * allocated 2 MiB aligned is still aligned, if the image holds all of its blocks.
     */
    FileSystem recover(FileSystem before) {
        FileSystem fs = new FileSystem(before.target(), before.kernel(), before.policy(), before.capacity());
        int bs = before.geometry().blockSize();
        for (FileImage f : files) {
            Inode old = before.lookup(f.name()).orElse(null);
            Inode ip = new Inode(f.ino(), f.name(), before.policy() == DaxPolicy.ALWAYS);
            ip.size = f.size();
            ip.diskSize = f.size();
            ip.prealloc = f.prealloc();
            ip.layoutUnknown = f.layoutUnknown();
            ip.iversionQueried = before.target().fs() == Filesystem.XFS;
            ExtentMap extents = ip.extents;
            for (List<Long> b : f.blocks()) {
                boolean written = b.get(2) == 1L;
                extents.set(b.get(0), b.get(1), written ? BlockState.WRITTEN : BlockState.UNWRITTEN);
                if (written && old != null) {
                    long from = b.get(0) * bs;
                    long len = (b.get(1) - b.get(0)) * bs;
                    ip.data.copyFrom(old.media, from, len);
                    ip.media.copyFrom(old.media, from, len);
                }
            }
            long blocksPerPmd = before.geometry().pmdSize() / bs;
            for (long pmd : f.pmdAligned()) {
                if (extents.mapped(pmd * blocksPerPmd, (pmd + 1) * blocksPerPmd) == blocksPerPmd) {
                    ip.pmdAligned.add(pmd);
                }
            }
            fs.restore(ip);
        }
        fs.restoreNextIno(nextIno);
        return fs;
    }
}
