/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The KCOV_TRACE_PC_EXT record format, as the kernel series defines it in
 * include/uapi/linux/kcov.h, shared by the user-space runtime (kcov_rt),
 * the decoder library (libkcov-ext) and the kernel test guest.
 *
 * A kcov area is an array of unsigned longs: area[0] counts the records
 * that follow. In KCOV_TRACE_PC mode a record is a PC; in
 * KCOV_TRACE_PC_EXT mode its top nibble is the record's type and the rest
 * the PC (a kernel PC loses its top byte, 0xff, which the decoder puts
 * back).
 */
#ifndef KCOV_RECORD_H
#define KCOV_RECORD_H

/* KCOV_ENABLE arguments. */
#define KCOV_TRACE_PC		0
#define KCOV_TRACE_CMP		1
#define KCOV_TRACE_PC_EXT	2

/* KCOV_TRACE_PC_EXT records. */
#define KCOV_RECORD_IP_MASK		0x00ffffffffffffffULL
#define KCOV_RECORDFLAG_TYPEMASK	0xf000000000000000ULL
#define KCOV_RECORDFLAG_TYPE_NORMAL	0xf000000000000000ULL
#define KCOV_RECORDFLAG_TYPE_ENTRY	0x0000000000000000ULL
#define KCOV_RECORDFLAG_TYPE_EXIT	0x1000000000000000ULL

/* The type nibble of a record: 0 entry, 1 exit, 0xf normal. */
#define KCOV_RECORD_TYPE_SHIFT		60

#endif /* KCOV_RECORD_H */
