; Every return gets a notail exit hook right before it; the entry block's
; sancov trace_pc becomes the entry hook, other blocks keep theirs.
; REQUIRES: clang
; RUN: %opt %load_pass -passes='module(sancov-module),kcov-ext' -sanitizer-coverage-level=3 -sanitizer-coverage-trace-pc -S %s -o %t.ll
; RUN: %FileCheck %s < %t.ll
; RUN: %opt -passes=verify -disable-output %t.ll

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define i32 @pick(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    call void @__sanitizer_cov_trace_pc_entry() #[[NOMERGE:[0-9]+]]
; CHECK-NOT:     call void @__sanitizer_cov_trace_pc()
; CHECK:       one:
; CHECK-NEXT:    call void @__sanitizer_cov_trace_pc()
; CHECK-NEXT:    notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    ret i32 10
; CHECK:       two:
; CHECK-NEXT:    call void @__sanitizer_cov_trace_pc()
; CHECK-NEXT:    %r = mul i32 %x, 7
; CHECK-NEXT:    notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    ret i32 %r
; CHECK:       other:
; CHECK-NEXT:    call void @__sanitizer_cov_trace_pc()
; CHECK-NEXT:    notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    ret i32 -1
define i32 @pick(i32 %x) nounwind {
entry:
  switch i32 %x, label %other [
    i32 1, label %one
    i32 2, label %two
  ]
one:
  ret i32 10
two:
  %r = mul i32 %x, 7
  ret i32 %r
other:
  ret i32 -1
}
