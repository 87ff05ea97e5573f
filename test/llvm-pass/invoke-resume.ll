; In a function that may unwind, the exit hook also runs on the unwinding
; paths, the way EscapeEnumerator finds them: before each resume, and in a
; new cleanup for every call that may throw (turned into an invoke). Calls
; that cannot throw, and nounwind functions, are left alone.
; REQUIRES: clang
; RUN: %opt %load_pass -passes=kcov-ext -S %s -o %t.ll
; RUN: %FileCheck %s < %t.ll
; RUN: %opt -passes=verify -disable-output %t.ll

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @may_throw(i32)
declare void @cannot_throw(i32) nounwind
declare void @destroy(ptr) nounwind
declare i32 @__gxx_personality_v0(...)

; A call that may throw becomes an invoke whose unwind edge goes through the
; exit hook and resumes; the call that cannot throw stays a call.
; CHECK-LABEL: define void @plain_calls(
; CHECK:         call void @__sanitizer_cov_trace_pc_entry()
; CHECK-NEXT:    call void @cannot_throw(i32 %x)
; CHECK-NEXT:    invoke void @may_throw(i32 %x)
; CHECK-NEXT:      to label %{{.*}} unwind label %kcov_ext_cleanup
; CHECK:         notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    ret void
; CHECK:       kcov_ext_cleanup:
; CHECK-NEXT:    %cleanup.lpad = landingpad { ptr, i32 }
; CHECK-NEXT:      cleanup
; CHECK-NEXT:    notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    resume { ptr, i32 } %cleanup.lpad
define void @plain_calls(i32 %x) personality ptr @__gxx_personality_v0 {
  call void @cannot_throw(i32 %x)
  call void @may_throw(i32 %x)
  ret void
}

; An existing cleanup that resumes gets the exit hook before its resume.
; CHECK-LABEL: define void @with_cleanup(
; CHECK:       lpad:
; CHECK:         call void @destroy(ptr %obj)
; CHECK-NEXT:    notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    resume { ptr, i32 } %lp
define void @with_cleanup(ptr %obj) personality ptr @__gxx_personality_v0 {
entry:
  invoke void @may_throw(i32 1)
          to label %done unwind label %lpad
done:
  ret void
lpad:
  %lp = landingpad { ptr, i32 }
          cleanup
  call void @destroy(ptr %obj)
  resume { ptr, i32 } %lp
}

; CHECK-LABEL: define void @no_unwind(
; CHECK-NOT:     invoke
; CHECK-NOT:     kcov_ext_cleanup
; CHECK:         call void @may_throw(i32 %x)
; CHECK-NEXT:    notail call void @__sanitizer_cov_trace_pc_exit()
; CHECK-NEXT:    ret void
define void @no_unwind(i32 %x) nounwind {
  call void @may_throw(i32 %x)
  ret void
}
