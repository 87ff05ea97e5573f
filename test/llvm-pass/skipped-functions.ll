; Functions sancov skips get no hooks. When sancov ran on the module, the
; pass follows its per-function decision (no entry-block trace_pc: skipped);
; when it did not, the pass applies sancov's rules itself. Naked,
; nosanitize_coverage, disable_sanitizer_instrumentation and __sanitizer_*
; functions never get hooks, even where an older sancov put its trace_pc
; (LLVM 14-19 into naked functions, 14-16 into
; disable_sanitizer_instrumentation ones): that trace_pc is left as it is.
; REQUIRES: clang
; RUN: %opt %load_pass -passes=kcov-ext -S %s | %FileCheck %s 
; RUN: %opt %load_pass -passes='module(sancov-module),kcov-ext' -sanitizer-coverage-level=3 -sanitizer-coverage-trace-pc -S %s | %FileCheck %s 
; (sancov's allow and ignore lists: ignorelist.c, through clang)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define void @no_coverage(
; CHECK-NOT:     __sanitizer_cov
; CHECK:         ret void
define void @no_coverage() nounwind nosanitize_coverage {
  ret void
}

; CHECK-LABEL: define void @no_instrumentation(
; CHECK-NOT:     __sanitizer_cov_trace_pc_e
; CHECK:         ret void
define void @no_instrumentation() nounwind disable_sanitizer_instrumentation {
  ret void
}

; CHECK-LABEL: define void @bare(
; CHECK-NOT:     __sanitizer_cov_trace_pc_e
; CHECK:         ret void
define void @bare() nounwind naked {
  call void asm sideeffect "ret", ""()
  ret void
}

; CHECK-LABEL: define void @__sanitizer_helper(
; CHECK-NOT:     __sanitizer_cov
; CHECK:         ret void
define void @__sanitizer_helper() nounwind {
  ret void
}

; CHECK-LABEL: define available_externally void @elsewhere(
; CHECK-NOT:     __sanitizer_cov
; CHECK:         ret void
define available_externally void @elsewhere() nounwind {
  ret void
}

; CHECK-LABEL: define void @dies(
; CHECK-NOT:     __sanitizer_cov
; CHECK:         unreachable
declare void @abort() noreturn nounwind
define void @dies() nounwind {
  call void @abort()
  unreachable
}

; CHECK-LABEL: define void @instrumented(
; CHECK:         call void @__sanitizer_cov_trace_pc_entry()
; CHECK:         notail call void @__sanitizer_cov_trace_pc_exit()
define void @instrumented() nounwind {
  ret void
}
