@seed:001 @seed:003 @B10
@touches:fs/ext4/inode.c:ext4_punch_hole @touches:fs/ext4/extents.c:ext4_zero_range
@touches:fs/xfs/xfs_file.c:xfs_file_fallocate @touches:fs/xfs/xfs_bmap_util.c:xfs_free_file_space
@touches:fs/ext4/inode.c:ext4_break_layouts @touches:fs/xfs/xfs_file.c:xfs_break_layouts
@touches:fs/dax.c:dax_layout_busy_page @touches:mm/truncate.c:truncate_pagecache_range
@touches:mm/truncate.c:truncate_pagecache @touches:fs/ext4/inode.c:ext4_setattr @touches:fs/xfs/xfs_iops.c:xfs_setattr_size
Feature: Punch hole, zero range and truncate tear down the mapping of the range first

  When blocks under a mapping are freed or zeroed, the mapping must not keep pointing at
  them: the range is unmapped first, so afterwards loads through the mapping see zeros
  and stores fault in new blocks. Jan Kara in the synchronous page faults RFC (2017): "Basically we do the same on
  events like punch hole" (block page faults, sync, unmap_mapping_range(), then change
  the blocks); Nick Piggin in "[RFC] new ->perform_write fop" (May 2010) on the page cache: "You need to lock the page to
  prevent writes, and then unmap user mappings." In 6.1 ext4_punch_hole() and
  ext4_zero_range() call truncate_pagecache_range(), xfs_file_fallocate() unmaps the
  range, and for DAX files ext4_break_layouts() and xfs_break_layouts() wait for
  dax_layout_busy_page(). A truncate down unmaps the pages past the new EOF.

  Scenario Outline: After a hole is punched under it on <fs> on <device>, the mapping reads zeros and a store gets a new block
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And the range 0..4*PAGE_SIZE-1 is read through the mapping
    And a hole is punched over PAGE_SIZE..2*PAGE_SIZE-1
    Then the range PAGE_SIZE..PAGE_SIZE+15 reads as zeros through the mapping
    And the range PAGE_SIZE-16..PAGE_SIZE-1 reads as 0x61 through the mapping
    And the extent map shows PAGE_SIZE..2*PAGE_SIZE-1 as a hole
    When 0x63 is stored at byte PAGE_SIZE through the mapping
    Then byte PAGE_SIZE reads as 0x63 through read()
    And the extent map shows PAGE_SIZE..2*PAGE_SIZE-1 as data

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |

  Scenario Outline: After a range is zeroed under it on <fs>, the mapping reads zeros and a store writes the block again
    Given <fs> on pmem mounted with dax=always
    And a file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And the range 0..4*PAGE_SIZE-1 is read through the mapping
    And the range 4096..12287 is zeroed
    Then the range 4096..4111 reads as zeros through the mapping
    And the range 12272..12287 reads as zeros through the mapping
    And the range 12288..12303 reads as 0x61 through the mapping
    When 0x63 is stored at byte 8192 through the mapping
    Then byte 8192 reads as 0x63 through read()
    And the range 8193..8207 reads as zeros through read()

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: After truncate down on <fs> on <device>, the mapping past the new EOF raises SIGBUS
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And the range 0..4*PAGE_SIZE-1 is read through the mapping
    And the file is truncated to 5000
    Then the range 4990..4999 reads as 0x61 through the mapping
    And the range 5000..5015 reads as zeros through the mapping
    And reading byte 2*PAGE_SIZE through the mapping raises SIGBUS

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | xfs  | brd    | defaults   |

  Scenario: Truncated down and up again, the file reads zeros where its data was
    Given xfs on pmem mounted with dax=always
    And a file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And the range 0..4*PAGE_SIZE-1 is read through the mapping
    And the file is truncated to 5000
    And the file is truncated to 4 pages
    Then the range 5000..5015 reads as zeros through the mapping
    And the range 12288..12303 reads as zeros through the mapping
    And the range 5000..5015 reads as zeros through read()

  # Through the page cache the zeros of a partial block are written into the cached page
  # (truncate_pagecache_range() zeroes its part of an edge page, ext4_block_zero_page_range()
  # and xfs_zero_range() dirty it), so writeback at unmount puts them on the disk.
  Scenario Outline: On <fs> on brd the bytes a hole punch zeroed inside its edge blocks stay zero after a remount
    Given <fs> on brd
    And a file "f" of 2 pages
    When a hole is punched over 100..PAGE_SIZE+199
    And the filesystem is unmounted and mounted again
    Then the range 100..PAGE_SIZE+199 reads as zeros
    And the range 96..99 reads as 0x61
    And the range PAGE_SIZE+200..PAGE_SIZE+203 reads as 0x61

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: On <fs> on brd the bytes a zero range zeroed inside its edge blocks stay zero after a remount
    Given <fs> on brd
    And a file "f" of 2 pages
    When the range 100..PAGE_SIZE+199 is zeroed
    And the filesystem is unmounted and mounted again
    Then the range 100..PAGE_SIZE+199 reads as zeros
    And the range 96..99 reads as 0x61
    And the range PAGE_SIZE+200..PAGE_SIZE+203 reads as 0x61

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: On <fs> on brd the rest of the EOF block a truncate zeroed stays zero when the file grows and is remounted
    Given <fs> on brd
    And a file "f" of 2 pages
    When the file is truncated to 100
    And the file is truncated to 2*PAGE_SIZE
    And the filesystem is unmounted and mounted again
    Then the range 100..2*PAGE_SIZE-1 reads as zeros
    And the range 96..99 reads as 0x61

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # truncate_pagecache() unmaps with even_cows set: "after this first call, and before
  # truncate_inode_pages finishes, it is possible for private pages to be COWed, which
  # remain after truncate_inode_pages finishes, hence the second unmap_mapping_range call
  # must be made for correctness" (mm/truncate.c). A private copy past the new EOF goes too.
  Scenario Outline: After truncate down on <fs> on <device>, a private copy past the new EOF is gone too: SIGBUS
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When the file is mapped private for 4 pages
    And 0x63 is stored at byte 2*PAGE_SIZE through the mapping
    And the file is truncated to 5000
    Then reading byte 2*PAGE_SIZE through the mapping raises SIGBUS
    And the range 4990..4999 reads as 0x61 through read()

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |

  # truncate_pagecache_range(), which ext4_punch_hole() calls and xfs_flush_unmap_range()
  # is built like, unmaps with even_cows clear: a page a private mapping copied is the
  # process's own, and a hole punched in the file under it does not change it.
  Scenario Outline: A hole punched on <fs> on <device> leaves a private mapping's copied page as it was
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When the file is mapped private for 4 pages
    And 0x63 is stored at byte PAGE_SIZE through the mapping
    And the range 2*PAGE_SIZE..3*PAGE_SIZE-1 is read through the mapping
    And a hole is punched over PAGE_SIZE..3*PAGE_SIZE-1
    Then byte PAGE_SIZE reads as 0x63 through the mapping
    And byte PAGE_SIZE+1 reads as 0x61 through the mapping
    And byte 2*PAGE_SIZE reads as zeros through the mapping
    And byte PAGE_SIZE reads as zeros through read()
    And the extent map shows PAGE_SIZE..3*PAGE_SIZE-1 as a hole

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |

  # A truncate of a DAX file waits for dax_layout_busy_page() (ext4_break_layouts(),
  # xfs_break_layouts()), which unmaps every page of the file from every mapping: the
  # huge zero page below the new EOF faults in again as it was, while the 2 MiB range the
  # new EOF cuts falls back to PTE faults.
  Scenario Outline: Truncated into a 2 MiB range the huge zero page maps, on <fs> that range falls back to PTE faults
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped read-only for 4 MiB
    And byte 0 is read through the mapping
    And byte 2 MiB is read through the mapping
    And the file is truncated to 3 MiB
    And byte 2 MiB is read through the mapping
    And byte 0 is read through the mapping
    Then 3 PMD faults map the huge zero page
    And 1 PMD fault falls back to PTE faults
    And 1 PTE fault maps the zero page
    And reading byte 3 MiB through the mapping raises SIGBUS

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # xfs_file_fallocate() calls xfs_break_layouts(BREAK_UNMAP) whatever the mode, so even a
  # preallocation past EOF unmaps every page of a DAX file (dax_layout_busy_page()) and
  # the next loads fault again; ext4_fallocate() breaks layouts only for the modes that
  # remove or zero blocks (punch, zero range, collapse, insert).
  Scenario Outline: A preallocation past EOF on <fs> <unmaps> a DAX file's pages
    Given <fs> on pmem mounted with dax=always
    And a file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And the range 0..4*PAGE_SIZE-1 is read through the mapping
    And 4 pages are preallocated at 4*PAGE_SIZE keeping the size
    And the range 0..4*PAGE_SIZE-1 is read through the mapping
    Then <faults> PTE faults are taken

    Examples:
      | fs   | unmaps         | faults |
      | ext4 | does not unmap | 4      |
      | xfs  | unmaps         | 8      |

  # ext4_setattr() and xfs_vn_setattr() break layouts for every size change, growing too,
  # so dax_layout_busy_page() unmaps every page of a DAX file and the next loads fault again.
  Scenario Outline: A truncate up of a DAX file on <fs> unmaps its pages too: the next loads fault again
    Given <fs> on pmem mounted with dax=always
    And a file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And the range 0..4*PAGE_SIZE-1 is read through the mapping
    And the file is truncated to 8*PAGE_SIZE
    And the range 0..4*PAGE_SIZE-1 is read through the mapping
    Then 8 PTE faults are taken

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # Through the page cache the punch unmaps the range's pages from the mapping
  # (truncate_pagecache_range()), so a store there faults again, and ->page_mkwrite()
  # reserves a block for the page: writeback puts it in the file.
  Scenario: On ext4 on brd a store after a hole is punched under a shared mapping faults again and gets a block
    Given ext4 on brd
    And a file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And 0x63 is stored at byte 4096 through the mapping
    And a hole is punched over 4096..8191
    And 0x64 is stored at byte 4100 through the mapping
    And the file is fsynced
    Then byte 4100 reads as 0x64 through read()
    And byte 4096 reads as zeros through read()
    And the extent map shows 4096..8191 as data

  # On a DAX file the layout break before a punch or a zero range (ext4_break_layouts(),
  # xfs_break_layouts()) waits for dax_layout_busy_page(), which unmaps every page of the
  # file from every mapping, not only those of the range: a load of a page far from the
  # range faults again, and finds its block where it was.
  Scenario Outline: On <fs> <change> unmaps every page of a DAX file: a load of a page outside the range faults again
    Given <fs> on pmem mounted with dax=always
    And a file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And the range 0..4*PAGE_SIZE-1 is read through the mapping
    And <step>
    And byte 3*PAGE_SIZE is read through the mapping
    Then the faults are traced as:
      """
      dax_pte_fault_done NOPAGE 5
      """
    And byte 3*PAGE_SIZE reads as 0x61 through the mapping

    Examples:
      | fs   | change           | step                                               |
      | ext4 | a punch          | a hole is punched over PAGE_SIZE..2*PAGE_SIZE-1     |
      | xfs  | a punch          | a hole is punched over PAGE_SIZE..2*PAGE_SIZE-1     |
      | ext4 | a zero range     | the range PAGE_SIZE..2*PAGE_SIZE-1 is zeroed        |
      | xfs  | a zero range     | the range PAGE_SIZE..2*PAGE_SIZE-1 is zeroed        |

  # The layout break of a size change unmaps huge PMDs too: dax_layout_busy_page() calls
  # unmap_mapping_pages() over the whole file, which clears a PMD that maps the huge zero
  # page, so the next load in that 2 MiB is a PMD fault again, and finds the PMD zero
  # entry still there (dax_pmd_load_hole() again).
  Scenario Outline: A truncate up of a DAX file on <fs> unmaps the huge zero page: the next load in its 2 MiB is a PMD fault again
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And byte 0 is read through the mapping
    And the file is truncated to 8 MiB
    And byte 4096 is read through the mapping
    Then the faults are traced as:
      """
      dax_pmd_fault_done NOPAGE 2
      dax_pmd_load_hole 2
      """

    Examples:
      | fs   |
      | ext4 |
      | xfs  |
