package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.mm.DaxEntry;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.storage.RangeMap;
import dev.daxspec.oracle.target.Filesystem;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls that report a file's block layout and attributes: lseek(2) with SEEK_DATA
 * and SEEK_HOLE, stat(2) and statx(2), FS_IOC_FSGETXATTR and FS_IOC_FIEMAP. Each refuses
 * to predict ({@link Unpredictable}) a layout the model no longer knows. Not thread-safe.
 */
final class Queries {

    private final SuperBlock sb;
    private final Geometry g;
    private final PageCache pageCache;

    Queries(SuperBlock sb, PageCache pageCache) {
        this.sb = sb;
        this.g = sb.g();
        this.pageCache = pageCache;
    }

    /**
     * lseek(2) with SEEK_DATA or SEEK_HOLE (iomap_seek_data(), iomap_seek_hole()). Data
     * is written and delalloc blocks, and unwritten blocks whose page-cache copy is
     * uptodate; holes and other unwritten blocks are holes, and so is EOF. At or past EOF
     * both fail with ENXIO.
     */
    SysRet seek(Inode ip, long off, Whence whence) {
        requireLayout(ip);
        if (off < 0 || off >= ip.size) {
            return SysRet.error(Errno.ENXIO);
        }
        long block = g.blockIndex(off);
        long limit = g.blocksFor(ip.size);
        while (block < limit) {
            boolean data = isData(ip, block);
            if (data == (whence == Whence.DATA)) {
                return SysRet.ok(Math.max(off, block * g.blockSize()));
            }
            block = nextChange(ip, block, limit);
        }
        return whence == Whence.DATA ? SysRet.error(Errno.ENXIO) : SysRet.ok(ip.size);
    }

    private boolean isData(Inode ip, long block) {
        BlockState s = ip.extents.state(block);
        if (s == null) {
            return false;
        }
        if (s != BlockState.UNWRITTEN) {
            return true;
        }
        if (ip.dax()) {
            // mapping_seek_hole_data() counts any entry in the mapping as data, and a read
            // fault over an unwritten block leaves a zero-page entry (measured on 6.1).
            long page = block * g.blockSize() / g.pageSize();
            return ip.daxEntries.get(page) != null;
        }
        if (ip.readahead) {
            throw new Unpredictable("SEEK_DATA/SEEK_HOLE over an unwritten extent of a page-cache file after"
                    + " a read or a fault: readahead fills pages the model does not track");
        }
        return ip.cached.get(block) != null;
    }

    /** The next block after {@code block} where the data/hole answer may change. */
    private long nextChange(Inode ip, long block, long limit) {
        RangeMap.Run<BlockState> run = ip.extents.nextRun(block);
        long next = run == null ? limit : (run.start() > block ? run.start() : run.end());
        RangeMap.Run<Boolean> c = ip.cached.nextRun(block);
        if (c != null) {
            long cnext = c.start() > block ? c.start() : c.end();
            next = Math.min(next, cnext);
        }
        long perPage = Math.max(1, g.pageSize() / g.blockSize());
        RangeMap.Run<DaxEntry> e = ip.daxEntries.nextRun(block / perPage);
        if (e != null) {
            long enext = (e.start() > block / perPage ? e.start() : e.end()) * perPage;
            next = Math.min(next, enext);
        }
        return Math.min(Math.max(next, block + 1), limit);
    }

    /**
     * stat(2)/statx(2). st_blocks counts allocated and delalloc blocks and the file's
     * metadata blocks, in 512-byte units; STATX_ATTR_DAX is set for S_DAX inodes. The
     * result mask is STATX_BASIC_STATS | STATX_BTIME | STATX_MNT_ID (0x1fff).
     */
    StatInfo stat(Inode ip) {
        requireLayout(ip);
        long blocks = (ip.extents.mapped() + sb.profile().metadataBlocks(ip.extents, g)) * (g.blockSize() / 512);
        return new StatInfo(
                ip.ino(),
                0100600,
                1,
                ip.size,
                blocks,
                sb.profile().statBlksize(g),
                0x1fff,
                ip.dax() ? StatInfo.STATX_ATTR_DAX : 0,
                sb.profile().attributesMask());
    }

    /**
     * FS_IOC_FSGETXATTR's fsx_xflags on xfs: FS_XFLAG_PREALLOC (0x2) once
     * xfs_alloc_file_space() has run for the file (fallocate or zero range), which sets
     * XFS_DIFLAG_PREALLOC and nothing in the model clears.
     */
    int xflags(Inode ip) {
        // FS_XFLAG_HASATTR: the attribute fork xfs_create_need_xattr() made at create time.
        return (ip.prealloc ? 0x2 : 0)
                | (sb.target().fs() == Filesystem.XFS && sb.kernel().profile().xfsAttrForkOnCreate() ? 0x80000000 : 0);
    }

    /**
     * FS_IOC_FIEMAP with FIEMAP_FLAG_SYNC (as xfs_io asks): writes back first, then
     * reports every allocated run, preallocation past EOF included, the last one flagged
     * FIEMAP_EXTENT_LAST (iomap_fiemap()).
     */
    List<FiemapExtent> fiemap(Inode ip) {
        requireLayout(ip);
        pageCache.writeback(ip);
        List<FiemapExtent> out = new ArrayList<>();
        List<RangeMap.Run<BlockState>> runs = ip.extents.runs();
        for (int i = 0; i < runs.size(); i++) {
            RangeMap.Run<BlockState> r = runs.get(i);
            int flags = sb.profile().fiemapFlags();
            if (r.value() == BlockState.UNWRITTEN) {
                flags |= FiemapExtent.UNWRITTEN;
            }
            if (i == runs.size() - 1) {
                flags |= FiemapExtent.LAST;
            }
            out.add(new FiemapExtent(r.start() * g.blockSize(), r.length() * g.blockSize(), flags));
        }
        return out;
    }

    private static void requireLayout(Inode ip) {
        if (ip.layoutUnknown != null) {
            throw new Unpredictable(ip.name() + "'s block layout is not modelled: " + ip.layoutUnknown);
        }
    }
}
