; A call in tail position keeps its place and the exit hook goes after it,
; before the ret, so it is no longer a sibcall; the exit call is notail so
; that no later pass turns it into one. The backend then makes no jmp.
; REQUIRES: clang
; RUN: %opt %load_pass -passes=kcov-ext -S %s -o %t.ll
; RUN: %FileCheck %s < %t.ll
; RUN: %opt -passes=verify -disable-output %t.ll
; A later -O2 (or LTO) does not make the hooks tail calls again.
; RUN: %opt -passes='default<O2>' -S %t.ll | %FileCheck %s --check-prefix=O2
; RUN: %opt -passes='default<O2>' %t.ll | %llc -O2 -o - | %FileCheck %s --check-prefix=ASM

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @callee(i32)

; CHECK-LABEL: define i32 @forward(
; CHECK:         call void @__sanitizer_cov_trace_pc_entry()
; CHECK:         %r = tail call i32 @callee(i32 %x)
; CHECK-NEXT:    notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    ret i32 %r
define i32 @forward(i32 %x) nounwind {
  %r = tail call i32 @callee(i32 %x)
  ret i32 %r
}

; CHECK-LABEL: define void @void_tail(
; CHECK:         tail call void @sink(i32 %x)
; CHECK-NEXT:    notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    ret void
declare void @sink(i32)
define void @void_tail(i32 %x) nounwind {
  tail call void @sink(i32 %x)
  ret void
}

; O2-LABEL: define i32 @forward(
; O2:         notail call void @__sanitizer_cov_trace_pc_exit()
; O2-LABEL: define void @void_tail(
; O2:         notail call void @__sanitizer_cov_trace_pc_exit()
; ASM-NOT:    jmp{{.*}}__sanitizer_cov
; ASM-LABEL:  forward:
; ASM:        {{call|callq}} callee
; ASM-NOT:    ret
; ASM:        {{call|callq}} __sanitizer_cov_trace_pc_exit
; ASM-NOT:    jmp{{.*}}callee
; ASM-NOT:    jmp{{.*}}__sanitizer_cov
