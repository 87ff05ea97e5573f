; Running the pass again changes nothing: a function that already calls a
; hook is left alone.
; REQUIRES: clang
; RUN: %opt %load_pass -passes='module(sancov-module),kcov-ext' -sanitizer-coverage-level=3 -sanitizer-coverage-trace-pc -S %s -o %t.once.ll
; RUN: %opt %load_pass -passes=kcov-ext -S %t.once.ll -o %t.twice.ll
; A round trip through opt alone, so that only the pass can differ:
; RUN: %opt -S %t.once.ll -o %t.roundtrip.ll
; RUN: diff %t.roundtrip.ll %t.twice.ll
; RUN: %opt %load_pass -passes=kcov-ext,kcov-ext -S %s | %FileCheck %s
; RUN: %opt %load_pass -passes='module(sancov-module),kcov-ext,kcov-ext' -sanitizer-coverage-level=3 -sanitizer-coverage-trace-pc -S %s | %FileCheck %s
; CHECK-LABEL: define i32 @f(
; CHECK:         call void @__sanitizer_cov_trace_pc_entry()
; CHECK-NOT:     call void @__sanitizer_cov_trace_pc_entry()
; CHECK:         notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NOT:     call void @__sanitizer_cov_trace_pc_exit()
; CHECK:         ret i32

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i32 @f(i32 %x) nounwind {
  %c = icmp sgt i32 %x, 0
  br i1 %c, label %pos, label %done
pos:
  br label %done
done:
  %r = phi i32 [ 1, %pos ], [ 0, %0 ]
  ret i32 %r
}
