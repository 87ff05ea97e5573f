; From LLVM 23 on, sancov declares the hooks itself (upstream's
; trace-pc-entry-exit), with no attributes, and the pass calls those
; declarations, as the upstream oracle requires: in a function that may
; unwind, EscapeEnumerator then turns the hook calls into invokes, exactly
; as upstream does. (LLVM 14-22: hook-declarations.ll.)
; REQUIRES: clang-entry-exit
; RUN: %opt %load_pass -passes='module(sancov-module),kcov-ext' -sanitizer-coverage-level=1 -sanitizer-coverage-trace-pc -S %s | %FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @may_throw()
declare i32 @__gxx_personality_v0(...)

; CHECK-LABEL: define void @caller(
; CHECK:         invoke void @__sanitizer_cov_trace_pc_entry()
; CHECK:         invoke void @may_throw()
; CHECK:         invoke void @__sanitizer_cov_trace_pc_exit()
; CHECK:         notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    resume
; CHECK: declare void @__sanitizer_cov_trace_pc_entry(){{$}}
; CHECK: declare void @__sanitizer_cov_trace_pc_exit(){{$}}
define void @caller() personality ptr @__gxx_personality_v0 {
  call void @may_throw()
  ret void
}
