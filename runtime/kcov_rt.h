/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kcov_rt: the kernel's kcov hot path in user space.
 *
 * The hooks (__sanitizer_cov_trace_pc, _entry, _exit) record into a
 * per-thread area exactly as kernel/kcov.c records into a task's area:
 * area[0] is the number of records that follow, one unsigned long each.
 * In KCOV_TRACE_PC_EXT mode the top nibble of a record is its type.
 */
#ifndef KCOV_RT_H
#define KCOV_RT_H

#include "kcov_record.h"

/*
 * Start collecting on the calling thread into AREA of SIZE records
 * (area[0] included), in TRACE_MODE. Returns 0, or -EINVAL (unknown mode,
 * size < 2), -ENOTSUP (KCOV_TRACE_CMP), -EBUSY (already collecting).
 */
int kcov_rt_enable(unsigned long *area, unsigned int size, unsigned int trace_mode);
/* Stop collecting on the calling thread; -EINVAL if it was not. */
int kcov_rt_disable(void);

/*
 * The calling thread enters or leaves a simulated interrupt or softirq,
 * during which it records nothing (the kernel's in_task() test), unless
 * kcov_rt_collect_softirq(1) was called for softirqs.
 */
void kcov_rt_irq_enter(void);
void kcov_rt_irq_exit(void);
void kcov_rt_softirq_enter(void);
void kcov_rt_softirq_exit(void);
void kcov_rt_collect_softirq(int on);

/*
 * Write an area as the kernel's mmap area reads: little-endian u64 count,
 * then the records; and, for an area kcov_rt_enable() was given, its load
 * map beside it (PATH.map: mode, size and the objects its PCs belong to,
 * see kcov_ext.h). Returns 0, or -errno.
 */
int kcov_rt_dump(const unsigned long *area, const char *path);

/*
 * Without code changes: KCOV_RT_MODE=classic|ext records every thread from
 * before main() into an area of KCOV_RT_SIZE records (default 1 << 20),
 * written with its map when the thread or the process ends: the first
 * thread to KCOV_RT_OUT=FILE, every thread pthread_create() starts to
 * FILE.TID, the child of a fork() to FILE.PID ("%p" in FILE: the process
 * ID). Without KCOV_RT_OUT the program does not start (exit status 2),
 * unless KCOV_RT_RESET_MS=N empties the area every N ms (for benchmarks
 * of long runs, which write nothing).
 */

#endif /* KCOV_RT_H */
