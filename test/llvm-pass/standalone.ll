; Without sancov in the module, the pass decides as sancov would and puts a
; fresh entry hook at the start of the entry block, after the static allocas.
; REQUIRES: clang
; RUN: %opt %load_pass -passes=kcov-ext -S %s -o %t.ll
; RUN: %FileCheck %s < %t.ll
; RUN: %opt -passes=verify -disable-output %t.ll

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @use(ptr)

; CHECK-NOT:   call void @__sanitizer_cov_trace_pc()
; CHECK-LABEL: define i32 @locals(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %a = alloca i32
; CHECK-NEXT:    %b = alloca [4 x i32]
; CHECK-NEXT:    call void @__sanitizer_cov_trace_pc_entry()
; CHECK-NEXT:    store i32 %x, ptr %a
; CHECK:         notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    ret i32 %v
define i32 @locals(i32 %x) nounwind {
entry:
  %a = alloca i32
  %b = alloca [4 x i32]
  store i32 %x, ptr %a
  call void @use(ptr %b)
  %v = load i32, ptr %a
  ret i32 %v
}
