@seed:003 @B9
@touches:fs/xfs/xfs_file.c:xfs_file_release @touches:fs/xfs/xfs_inode.c:xfs_release
@touches:fs/xfs/xfs_bmap_util.c:xfs_free_eofblocks @touches:fs/xfs/xfs_iomap.c:xfs_iomap_prealloc_size
Feature: Space a buffered write reserved past EOF is given back when the file is closed

  A write must not leak the space it reserved: Dave Chinner in "[RFC] new ->perform_write
  fop" (linux-kernel, May 2010) wants the reservation given back on every path. xfs
  reserves more than a buffered write asks for: once a file reaches its allocsize (64 KiB)
  a write past EOF gets delayed-allocation blocks past it (xfs_iomap_prealloc_size()),
  which fiemap and i_blocks show. The first close gives them back: xfs_file_release()
  calls xfs_release(), which trims them with xfs_free_eofblocks(); so the next open of
  the file finds its blocks ending at EOF. (How much xfs preallocated before that depends
  on free space, and the model does not predict it.)

  Scenario: On xfs on brd the blocks a 72 KiB buffered write got past EOF are gone after the file is closed
    Given xfs on brd
    And an empty file "f"
    When xfs_io runs on "f":
      """
      pwrite -S 0x61 0 73728
      """
    And xfs_io runs on "f":
      """
      fiemap -v
      """
    Then xfs_io prints:
      """
      0: [0..143]: data
      """
