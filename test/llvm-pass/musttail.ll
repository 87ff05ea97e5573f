; A musttail call must stay a tail call: the exit hook goes before it, and
; the ret after it gets none.
; REQUIRES: clang
; RUN: %opt %load_pass -passes=kcov-ext -S %s -o %t.ll
; RUN: %FileCheck %s < %t.ll
; RUN: %opt -passes=verify -disable-output %t.ll
; RUN: %llc -O2 %t.ll -o - | %FileCheck %s --check-prefix=ASM

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @callee(i32)

; CHECK-LABEL: define i32 @forward(
; CHECK:         call void @__sanitizer_cov_trace_pc_entry()
; CHECK-NEXT:    notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    %r = musttail call i32 @callee(i32 %x)
; CHECK-NEXT:    ret i32 %r
define i32 @forward(i32 %x) nounwind {
  %r = musttail call i32 @callee(i32 %x)
  ret i32 %r
}

; ASM-LABEL: forward:
; ASM:       {{call|callq}} __sanitizer_cov_trace_pc_exit
; ASM:       {{jmp|jmpq}} callee
