@seed:002 @B4
@touches:fs/dax.c:dax_iomap_pmd_fault @touches:fs/dax.c:dax_pmd_load_hole @touches:fs/dax.c:grab_mapping_entry
@touches:fs/dax.c:dax_fault_check_fallback @touches:mm/memory.c:__handle_mm_fault @touches:mm/memory.c:create_huge_pmd @touches:fs/dax.c:dax_fault_cow_page
Feature: PMD faults map 2 MiB at once where they can, and fall back to PTE faults where they cannot

  A DAX fault on a 2 MiB-aligned range of a mapping first tries a PMD fault. A read
  fault over a 2 MiB hole maps the huge zero page with one entry, which needs the
  filesystem to say how big the hole is; later write faults in that range can still get
  2 MiB of blocks. If a 4 KiB zero page was mapped first, the range keeps a 4 KiB entry
  and stays on 4 KiB faults: "if someone does a 4k read that faults in a 4k zero page,
  we will only use 4k faults for that range" (Ross Zwisler, August 2016, on why the iomap
  DAX path must keep knowing the size of holes). A PMD fault also falls back when the
  2 MiB range reaches past EOF, when it does not lie inside the mapping, and when the
  blocks are not 2 MiB aligned on the device (xfs allocates without that alignment), and
  for a write fault through a private mapping, which copies the page.
  Counted with the fs_dax tracepoints (dax_pmd_fault_done, dax_pmd_load_hole,
  dax_load_hole, dax_pte_fault_done), since DAX PMD mappings do not show in smaps.

  Scenario Outline: A read fault over a 2 MiB hole on <fs> maps the huge zero page
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped read-only for 4 MiB
    And byte 0 is read through the mapping
    And byte 2 MiB is read through the mapping
    Then 2 PMD faults map the huge zero page
    And no PTE fault is taken
    And the range 2 MiB..2 MiB+15 reads as zeros
    And the file has 0 bytes allocated

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: A 4 KiB zero page mapped first keeps its 2 MiB range on PTE faults on <fs>
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped read-only for 1 page
    And byte 0 is read through the mapping
    And the file is mapped read-only for 4 MiB
    And byte 0 is read through the mapping
    And byte 8192 is read through the mapping
    Then 1 PMD fault falls back to PTE faults
    And no PMD fault maps the huge zero page
    And 3 PTE faults map the zero page

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario: After the huge zero page, a write fault on ext4 still gets 2 MiB of blocks
    Given ext4 on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And byte 0 is read through the mapping
    And 0x63 is stored at byte 4096 through the mapping
    Then 1 PMD fault maps the huge zero page
    And 2 PMD faults succeed
    And no PTE fault is taken
    And the file has 2 MiB allocated
    And the extent map shows 0..2 MiB-1 as data
    And byte 4096 reads as 0x63 through read()

  Scenario: On xfs a write fault over a 2 MiB hole allocates 2 MiB, and falls back to a PTE fault
    Given xfs on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x63 is stored at byte 0 through the mapping
    Then 1 PMD fault falls back to PTE faults
    And 1 PTE fault is taken
    And the file has 2 MiB allocated
    And byte 0 reads as 0x63 through read()

  Scenario Outline: No PMD reaches past EOF on <fs>: a 2 MiB range that EOF cuts falls back
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 3 MiB
    When the file is mapped read-only for 4 MiB
    And byte 0 is read through the mapping
    And byte 2 MiB is read through the mapping
    Then 1 PMD fault maps the huge zero page
    And 1 PMD fault falls back to PTE faults
    And 1 PTE fault maps the zero page

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # dax_iomap_pmd_fault() takes max_pgoff = DIV_ROUND_UP(i_size, PAGE_SIZE), and
  # dax_fault_check_fallback() falls back when (pgoff | PG_PMD_COLOUR) >= max_pgoff: the
  # PMD is allowed as long as EOF lies in the last page of its 2 MiB range.
  Scenario Outline: On <fs>, a file of <size> ends in the last page of its first 2 MiB: one PMD covers it
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of <size>
    When the file is mapped read-only for 4 MiB
    And byte 0 is read through the mapping
    And byte EOF-1 is read through the mapping
    Then 1 PMD fault maps the huge zero page
    And no PTE fault is taken
    And the range PMD_SIZE-PAGE_SIZE..PMD_SIZE-1 reads as zeros through the mapping

    Examples:
      | fs   | size                 |
      | ext4 | PMD_SIZE-PAGE_SIZE+1 |
      | ext4 | PMD_SIZE-1           |
      | xfs  | PMD_SIZE-1           |
      | xfs  | PMD_SIZE             |

  Scenario Outline: On <fs>, a file of PMD_SIZE-PAGE_SIZE leaves the last page of its 2 MiB range past EOF: PTE faults
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of PMD_SIZE-PAGE_SIZE
    When the file is mapped read-only for 4 MiB
    And byte 0 is read through the mapping
    Then 1 PMD fault falls back to PTE faults
    And 1 PTE fault maps the zero page
    And reading byte EOF-1 through the mapping succeeds
    And reading byte EOF through the mapping raises SIGBUS

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # dax_fault_check_fallback(): "Fall back to PTEs if we're going to COW" (a write fault
  # on a mapping without VM_SHARED); the PTE fault copies the page (dax_fault_cow_page()),
  # and neither allocates a block nor changes the file.
  Scenario Outline: A write fault through a private mapping on <fs> falls back to a PTE fault that copies, and allocates nothing
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped private for 4 MiB
    And 0x63 is stored at byte 4096 through the mapping
    Then 1 PMD fault falls back to PTE faults
    And 1 PTE fault is taken
    And no write fault allocates
    And the file has 0 bytes allocated
    And byte 4096 reads as zeros through read()

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario: A mapping smaller than PMD_SIZE takes only PTE faults
    Given ext4 on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped read-only for PMD_SIZE-PAGE_SIZE
    And byte 0 is read through the mapping
    Then no PMD fault succeeds
    And 1 PTE fault maps the zero page

  Scenario: Through the page cache there are no DAX faults to count
    Given ext4 on brd
    And a sparse file "f" of 4 MiB
    When the file is mapped read-only for 4 MiB
    And byte 0 is read through the mapping
    Then no PMD fault succeeds
    And no PTE fault is taken
    And the range 0..15 reads as zeros

  # A write fault in a 2 MiB range the huge zero page maps asks for a PMD fault first
  # (wp_huge_pmd()); on xfs it allocates the 2 MiB and falls back, as the blocks are not
  # 2 MiB aligned, and __split_huge_pmd() clears the PMD. The PTE fault then finds the
  # PMD zero entry and downgrades it (grab_mapping_entry(): "if (dax_is_zero_entry(entry))
  # ... pmd_downgrade"), so every other page of the range faults in on its own, from the
  # new blocks, as zeros.
  Scenario: On xfs a write fault under the huge zero page falls back, and the rest of the 2 MiB takes PTE faults on the new blocks
    Given xfs on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And byte 0 is read through the mapping
    And 0x63 is stored at byte 4096 through the mapping
    And byte 8192 is read through the mapping
    And byte 0 is read through the mapping
    Then the faults are traced as:
      """
      dax_pmd_fault_done FALLBACK 1
      dax_pmd_fault_done NOPAGE 1
      dax_pmd_load_hole 1
      dax_pte_fault_done NOPAGE 3
      """
    And the file has 2 MiB allocated
    And byte 4096 reads as 0x63 through read()
    And the range 0..4095 reads as zeros through read()

  # do_wp_page() on a page a private mapping maps read-only copies it (wp_page_copy());
  # the filesystem is not asked, so no block is allocated and no fs_dax event fires:
  # only the read fault before it is a DAX fault. A store to a page not yet mapped is a
  # DAX fault that copies (dax_fault_cow_page(): VM_FAULT_DONE_COW).
  Scenario Outline: On <fs>, a store to a page a private mapping already reads copies it without a DAX fault
    Given <fs> on pmem mounted with dax=always
    And a file "f" of 4 pages
    When the file is mapped private for 4 pages
    And byte 4096 is read through the mapping
    And 0x63 is stored at byte 4096 through the mapping
    And 0x64 is stored at byte 8192 through the mapping
    Then the faults are traced as:
      """
      dax_pte_fault_done DONE_COW 1
      dax_pte_fault_done NOPAGE 1
      """
    And byte 4096 reads as 0x61 through read()
    And byte 8192 reads as 0x61 through read()

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # A hole punched over the range deletes its DAX entries with its pages
  # (truncate_pagecache_range() reaches dax_delete_mapping_entry()), the 4 KiB zero page
  # entry among them, so the next read fault there can map the huge zero page again.
  Scenario Outline: On <fs> a hole punched over a 2 MiB range clears the 4 KiB zero page entry that kept it on PTE faults
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped read-only for 1 page
    And byte 0 is read through the mapping
    And the file is mapped read-only for 4 MiB
    And a hole is punched over 0..2 MiB-1
    And byte 8192 is read through the mapping
    Then the faults are traced as:
      """
      dax_load_hole NOPAGE 1
      dax_pmd_fault_done NOPAGE 1
      dax_pmd_load_hole 1
      dax_pte_fault_done NOPAGE 1
      """

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # dax_iomap_pmd_fault(): "if (xas.xa_index >= max_pgoff)" returns VM_FAULT_SIGBUS before
  # dax_fault_check_fallback() could fall back, so a load in a 2 MiB range that starts at
  # EOF is the PMD fault's SIGBUS; no PTE fault follows.
  Scenario Outline: On <fs>, a load in the 2 MiB range that starts at EOF is refused by the PMD fault
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 2 MiB
    When the file is mapped read-only for 4 MiB
    Then reading byte 2 MiB through the mapping raises SIGBUS
    And the faults are traced as:
      """
      dax_pmd_fault_done SIGBUS 1
      """

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # A PMD write fault's 2 MiB allocation is journalled like a PTE fault's block: with
  # MAP_SYNC, dax_iomap_pmd_fault() returns VM_FAULT_NEEDDSYNC and ext4 commits it before
  # the PMD goes in, so what the store wrote is in the file after a crash (Jan Kara, "[RFC
  # PATCH 0/7] dax, ext4: Synchronous page faults", 2017: "While a block is writeably
  # mapped ... it is guaranteed to be visible in the file at that offset also after a
  # crash"); without it the crash may come before the commit or after it.
  Scenario: On ext4 a MAP_SYNC store that a PMD write fault allocated for is in the file after a crash
    Given ext4 on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped with MAP_SYNC for 4 MiB
    And 0x62 is stored over 4096..4111 through the mapping
    And the system crashes
    Then the range 4096..4111 reads as 0x62
    And the extent map shows 0..2 MiB-1 as data
    And the file has 2 MiB allocated

  Scenario: On ext4 without MAP_SYNC a crash may lose the 2 MiB a PMD write fault allocated, or keep it with the store
    Given ext4 on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x62 is stored over 4096..4111 through the mapping
    And the system crashes
    Then the range 4096..4111 may read as zeros
    And the range 4096..4111 may read as 0x62
    And the file size is 4 MiB

  # Where the PMD of a page past EOF is pmd_none(), __handle_mm_fault() tries a PMD fault
  # first, and dax_iomap_pmd_fault() refuses it with SIGBUS ("if (xas.xa_index >=
  # max_pgoff)") before it could fall back. daxspec-probe, a static binary, has nothing
  # else mapped near a small mapping, so its PMD is pmd_none(); xfs_io's small mappings
  # land beside its shared libraries and share their page table, so the PTE fault
  # refuses it (measured on 6.1).
  Scenario Outline: On <fs> a load past EOF through a one-page <kind> mapping in <program> is refused by the <fault> fault
    Given <fs> on pmem mounted with dax=always
    And an empty file "f"
    When the file is mapped <kind> for 1 page
    Then reading byte 0 through the mapping raises SIGBUS
    And the faults are traced as:
      """
      <event> SIGBUS 1
      """

    Examples:
      | fs   | kind      | program       | fault | event              |
      | ext4 | private   | daxspec-probe | PMD   | dax_pmd_fault_done |
      | xfs  | private   | daxspec-probe | PMD   | dax_pmd_fault_done |
      | ext4 | read-only | xfs_io        | PTE   | dax_pte_fault_done |
      | xfs  | read-only | xfs_io        | PTE   | dax_pte_fault_done |

  # dax_iomap_pmd_fault() maps 2 MiB only when the first iomap of the range covers it all
  # ("if (iomap_length(&iter) < PMD_SIZE)" falls back): a 2 MiB range written only in its
  # first page is a written extent and a hole, so a read fault in it falls back, and the
  # PTE fault maps the zero page over the hole; the written page reads its data.
  Scenario Outline: On <fs> a read fault in a 2 MiB range written only in its first page falls back to a PTE fault
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When 4 KiB of 0x61 is written at 0
    And the file is mapped shared for 4 MiB
    And byte 8192 is read through the mapping
    Then the faults are traced as:
      """
      dax_load_hole NOPAGE 1
      dax_pmd_fault_done FALLBACK 1
      dax_pte_fault_done NOPAGE 1
      """
    And byte 0 reads as 0x61 through the mapping
    And the file has 4 KiB allocated

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # The 2 MiB a PMD write fault allocated stay in the file after munmap. A new mapping's
  # write fault there finds them written: ext4 placed them 2 MiB aligned, and the PMD
  # fault maps them whole again, allocating nothing; xfs did not, and both its PMD faults
  # fall back to PTE faults.
  Scenario Outline: On <fs> a second mapping's write fault over the 2 MiB a PMD fault allocated allocates nothing, and <outcome>
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x63 is stored at byte 0 through the mapping
    And the file is unmapped
    And the file is mapped shared for 4 MiB
    And 0x64 is stored at byte 4096 through the mapping
    Then the faults are traced as:
      """
      <trace>
      """
    And the file has 2 MiB allocated
    And byte 0 reads as 0x63 through read()
    And byte 4096 reads as 0x64 through read()

    Examples:
      | fs   | outcome                  | trace                                                    |
      | ext4 | maps them with a PMD     | dax_pmd_fault_done NOPAGE 2                              |
      | xfs  | falls back to PTE faults | dax_pmd_fault_done FALLBACK 2\ndax_pte_fault_done NOPAGE 2 |

  # For DAX xfs converts an unwritten extent under a write fault at once
  # (imap_needs_alloc() is true for IOMAP_DAX over XFS_EXT_UNWRITTEN, and
  # xfs_iomap_write_direct() runs with XFS_BMAPI_CONVERT | XFS_BMAPI_ZERO) over the whole
  # range the fault asks for: a PMD fault converts its 2 MiB before dax_iomap_pmd_fault()
  # finds the blocks not 2 MiB aligned and falls back. The next 2 MiB stay unwritten.
  Scenario: On xfs a write fault over a preallocated 2 MiB converts all of it, and falls back to a PTE fault
    Given xfs on pmem mounted with dax=always
    And a preallocated file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x63 is stored at byte 0 through the mapping
    Then the faults are traced as:
      """
      dax_pmd_fault_done FALLBACK 1
      dax_pte_fault_done NOPAGE 1
      """
    And the extent map shows 0..2 MiB-1 as data
    And the extent map shows 2 MiB..4 MiB-1 as unwritten
    And the range 1..4095 reads as zeros
    And the range 2 MiB-4096..2 MiB-1 reads as zeros
    And byte 0 reads as 0x63 through read()

  # A store to a page that a private mapping maps read-only with a PMD cannot be served
  # by that PMD: wp_huge_pmd() ends in __split_huge_pmd(), which on a DAX file clears the
  # PMD ("COW or write-notify handled on pte level: split pmd"), and the store is a PTE
  # fault that copies the page (dax_fault_cow_page()). The rest of the 2 MiB is no longer
  # mapped: a load there is a PTE fault of its own. (Whether ->huge_fault is asked first
  # for a private mapping changed with the kernel, so the PMD fallback is not counted.)
  Scenario: On ext4 a store through a private mapping into 2 MiB it maps with a PMD splits it: the next load in the 2 MiB is a PTE fault
    Given ext4 on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x63 is stored at byte 0 through the mapping
    And the file is mapped private for 4 MiB
    And byte 0 is read through the mapping
    And 0x64 is stored at byte 4096 through the mapping
    And byte 8192 is read through the mapping
    Then 1 PMD fault succeeds
    And 2 PTE faults are taken
    And byte 0 reads as 0x63 through read()
    And byte 4096 reads as zeros through read()
    And the file has 2 MiB allocated

  # The PTE fault that copies a page for a private mapping allocates the page table of its
  # 2 MiB range, so the PMD is no longer pmd_none() and a load elsewhere in the range is a
  # PTE fault of its own (do_read_fault(), dax_load_hole() over the hole), not a PMD fault.
  Scenario Outline: On <fs> after a private store, a load elsewhere in its 2 MiB is a PTE fault
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped private for 4 MiB
    And 0x63 is stored at byte 4096 through the mapping
    And byte 8192 is read through the mapping
    Then the faults are traced as:
      """
      dax_load_hole NOPAGE 1
      dax_pmd_fault_done FALLBACK 1
      dax_pte_fault_done DONE_COW 1
      dax_pte_fault_done NOPAGE 1
      """
    And the file has 0 bytes allocated

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # A PMD maps 2 MiB of the file only where all of it lies inside the mapping: a 3 MiB
  # mapping holds the first 2 MiB of the file whole, which a read fault maps with the huge
  # zero page, but only half of the second, where dax_fault_check_fallback() sends the
  # fault to a PTE fault ("the PMD would extend outside the VMA"; that fallback is not
  # counted, see the trace filter).
  Scenario Outline: On <fs> a 3 MiB mapping takes a PMD fault in its first 2 MiB and PTE faults in the rest
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 3 MiB
    And byte 0 is read through the mapping
    And byte 2 MiB+4096 is read through the mapping
    Then the faults are traced as:
      """
      dax_load_hole NOPAGE 1
      dax_pmd_fault_done NOPAGE 1
      dax_pmd_load_hole 1
      dax_pte_fault_done NOPAGE 1
      """
    And the file has 0 bytes allocated

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # Blocks a PMD fault allocated and a hole punch freed are gone: what fills the range again
  # is a new allocation. ext4 widens each data request of a file of 1 to 4 MiB to the 2 MiB
  # range around it (ext4_mb_normalize_request()), takes that as one 2 MiB buddy, aligned
  # on the device (ext4_mb_regular_allocator()'s first pass over a power-of-two request),
  # and keeps what the first write does not use as the inode's preallocation, from which
  # the next writes in the range take their blocks, each at its offset
  # (ext4_mb_use_inode_pa()). So 2 MiB refilled by one xfs_io's 4 KiB writes is one aligned
  # extent again, and a PMD fault maps it (dax_iomap_pmd_fault() needs one iomap of
  # PMD_SIZE whose pfn is 2 MiB aligned). xfs places blocks without that alignment, so its
  # PMD faults fall back before and after. (Where a punch or truncate freed only part of
  # the range, the blocks written there again land wherever mballoc finds room, which
  # depends on whether the journal has committed the free yet: no rule, and the oracle
  # does not predict it.)
  Scenario Outline: On <fs>, 2 MiB a PMD fault allocated, punched and written again by write(2): the next fault <outcome>
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x61 is stored at byte 0 through the mapping
    And the file is unmapped
    And a hole is punched over 0..2 MiB-1
    And 2 MiB of 0x62 is written at 0
    And the file is mapped shared for 4 MiB
    And byte 4096 is read through the mapping
    Then the faults are traced as:
      """
      <trace>
      """
    And the file has 2 MiB allocated
    And byte 0 reads as 0x62 through the mapping

    Examples:
      | fs   | outcome                 | trace                                                    |
      | ext4 | maps them with a PMD    | dax_pmd_fault_done NOPAGE 2                              |
      | xfs  | falls back to a PTE one | dax_pmd_fault_done FALLBACK 2\ndax_pte_fault_done NOPAGE 2 |

  # A truncate to 0 frees the blocks as a punch does (ext4_truncate() also drops the
  # inode's preallocation); growing the file back allocates nothing.
  Scenario Outline: On <fs>, a file a PMD fault allocated in, truncated to 0, grown and written again by write(2): the next fault <outcome>
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x61 is stored at byte 0 through the mapping
    And the file is unmapped
    And the file is truncated to 0
    And the file is truncated to 4 MiB
    And 2 MiB of 0x62 is written at 0
    And the file is mapped shared for 4 MiB
    And byte 4096 is read through the mapping
    Then the faults are traced as:
      """
      <trace>
      """
    And the file has 2 MiB allocated
    And byte 0 reads as 0x62 through the mapping

    Examples:
      | fs   | outcome                 | trace                                                    |
      | ext4 | maps them with a PMD    | dax_pmd_fault_done NOPAGE 2                              |
      | xfs  | falls back to a PTE one | dax_pmd_fault_done FALLBACK 2\ndax_pte_fault_done NOPAGE 2 |

  # Refilled by 4 KiB stores instead: a 4 KiB zero page mapped first keeps the range on PTE
  # faults, each allocating one block (from ext4's 2 MiB preallocation, as above). Their
  # 4 KiB entries would keep it there; a remount drops them with the inode, and the first
  # fault after it (the faults are counted from the remount on) decides the entry's size
  # from the blocks alone.
  Scenario Outline: On <fs>, 2 MiB a PMD fault allocated, punched and stored again page by page: after a remount a fault <outcome>
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x61 is stored at byte 0 through the mapping
    And the file is unmapped
    And a hole is punched over 0..2 MiB-1
    And the file is mapped read-only for 1 page
    And byte 0 is read through the mapping
    And the file is mapped shared for 4 MiB
    And 0x62 is stored over 0..2 MiB-1 through the mapping
    And the file is unmapped
    And the filesystem is unmounted and mounted again
    And the file is mapped shared for 4 MiB
    And byte 4096 is read through the mapping
    Then the faults are traced as:
      """
      <trace>
      """
    And the file has 2 MiB allocated
    And byte 2 MiB-1 reads as 0x62 through the mapping

    Examples:
      | fs   | outcome                 | trace                                                    |
      | ext4 | maps them with a PMD    | dax_pmd_fault_done NOPAGE 1                              |
      | xfs  | falls back to a PTE one | dax_pmd_fault_done FALLBACK 1\ndax_pte_fault_done NOPAGE 1 |

  Scenario Outline: On <fs>, a file a PMD fault allocated in, truncated to 0, grown and stored again page by page: after a remount a fault <outcome>
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x61 is stored at byte 0 through the mapping
    And the file is unmapped
    And the file is truncated to 0
    And the file is truncated to 4 MiB
    And the file is mapped read-only for 1 page
    And byte 0 is read through the mapping
    And the file is mapped shared for 4 MiB
    And 0x62 is stored over 0..2 MiB-1 through the mapping
    And the file is unmapped
    And the filesystem is unmounted and mounted again
    And the file is mapped shared for 4 MiB
    And byte 4096 is read through the mapping
    Then the faults are traced as:
      """
      <trace>
      """
    And the file has 2 MiB allocated
    And byte 2 MiB-1 reads as 0x62 through the mapping

    Examples:
      | fs   | outcome                 | trace                                                    |
      | ext4 | maps them with a PMD    | dax_pmd_fault_done NOPAGE 1                              |
      | xfs  | falls back to a PTE one | dax_pmd_fault_done FALLBACK 1\ndax_pte_fault_done NOPAGE 1 |

  # A zero range frees nothing on ext4: ext4_zero_range() turns the blocks unwritten in
  # place (EXT4_GET_BLOCKS_CONVERT_UNWRITTEN), so the range stays one aligned extent, and a
  # write fault over it converts the 2 MiB and maps them with a PMD again, as does a read
  # fault after write(2) filled it. xfs frees and preallocates the range again
  # (xfs_free_file_space(), xfs_alloc_file_space()), without alignment.
  Scenario Outline: On <fs>, 2 MiB a PMD fault allocated and then zeroed: a write fault over them <outcome>
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x61 is stored at byte 0 through the mapping
    And the file is unmapped
    And the range 0..2 MiB-1 is zeroed
    And the file is mapped shared for 4 MiB
    And 0x63 is stored at byte 8192 through the mapping
    Then the faults are traced as:
      """
      <trace>
      """
    And the file has 2 MiB allocated
    And the extent map shows 0..2 MiB-1 as data
    And byte 0 reads as zeros through read()
    And byte 8192 reads as 0x63 through read()

    Examples:
      | fs   | outcome                 | trace                                                    |
      | ext4 | maps them with a PMD    | dax_pmd_fault_done NOPAGE 2                              |
      | xfs  | falls back to a PTE one | dax_pmd_fault_done FALLBACK 2\ndax_pte_fault_done NOPAGE 2 |

  # A punch frees only the blocks of the range it covers: the next 2 MiB keep the blocks a
  # PMD fault allocated there, where they were, and a PMD maps them again.
  Scenario Outline: On <fs>, a hole punched over the first 2 MiB leaves the second 2 MiB a PMD fault allocated: a fault there <outcome>
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x61 is stored at byte 0 through the mapping
    And 0x61 is stored at byte 2 MiB through the mapping
    And the file is unmapped
    And a hole is punched over 0..2 MiB-1
    And the file is mapped shared for 4 MiB
    And byte 2 MiB+4096 is read through the mapping
    Then the faults are traced as:
      """
      <trace>
      """
    And the file has 2 MiB allocated
    And byte 2 MiB reads as 0x61 through the mapping

    Examples:
      | fs   | outcome                 | trace                                                    |
      | ext4 | maps them with a PMD    | dax_pmd_fault_done NOPAGE 3                              |
      | xfs  | falls back to a PTE one | dax_pmd_fault_done FALLBACK 3\ndax_pte_fault_done NOPAGE 3 |
