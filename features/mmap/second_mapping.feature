@seed:002 @B4
@touches:fs/dax.c:grab_mapping_entry @touches:fs/dax.c:dax_insert_entry @touches:fs/dax.c:dax_iomap_pmd_fault
@touches:fs/dax.c:dax_iomap_pte_fault @touches:mm/memory.c:unmap_mapping_pages
Feature: Two mappings of one DAX file share its entries: a fault through one changes what the other maps

  The entries of a DAX file's mapping belong to the file, not to a mapping, and a fault
  that changes an entry unmaps what other mappings map from the old one. A 4 KiB fault
  in a 2 MiB range the huge zero page maps downgrades the PMD zero entry and unmaps the
  range from every mapping (grab_mapping_entry(): "if (dax_is_zero_entry(entry)) {
  ... unmap_mapping_pages(mapping, xas->xa_index & ~PG_PMD_COLOUR, PG_PMD_NR, false)"),
  so the other mapping's next access faults again and finds a 4 KiB entry: "if someone
  does a 4k read that faults in a 4k zero page, we will only use 4k faults for that range"
  (Ross Zwisler, August 2016, on the iomap DAX draft). A write fault that replaces a 4 KiB
  zero-page entry with a block unmaps the zero page everywhere (dax_insert_entry():
  "unmap_mapping_pages(mapping, index, 1, false)"), so no mapping goes on reading zeros
  where the file now has data. A 2 MiB entry of blocks is not downgraded: a 4 KiB fault
  maps one page of it, and a later PMD fault maps the 2 MiB again. xfs_io keeps every
  mapping it makes until munmap, which makes the one made before it current again.

  Scenario Outline: On <fs> a 4 KiB fault through a second mapping unmaps the huge zero page from the first, which then takes 4 KiB faults
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When xfs_io runs on "f":
      """
      mmap -r 0 4m
      mread 2m 1
      mmap -r 2m 4k
      mread 2m 1
      munmap
      mread 2m 1
      """
    Then the faults are traced as:
      """
      dax_load_hole NOPAGE 2
      dax_pmd_fault_done FALLBACK 1
      dax_pmd_fault_done NOPAGE 1
      dax_pmd_load_hole 1
      dax_pte_fault_done NOPAGE 2
      """

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: On <fs> a store through one mapping replaces the zero page another maps there, which then reads the store
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 pages
    When xfs_io runs on "f":
      """
      mmap -r 0 16k
      mread 4k 1
      mmap -rw 0 16k
      mwrite -S 0x63 4k 1
      munmap
      mread -v 4k 2
      """
    Then the faults are traced as:
      """
      dax_load_hole NOPAGE 1
      dax_pte_fault_done MAJOR|NOPAGE 1
      dax_pte_fault_done NOPAGE 2
      """
    And xfs_io prints:
      """
      [000] ADDR - ADDR r-- SCRATCH_MNT/f (0 : 16384)
      00001000:  63 00  c.
      trace: dax_load_hole NOPAGE 1
      trace: dax_pte_fault_done MAJOR|NOPAGE 1
      trace: dax_pte_fault_done NOPAGE 2
      """

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # ext4 allocates a PMD write fault's 2 MiB aligned on the device, so a PMD entry of
  # blocks goes in; a 4 KiB fault through a one-page mapping maps a page of it and keeps
  # it, and a third mapping's read fault maps the 2 MiB with one PMD again.
  Scenario: On ext4 a 4 KiB fault into a 2 MiB entry of blocks keeps the entry, and a later PMD fault maps it whole
    Given ext4 on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x63 is stored at byte 0 through the mapping
    And the file is mapped shared for 1 page
    And 0x64 is stored at byte 0 through the mapping
    And the file is mapped read-only for 4 MiB
    And byte 8192 is read through the mapping
    Then the faults are traced as:
      """
      dax_pmd_fault_done NOPAGE 2
      dax_pte_fault_done NOPAGE 1
      """
    And byte 0 reads as 0x64 through read()
    And the file has 2 MiB allocated

  # munmap_f() prints the mappings left, the current one in brackets: each with its
  # file range and its protection as mmap was asked for it (r, w, x; " S" for MAP_SYNC).
  Scenario: xfs_io lists the mappings left after munmap, each with its range and protection
    Given ext4 on pmem mounted with dax=always
    And a file "f" of 4 MiB
    When xfs_io runs on "f":
      """
      mmap -r 0 4m
      mmap -rwS 2m 8k
      mmap -w 8k 4k
      mmap -rw 4k 4k
      munmap
      munmap
      """
    Then xfs_io prints:
      """
       000  ADDR - ADDR r-- SCRATCH_MNT/f (0 : 4194304)
       001  ADDR - ADDR rw- S SCRATCH_MNT/f (2097152 : 8192)
      [002] ADDR - ADDR -w- SCRATCH_MNT/f (8192 : 4096)
       000  ADDR - ADDR r-- SCRATCH_MNT/f (0 : 4194304)
      [001] ADDR - ADDR rw- S SCRATCH_MNT/f (2097152 : 8192)
      """

  # After a remount the file's mapping has no entries, and its blocks are where the PMD
  # write fault put them, 2 MiB aligned. Whichever fault comes first makes the entry:
  # a PMD read fault a 2 MiB entry of blocks, which a later 4 KiB fault maps a page of and
  # a later PMD fault maps whole again; a 4 KiB read fault a 4 KiB entry
  # (grab_mapping_entry() with order 0), and then the PMD fault finds it in its range and
  # falls back, as for a 4 KiB zero page: Ross Zwisler's rule holds for blocks too.
  Scenario Outline: On ext4 after a remount, the <first> fault into 2 MiB of aligned blocks decides the size of their entry
    Given ext4 on pmem mounted with dax=always
    And a sparse file "f" of 4 MiB
    When the file is mapped shared for 4 MiB
    And 0x63 is stored at byte 2 MiB through the mapping
    And the file is unmapped
    And the filesystem is unmounted and mounted again
    And <first mapping>
    And byte <first byte> is read through the mapping
    And byte 2 MiB+8192 is read through the mapping
    And the file is unmapped
    And <second mapping>
    And byte <second byte> is read through the mapping
    And the file is unmapped
    And the file is mapped read-only for 4 MiB
    And byte 2 MiB+8192 is read through the mapping
    Then the faults are traced as:
      """
      <trace>
      """
    And byte 2 MiB reads as 0x63 through read()

    Examples:
      | first  | first mapping                                  | first byte | second mapping                                    | second byte | trace                                                      |
      | PMD    | the file is mapped read-only for 4 MiB         | 2 MiB      | the file is mapped shared at 2 MiB+4096 for 1 page | 2 MiB+4096  | dax_pmd_fault_done NOPAGE 2\ndax_pte_fault_done NOPAGE 1   |
      | 4 KiB  | the file is mapped shared at 2 MiB for 3 pages | 2 MiB+4096 | the file is mapped shared at 2 MiB+4096 for 1 page | 2 MiB+4096  | dax_pmd_fault_done FALLBACK 1\ndax_pte_fault_done NOPAGE 4 |
