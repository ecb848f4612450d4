@seed:000 @B5
@touches:fs/dax.c:dax_iomap_pte_fault @touches:fs/dax.c:dax_load_hole @touches:fs/dax.c:dax_insert_entry
@touches:fs/ext4/file.c:ext4_dax_huge_fault @touches:fs/xfs/xfs_file.c:__xfs_filemap_fault
@touches:fs/ext4/inode.c:ext4_iomap_alloc @touches:fs/xfs/xfs_iomap.c:xfs_direct_write_iomap_begin
@touches:fs/ext4/inode.c:ext4_page_mkwrite @touches:fs/xfs/xfs_file.c:xfs_filemap_page_mkwrite
Feature: Read faults never allocate; write faults allocate zeroed blocks and convert unwritten ones

  A read fault on a hole or an unwritten extent maps the zero page and allocates
  nothing, even on a writable mapping. A write fault allocates (or converts) the block
  under it, zeroed, so that data written through a mapping is file data: read(2) sees it,
  fiemap shows it written. Dave Chinner against xip_file_fault() in "Add XIP support to ext4" (December 2013): ".fault is
  a read-only operation for filesystems and .page_mkwrite is the write-fault
  modification path", and asking the filesystem to allocate on every fault of a writable
  mapping "fails to handle unwritten extents correctly - they remain unwritten despite
  the fact that userspace can now write to the page". In 6.1 dax_iomap_pte_fault() maps
  holes with dax_load_hole() and allocates only for write faults (IOMAP_WRITE),
  ext4_iomap_alloc() and xfs_direct_write_iomap_begin() zeroing and converting.

  Scenario Outline: A read fault over a hole on <fs> on <device> maps the zero page and allocates nothing
    Given <fs> on <device> mounted with <options>
    And a sparse file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And the range 0..4*PAGE_SIZE-1 is read through the mapping
    Then <faults> PTE faults map the zero page
    And the file has 0 bytes allocated
    And the extent map shows 0..4*PAGE_SIZE-1 as a hole
    And the range 4090..4105 reads as zeros

    Examples: DAX
      | fs   | device | options    | faults |
      | ext4 | pmem   | dax=always | 4      |
      | xfs  | pmem   | dax=always | 4      |

    Examples: page cache
      | fs   | device | options  | faults |
      | ext4 | brd    | defaults | no     |
      | xfs  | brd    | defaults | no     |

  Scenario Outline: A read fault over an unwritten extent on <fs> maps the zero page and leaves it unwritten
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And the range 0..4*PAGE_SIZE-1 is read through the mapping
    Then 4 PTE faults map the zero page
    And no write fault allocates
    And the extent map shows 0..4*PAGE_SIZE-1 as unwritten
    And the range 8184..8199 reads as zeros

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: A write fault over a hole on <fs> on <device> allocates a zeroed block that read() sees
    Given <fs> on <device> mounted with <options>
    And a sparse file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And 0x77 is stored over 4100..4109 through the mapping
    Then <allocating> write fault allocates
    And the range 4096..4099 reads as zeros through read()
    And the range 4100..4109 reads as 0x77 through read()
    And the range 4110..4127 reads as zeros through read()
    And the file has 1 page allocated
    And the extent map shows 4096..8191 as data
    And the extent map shows 0..4095 as a hole

    Examples: DAX
      | fs   | device | options    | allocating |
      | ext4 | pmem   | dax=always | 1          |
      | xfs  | pmem   | dax=always | 1          |

    Examples: page cache (ext4 allocates at ->page_mkwrite, delayed)
      | fs   | device | options  | allocating |
      | ext4 | brd    | defaults | no         |

  Scenario Outline: A write fault into a preallocated block on <fs> converts it, and read() sees the data
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And 0x78 is stored over 8192..8194 through the mapping
    Then 1 write fault allocates
    And the range 8192..8194 reads as 0x78 through read()
    And the range 8195..8207 reads as zeros through read()
    And the range 8180..8191 reads as zeros through read()
    And the extent map shows 8192..12287 as data

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario: A read fault before the write fault: the zero page is replaced by the new block
    Given xfs on pmem mounted with dax=always
    And a sparse file "f" of 2 pages
    When the file is mapped shared for 2 pages
    And byte 4096 is read through the mapping
    And 0x79 is stored at byte 4097 through the mapping
    Then 1 PTE fault maps the zero page
    And 1 write fault allocates
    And byte 4097 reads as 0x79 through the mapping
    And byte 4096 reads as zeros through the mapping
    And byte 4097 reads as 0x79 through read()

  # A write fault converts the block under it (ext4_iomap_alloc() asks for
  # EXT4_GET_BLOCKS_CREATE_ZERO, xfs_direct_write_iomap_begin() for the block). ext4's
  # ext4_ext_convert_to_initialized() zeroes out and converts with it up to 32 KiB
  # (s_extent_max_zeroout_kb) of the extent within i_disksize rather than split it off:
  # the tail when the rest of the extent from the fault is that short, and the head when
  # the extent up to the end of the (possibly grown) range is shorter still; neither when
  # the fault is at the extent's last block ("if (max_zeroout && (allocated >
  # split_map.m_len))"). xfs converts the block alone.
  Scenario Outline: A write fault at page <page> of a <pages>-page preallocated extent on <fs> converts <data>
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of <pages> pages
    When the file is mapped shared for <pages> pages
    And 0x78 is stored at byte <page>*PAGE_SIZE through the mapping
    Then the extent map shows <data> as data
    And the extent map shows <unwritten> as unwritten
    And byte <page>*PAGE_SIZE reads as 0x78 through read()
    And byte <page>*PAGE_SIZE+1 reads as zeros through read()

    Examples:
      | fs   | pages | page | data                          | unwritten                     |
      | ext4 | 16    | 0    | 0..PAGE_SIZE-1                | PAGE_SIZE..16*PAGE_SIZE-1     |
      | ext4 | 16    | 4    | 0..5*PAGE_SIZE-1              | 5*PAGE_SIZE..16*PAGE_SIZE-1   |
      | ext4 | 16    | 7    | 7*PAGE_SIZE..8*PAGE_SIZE-1    | 0..7*PAGE_SIZE-1              |
      | ext4 | 16    | 8    | 8*PAGE_SIZE..16*PAGE_SIZE-1   | 0..8*PAGE_SIZE-1              |
      | ext4 | 16    | 15   | 15*PAGE_SIZE..16*PAGE_SIZE-1  | 0..15*PAGE_SIZE-1             |
      | ext4 | 4     | 3    | 3*PAGE_SIZE..4*PAGE_SIZE-1    | 0..3*PAGE_SIZE-1              |
      | xfs  | 16    | 4    | 4*PAGE_SIZE..5*PAGE_SIZE-1    | 0..4*PAGE_SIZE-1              |

  # ext4_ext_convert_to_initialized()'s fast path: a write at the start of an unwritten
  # extent whose written neighbour before it is physically contiguous moves the blocks
  # into that neighbour, without the zeroout that would otherwise convert the rest of a
  # short extent too.
  Scenario: On ext4 a write fault at the start of an unwritten extent after a written block converts that block alone
    Given ext4 on pmem mounted with dax=always
    And a preallocated file "f" of 9 pages
    When the file is mapped shared for 9 pages
    And 0x78 is stored at byte 0 through the mapping
    And 0x79 is stored at byte PAGE_SIZE through the mapping
    Then the extent map shows 0..2*PAGE_SIZE-1 as data
    And the extent map shows 2*PAGE_SIZE..9*PAGE_SIZE-1 as unwritten
    And byte PAGE_SIZE reads as 0x79 through read()

  # A fault installs the PTE it resolved (the zero page read-only, a block read-only or
  # writable), so the next access to the same page does not fault; a load through a page
  # a store made writable does not fault either.
  Scenario Outline: On <fs> a page takes one fault: two loads of a hole, two stores and a load of a new block
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And byte 0 is read through the mapping
    And byte 1 is read through the mapping
    And 0x63 is stored at byte 4096 through the mapping
    And 0x64 is stored at byte 4097 through the mapping
    And byte 4098 is read through the mapping
    Then the faults are traced as:
      """
      dax_load_hole NOPAGE 1
      dax_pte_fault_done MAJOR|NOPAGE 1
      dax_pte_fault_done NOPAGE 1
      """
    And byte 4096 reads as 0x63 through read()
    And byte 4097 reads as 0x64 through read()

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: On <fs> a page of written blocks takes one fault: two loads, then two stores to another page
    Given <fs> on pmem mounted with dax=always
    And a file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And byte 0 is read through the mapping
    And byte 1 is read through the mapping
    And 0x63 is stored at byte 4096 through the mapping
    And 0x64 is stored at byte 4097 through the mapping
    Then the faults are traced as:
      """
      dax_pte_fault_done NOPAGE 2
      """
    And byte 4097 reads as 0x64 through read()

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # A store to a mapping made without PROT_WRITE is refused by the fault handler before
  # any filesystem sees it (access_error() in the architecture's fault path): SIGSEGV,
  # no DAX fault, nothing allocated. Only the load before it faults.
  Scenario Outline: On <fs> a store through a read-only mapping raises SIGSEGV and allocates nothing
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 pages
    When the file is mapped read-only for 4 pages
    And byte 0 is read through the mapping
    Then storing to byte 4096 through the mapping raises SIGSEGV
    And the faults are traced as:
      """
      dax_load_hole NOPAGE 1
      dax_pte_fault_done NOPAGE 1
      """
    And the file has 0 bytes allocated

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # Through the page cache ->page_mkwrite() reserves the block of a page a store faults
  # into a hole (ext4_page_mkwrite(), delayed allocation): with no block left it fails,
  # and the store gets SIGBUS; the page stored to before keeps its reservation and its data.
  Scenario: On ext4 on brd a store through a shared mapping into a hole is SIGBUS when no block is left to reserve for it
    Given ext4 on brd
    And a sparse file "f" of 4 pages
    And the filesystem is filled, leaving 1 block free
    When the file is mapped shared for 4 pages
    And 0x63 is stored at byte 0 through the mapping
    Then storing to byte 8192 through the mapping raises SIGBUS
    And byte 0 reads as 0x63 through read()
    And byte 8192 reads as zeros through read()

  # On a DAX file the write fault allocates the block itself, in ->iomap_begin()
  # (ext4_iomap_alloc(), xfs_iomap_write_direct(), which reserves room for the bmap btree
  # with the block); with no space that fails with -ENOSPC, and dax_fault_return() turns
  # it into VM_FAULT_SIGBUS: the store gets SIGBUS, nothing is allocated for it, and the
  # page stored to before keeps its block and its data.
  Scenario Outline: On <fs> a DAX store into a hole is SIGBUS when no block is left for it, and the page stored to before keeps its block
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 pages
    And the filesystem is filled, leaving <free> free
    When the file is mapped shared for 4 pages
    And 0x63 is stored at byte 0 through the mapping
    Then storing to byte 8192 through the mapping raises SIGBUS
    And the faults are traced as:
      """
      dax_pte_fault_done MAJOR|NOPAGE 1
      dax_pte_fault_done SIGBUS 1
      """
    And byte 0 reads as 0x63 through read()
    And the file has 4 KiB allocated
    And the file size is 4 pages

    Examples:
      | fs   | free     |
      | ext4 | 1 block  |
      | xfs  | 5 blocks |

  # The block a write fault allocates is zeroed on the device before the store lands in
  # it (ext4_iomap_alloc() with EXT4_GET_BLOCKS_CREATE_ZERO, xfs_iomap_write_direct() with
  # XFS_BMAPI_ZERO), so the rest of the page never shows what the device held there, such
  # as the bytes of the blocks a punch freed: after a remount, which reads the device, it
  # reads zeros. Dave Chinner's list against xip_file_fault() asks for exactly this:
  # "allocate and zero blocks" on the write fault path.
  Scenario Outline: On <fs> the <size> a write fault allocates in a punched hole of a DAX file read zeros after a remount, but for the store
    Given <fs> on pmem mounted with dax=always
    And a file "f" of <file>
    When a hole is punched over <hole>
    And the file is mapped shared for <file>
    And 0x63 is stored at byte <at> through the mapping
    And the file is unmapped
    And the filesystem is unmounted and mounted again
    Then byte <at> reads as 0x63
    And the range <at>+1..<at>+4095 reads as zeros
    And the range <last>..<last>+15 reads as zeros

    Examples:
      | fs   | size  | file    | hole                    | at    | last           |
      | ext4 | page  | 4 pages | PAGE_SIZE..2*PAGE_SIZE-1 | 4096  | 2*PAGE_SIZE-16 |
      | xfs  | page  | 4 pages | PAGE_SIZE..2*PAGE_SIZE-1 | 4096  | 2*PAGE_SIZE-16 |
      | ext4 | 2 MiB | 4 MiB   | 0..2 MiB-1              | 0     | 2 MiB-16       |
      | xfs  | 2 MiB | 4 MiB   | 0..2 MiB-1              | 0     | 2 MiB-16       |

  # The same where a truncate freed the blocks: truncate(2) down frees them without
  # zeroing them on the device, and truncate up leaves a hole there; the block a write
  # fault then allocates is zeroed first, so after a remount the rest of it reads zeros,
  # not the bytes the freed blocks held.
  Scenario Outline: On <fs> the <size> a write fault allocates where a truncate freed blocks read zeros after a remount, but for the store
    Given <fs> on pmem mounted with dax=always
    And a file "f" of <file>
    When the file is truncated to <down>
    And the file is truncated to <file>
    And the file is mapped shared for <file>
    And 0x63 is stored at byte <at> through the mapping
    And the file is unmapped
    And the filesystem is unmounted and mounted again
    Then byte <at> reads as 0x63
    And the range <at>+1..<at>+4095 reads as zeros
    And the range <last>..<last>+15 reads as zeros

    Examples:
      | fs   | size  | file    | down | at   | last           |
      | ext4 | page  | 4 pages | 4096 | 8192 | 3*PAGE_SIZE-16 |
      | xfs  | page  | 4 pages | 4096 | 8192 | 3*PAGE_SIZE-16 |
      | ext4 | 2 MiB | 4 MiB   | 0    | 0    | 2 MiB-16       |
      | xfs  | 2 MiB | 4 MiB   | 0    | 0    | 2 MiB-16       |
