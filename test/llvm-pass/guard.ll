; With trace-pc-guard or inline 8-bit counters sancov keeps its guard or
; counter in the entry block, and the entry hook comes in addition to it.
; REQUIRES: clang
; RUN: %opt %load_pass -passes='module(sancov-module),kcov-ext' -sanitizer-coverage-level=3 -sanitizer-coverage-trace-pc-guard -S %s -o %t.guard.ll
; RUN: %FileCheck %s --check-prefix=GUARD < %t.guard.ll
; RUN: %opt -passes=verify -disable-output %t.guard.ll
; RUN: %opt %load_pass -passes='module(sancov-module),kcov-ext' -sanitizer-coverage-level=3 -sanitizer-coverage-inline-8bit-counters -S %s -o %t.counters.ll
; RUN: %FileCheck %s --check-prefix=COUNTERS < %t.counters.ll
; RUN: %opt -passes=verify -disable-output %t.counters.ll

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; GUARD-LABEL: define i32 @f(
; GUARD-NEXT:  entry:
; GUARD-NEXT:    call void @__sanitizer_cov_trace_pc_entry()
; GUARD-NEXT:    call void @__sanitizer_cov_trace_pc_guard(
; GUARD:         notail call void @__sanitizer_cov_trace_pc_exit()
; GUARD-NEXT:    ret i32
; COUNTERS-LABEL: define i32 @f(
; COUNTERS-NEXT:  entry:
; COUNTERS-NEXT:    call void @__sanitizer_cov_trace_pc_entry()
; COUNTERS-NEXT:    load i8, ptr {{.*}}@__sancov_gen_
; COUNTERS:         notail call void @__sanitizer_cov_trace_pc_exit()
; COUNTERS-NEXT:    ret i32
define i32 @f(i32 %x) nounwind {
entry:
  %c = icmp sgt i32 %x, 0
  br i1 %c, label %pos, label %done
pos:
  br label %done
done:
  %r = phi i32 [ 1, %pos ], [ 0, %entry ]
  ret i32 %r
}
