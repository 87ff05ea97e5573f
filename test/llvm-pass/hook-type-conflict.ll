; A module that defines a hook with another type than void (void) is an
; error, not a call with the wrong arguments.
; REQUIRES: clang
; RUN: %not %opt %load_pass -passes=kcov-ext -disable-output %s 2>&1 | %FileCheck %s
; CHECK: error: kcov-ext: __sanitizer_cov_trace_pc_exit is declared with a type other than void (void)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i32 @__sanitizer_cov_trace_pc_exit(i32 %x) {
  ret i32 %x
}

define i32 @user(i32 %x) {
  ret i32 %x
}
