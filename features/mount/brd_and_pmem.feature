@seed:004 @B11
# brd_insert_page: where brd's XIP support ("brd: support XIP", December 2007) kept pages out of
# highmem for ->direct_access, until brd's DAX support was removed in 4.15.
@touches:drivers/block/brd.c:brd_insert_page @touches:drivers/block/brd.c:brd_alloc @touches:drivers/nvdimm/pmem.c:pmem_attach_disk
@touches:fs/ext4/super.c:__ext4_fill_super @touches:fs/xfs/xfs_super.c:xfs_setup_dax_always
Feature: brd serves page-cache tests and pmem serves DAX tests

  Nick Piggin's "brd: support XIP" (December 2007) gave brd direct_access so that XIP could "be tested without special hardware";
  Linux 4.15 took it away again (7a862fbbdec6, "brd: remove dax support"). brd is the
  device for page-cache behaviour: every filesystem runs on it without DAX. DAX tests
  need emulated persistent memory, memmap= or a qemu nvdimm giving /dev/pmem0. A DAX
  mount on brd is refused by ext4 and turned into a page-cache mount by xfs.

  Scenario Outline: ext4 on brd refuses <options>: brd has no DAX since Linux 4.15
    Given ext4 on brd mounted with <options>
    Then the mount is refused
    And the kernel logs "EXT4-fs (ram0): DAX unsupported by block device."

    Examples:
      | options    |
      | dax=always |
      | dax        |

  Scenario: xfs on brd with dax=always mounts through the page cache
    Given xfs on brd mounted with dax=always
    And a file "f" of 2 pages
    Then the mount succeeds
    And the kernel logs "XFS (ram0): DAX unsupported by block device. Turning off DAX."
    And the file is not DAX
    And mapping the file with MAP_SYNC fails with EOPNOTSUPP

  Scenario Outline: <fs> on brd runs writes, reads and mappings through the page cache
    Given <fs> on brd
    And a file "f" of 2 pages
    When 100 bytes of 0x62 are written at 4000
    And the file is mapped shared for 2 pages
    And 0x63 is stored at byte 10 through the mapping
    Then the mount succeeds
    And the kernel logs nothing
    And the file is not DAX
    And the range 4000..4099 reads as 0x62 through read()
    And byte 10 reads as 0x63 through read()

    Examples:
      | fs   |
      | ext4 |
      | xfs  |
      | ext2 |

  Scenario Outline: <fs> on pmem with dax=always gives DAX files
    Given <fs> on pmem mounted with dax=always
    And a file "f" of 2 pages
    When the file is mapped shared for 2 pages
    And 0x63 is stored at byte 10 through the mapping
    Then the mount succeeds
    And the file is DAX
    And 1 PTE fault is taken
    And byte 10 reads as 0x63 through read()

    Examples:
      | fs   |
      | ext4 |
      | xfs  |
