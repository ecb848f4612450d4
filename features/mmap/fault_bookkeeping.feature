@seed:002 @B4
@touches:fs/dax.c:grab_mapping_entry @touches:fs/dax.c:dax_load_hole @touches:fs/dax.c:dax_pmd_load_hole
@touches:fs/dax.c:dax_iomap_pte_fault @touches:fs/dax.c:dax_delete_mapping_entry @touches:mm/filemap.c:mapping_seek_hole_data
@touches:mm/truncate.c:truncate_pagecache_range @touches:fs/ext4/inode.c:ext4_punch_hole @touches:fs/xfs/xfs_bmap_util.c:xfs_flush_unmap_range
Feature: A DAX fault leaves an entry in the file's mapping, and SEEK_DATA over an unwritten extent sees it

  A DAX file keeps no pages in its page cache: its mapping holds one entry per page or
  per 2 MiB that a fault locked and filled in (grab_mapping_entry()): the zero page for a
  read fault over a hole or an unwritten block (dax_load_hole(), dax_pmd_load_hole()), the
  block's pfn after a shared write fault, and an empty entry a private write fault
  (do_cow_fault()) leaves behind. Ross Zwisler, August 2016, on the iomap DAX draft: the
  size of such an entry decides later faults, "if someone does a 4k read that faults in a
  4k zero page, we will only use 4k faults for that range". The entries are what
  SEEK_DATA and SEEK_HOLE see over an unwritten extent: iomap_seek_data() asks
  mapping_seek_hole_data() there, which counts any value entry as data, 2 MiB for a PMD
  entry ("mm/filemap: add mapping_seek_hole_data", Matthew Wilcox, 2021). Munmap leaves
  the entries; a punch deletes those of the pages it truncates (truncate_pagecache_range()
  reaches dax_delete_mapping_entry()), and a PMD entry goes whole when any page of it goes.

  Scenario Outline: On <fs> a read fault over a preallocated page leaves a zero-page entry: SEEK_DATA finds that page only
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 pages
    When the file is mapped read-only for 4 pages
    And byte 4096 is read through the mapping
    And the file is unmapped
    Then SEEK_DATA from 0 finds 4096
    And SEEK_HOLE from 4096 finds 8192
    And SEEK_DATA from 8192 finds nothing
    And the extent map shows 0..4*PAGE_SIZE-1 as unwritten

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # do_cow_fault(): dax_iomap_pte_fault() copies zeros for the unwritten block into an
  # anonymous page; nothing is allocated or converted, and the entry grab_mapping_entry()
  # made for the page stays, empty.
  Scenario Outline: On <fs> a store through a private mapping to a preallocated page leaves an empty entry there, and the file reads zeros
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 pages
    When the file is mapped private for 4 pages
    And 0x63 is stored at byte 8192 through the mapping
    And the file is unmapped
    Then SEEK_DATA from 0 finds 8192
    And SEEK_HOLE from 8192 finds 12288
    And byte 8192 reads as 0x00 through read()
    And the extent map shows 0..4*PAGE_SIZE-1 as unwritten

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # A PMD read fault over a 2 MiB unwritten extent leaves one PMD zero-page entry: 2 MiB of
  # data to SEEK. Punching one page of the second 2 MiB deletes that range's whole entry,
  # and only that one.
  Scenario Outline: On <fs> a punched page takes its whole 2 MiB entry with it, and leaves the next 2 MiB entry
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 MiB
    When the file is mapped read-only for 4 MiB
    And byte 0 is read through the mapping
    And byte 2 MiB is read through the mapping
    And the file is unmapped
    Then SEEK_DATA from 0 finds 0
    And SEEK_HOLE from 0 finds 4 MiB
    When a hole is punched over 2 MiB+4096..2 MiB+8191
    Then SEEK_DATA from 0 finds 0
    And SEEK_HOLE from 0 finds 2 MiB
    And SEEK_DATA from 2 MiB finds nothing

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # The 4 KiB entries on each side of a punched page are not in it and stay.
  Scenario Outline: On <fs> a punched page leaves the 4 KiB entries beside it
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 MiB
    When the file is mapped read-only for 4 pages
    And the range 0..3*PAGE_SIZE-1 is read through the mapping
    And the file is unmapped
    And a hole is punched over 4096..8191
    Then SEEK_DATA from 0 finds 0
    And SEEK_HOLE from 0 finds 4096
    And SEEK_DATA from 4096 finds 8192
    And SEEK_HOLE from 8192 finds 12288

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # A punch that frees no whole block: ext4_punch_hole() truncates the page cache only for
  # the whole blocks of the range ("if (last_block_offset > first_block_offset)"), so the
  # 2 MiB entry stays; xfs_flush_unmap_range() rounds the range out to blocks and pages and
  # truncates that, which deletes the entry.
  Scenario Outline: On <fs> a punch inside one block <what> the 2 MiB entry around it
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 MiB
    When the file is mapped read-only for 4 MiB
    And byte 0 is read through the mapping
    And the file is unmapped
    And a hole is punched over 4196..8191
    Then SEEK_DATA from 0 finds <data>
    And the extent map shows 0..4 MiB-1 as unwritten

    Examples:
      | fs   | what   | data    |
      | ext4 | keeps  | 0       |
      | xfs  | clears | nothing |

  # A punch that ends on a 2 MiB boundary deletes the entry of the range it ends in, not
  # the next one.
  Scenario Outline: On <fs> a punch of the last page of a 2 MiB range takes that range's entry and leaves the next one
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 MiB
    When the file is mapped read-only for 4 MiB
    And byte 0 is read through the mapping
    And byte 2 MiB is read through the mapping
    And the file is unmapped
    And a hole is punched over 2 MiB-4096..2 MiB-1
    Then SEEK_DATA from 0 finds 2 MiB
    And SEEK_HOLE from 2 MiB finds 4 MiB

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # A truncate into a 2 MiB range deletes the DAX entries from the new EOF on
  # (truncate_pagecache() reaches dax_delete_mapping_entry()), and a PMD entry goes whole
  # when any page of it goes, as for a punch: the part of the 2 MiB below the new EOF
  # keeps no entry, so SEEK_DATA over its unwritten extent finds nothing.
  Scenario Outline: On <fs> a truncate into a 2 MiB range takes that range's whole entry with it
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 MiB
    When the file is mapped read-only for 4 MiB
    And byte 0 is read through the mapping
    And the file is unmapped
    And the file is truncated to 1 MiB
    Then SEEK_DATA from 0 finds nothing
    And the extent map shows 0..1 MiB-1 as unwritten
    And the file size is 1 MiB

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # A 4 KiB fault in a 2 MiB range that a PMD zero-page entry covers downgrades it
  # (grab_mapping_entry(): a PMD entry that is the zero page or empty is deleted whole,
  # "pmd_downgrade", and a 4 KiB entry made): afterwards only the faulted page has an
  # entry, so SEEK_DATA over the unwritten extent finds that page alone.
  Scenario Outline: On <fs> a 4 KiB read fault under the huge zero page of the second 2 MiB leaves the entry of its own page alone
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 MiB
    When the file is mapped read-only for 4 MiB
    And byte 2 MiB is read through the mapping
    And the file is unmapped
    And the file is mapped shared at 2 MiB+4096 for 1 page
    And byte 2 MiB+4096 is read through the mapping
    And the file is unmapped
    Then SEEK_DATA from 0 finds 2 MiB+4096
    And SEEK_HOLE from 2 MiB+4096 finds 2 MiB+8192
    And SEEK_DATA from 2 MiB+8192 finds nothing

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # read(2) of a DAX file copies from the blocks (dax_iomap_rw()) and leaves no entry in
  # the file's mapping, unlike a read fault: SEEK_DATA over a preallocated extent still
  # finds nothing after it.
  Scenario Outline: On <fs> a read(2) of a preallocated DAX file leaves no entry: SEEK_DATA still finds nothing
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 pages
    Then the range 4096..4111 reads as zeros
    And SEEK_DATA from 0 finds nothing

    Examples:
      | fs   |
      | ext4 |
      | xfs  |
