; Where sancov does not know the hooks (LLVM 14-22), the pass declares them
; void (void) and nounwind: they never throw, so in a function that may
; unwind EscapeEnumerator leaves the calls to them plain calls.
; (From LLVM 23 on: hook-declarations-upstream.ll.)
; UNSUPPORTED: clang-entry-exit
; REQUIRES: clang
; RUN: %opt %load_pass -passes='module(sancov-module),kcov-ext' -sanitizer-coverage-level=1 -sanitizer-coverage-trace-pc -S %s | %FileCheck %s
; RUN: %opt %load_pass -passes=kcov-ext -S %s | %FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @may_throw()
declare i32 @__gxx_personality_v0(...)

; CHECK-LABEL: define void @caller(
; CHECK:         call void @__sanitizer_cov_trace_pc_entry()
; CHECK-NEXT:    invoke void @may_throw()
; CHECK:         notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    ret void
; CHECK:         notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    resume
; CHECK: declare void @__sanitizer_cov_trace_pc_entry() #[[HOOK:[0-9]+]]
; CHECK: declare void @__sanitizer_cov_trace_pc_exit() #[[HOOK]]
; CHECK: attributes #[[HOOK]] = { nounwind }
define void @caller() personality ptr @__gxx_personality_v0 {
  call void @may_throw()
  ret void
}
