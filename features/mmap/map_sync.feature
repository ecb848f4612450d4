@seed:001 @B7
@touches:mm/mmap.c:do_mmap @touches:include/linux/dax.h:daxdev_mapping_supported
@touches:fs/ext4/file.c:ext4_file_mmap @touches:fs/xfs/xfs_file.c:xfs_file_mmap
@touches:fs/dax.c:dax_fault_is_synchronous @touches:fs/dax.c:dax_finish_sync_fault @touches:fs/dax.c:dax_iomap_pte_fault
Feature: MAP_SYNC works only on DAX files, and syncs a write fault's metadata before the store goes through

  Jan Kara's synchronous page faults ("[RFC PATCH 0/7] dax, ext4: Synchronous page faults", 2017): "While a block is writeably mapped into
  page tables, it is guaranteed to be visible in the file at that offset also after a
  crash." An application asks for it with MAP_SHARED_VALIDATE | MAP_SYNC, which mmap(2)
  refuses with EOPNOTSUPP on a file that is not DAX (daxdev_mapping_supported()). On a
  write fault whose block mapping is not yet durable, dax_iomap_pte_fault() returns
  VM_FAULT_NEEDDSYNC and the filesystem runs dax_finish_sync_fault(), an fdatasync of the
  range, before the PTE becomes writable. A fault on a block already durable needs no
  sync. What a crash then keeps is in persistence/crash_durability.feature.

  Scenario Outline: MAP_SYNC is refused with EOPNOTSUPP on <fs> on <device> with <options>: the file is not DAX
    Given <fs> on <device> mounted with <options>
    And a file "f" of 2 pages
    Then the file is not DAX
    And mapping the file with MAP_SYNC fails with EOPNOTSUPP

    Examples:
      | fs   | device | options   |
      | ext4 | brd    | defaults  |
      | xfs  | brd    | defaults  |
      | ext4 | pmem   | dax=never |
      | xfs  | pmem   | dax=inode |

  Scenario Outline: A MAP_SYNC write fault that allocates on <fs> syncs first (NEEDDSYNC)
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 2 pages
    When the file is mapped with MAP_SYNC for 2 pages
    And 0x62 is stored at byte 0 through the mapping
    Then 1 fault returns NEEDDSYNC
    And 1 write fault allocates
    And byte 0 reads as 0x62 through read()
    And the extent map shows 0..4095 as data

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: A MAP_SYNC write fault on a block already durable on <fs> needs no sync
    Given <fs> on pmem mounted with dax=always
    And a file "f" of 2 pages
    When the file is mapped with MAP_SYNC for 2 pages
    And 0x62 is stored at byte 4096 through the mapping
    Then no fault returns NEEDDSYNC
    And 1 PTE fault is taken
    And byte 4096 reads as 0x62 through read()

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario: Without MAP_SYNC a write fault that allocates does not sync
    Given ext4 on pmem mounted with dax=always
    And a sparse file "f" of 2 pages
    When the file is mapped shared for 2 pages
    And 0x62 is stored at byte 0 through the mapping
    Then no fault returns NEEDDSYNC
    And 1 write fault allocates

  # dax_iomap_pmd_fault() asks dax_fault_is_synchronous() as the PTE fault does: a PMD
  # write fault that allocated returns VM_FAULT_NEEDDSYNC, and dax_finish_sync_fault()
  # syncs the 2 MiB before dax_insert_pfn_mkwrite() maps the PMD writable. On xfs the PMD
  # fault allocates and falls back (its blocks are not 2 MiB aligned); the PTE fault
  # after it finds the allocation not yet durable and syncs.
  Scenario: A MAP_SYNC write fault over a 2 MiB hole on ext4 allocates 2 MiB and syncs before the PMD goes in
    Given ext4 on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped with MAP_SYNC for 4 MiB
    And 0x62 is stored at byte 0 through the mapping
    And 0x63 is stored at byte 8192 through the mapping
    Then the faults are traced as:
      """
      dax_insert_pfn_mkwrite NOPAGE 1
      dax_pmd_fault_done NEEDDSYNC 1
      """
    And the file has 2 MiB allocated
    And byte 8192 reads as 0x63 through read()

  Scenario: A MAP_SYNC write fault over a 2 MiB hole on xfs falls back, and the PTE fault syncs the allocation
    Given xfs on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped with MAP_SYNC for 4 MiB
    And 0x62 is stored at byte 0 through the mapping
    And 0x63 is stored at byte 8192 through the mapping
    Then the faults are traced as:
      """
      dax_insert_pfn_mkwrite NOPAGE 1
      dax_pmd_fault_done FALLBACK 1
      dax_pte_fault_done NEEDDSYNC 1
      dax_pte_fault_done NOPAGE 1
      """
    And the file has 2 MiB allocated
    And byte 8192 reads as 0x63 through read()

  # A write fault that converts an unwritten extent changes metadata as an allocation
  # does (ext4 and xfs report the block IOMAP_F_NEW), so under MAP_SYNC it syncs too.
  Scenario Outline: A MAP_SYNC write fault into a preallocated block on <fs> converts it and syncs first
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 2 pages
    And the filesystem is synced
    When the file is mapped with MAP_SYNC for 2 pages
    And 0x62 is stored at byte 4096 through the mapping
    Then the faults are traced as:
      """
      dax_insert_pfn_mkwrite NOPAGE 1
      dax_pte_fault_done MAJOR|NEEDDSYNC 1
      """
    And byte 4096 reads as 0x62 through read()
    And the extent map shows 4096..8191 as data

    Examples:
      | fs   |
      | ext4 |
      | xfs  |
