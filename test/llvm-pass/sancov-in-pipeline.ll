; When sancov runs before the pass in the same pipeline it decides which
; functions get coverage, even if it instrumented nothing here (coverage
; level 0; through clang: an allow list that matches nothing, ignorelist.c):
; the module then holds no sancov trace, and only the pipeline tells.
; REQUIRES: clang
; RUN: %opt %load_pass -passes='module(sancov-module),kcov-ext' -sanitizer-coverage-level=0 -S %s | %FileCheck %s --check-prefix=NOTHING
; RUN: %opt %load_pass -passes=kcov-ext -S %s | %FileCheck %s --check-prefix=ALONE
; NOTHING-NOT: call {{.*}}@__sanitizer_cov
; ALONE: call void @__sanitizer_cov_trace_pc_entry()
; ALONE: notail call void @__sanitizer_cov_trace_pc_exit()

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i32 @f(i32 %x) nounwind {
  %y = add i32 %x, 1
  ret i32 %y
}
