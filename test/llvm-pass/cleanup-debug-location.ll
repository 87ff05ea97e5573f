; Exit calls in the cleanups that the pass creates for calls that may throw
; take a line-0 location in the function's scope, as upstream's do: with
; the hook defined in a -g unit of the same module (or under LTO) a call
; without a location is a verifier error ("inlinable function call in a
; function with debug info must have a !dbg location").
; REQUIRES: clang
; RUN: %opt %load_pass -passes=kcov-ext -S %s | %FileCheck %s
; RUN: %opt %load_pass -passes='module(sancov-module),kcov-ext' -sanitizer-coverage-level=1 -sanitizer-coverage-trace-pc -S %s | %FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @may_throw()
declare i32 @__gxx_personality_v0(...)

; CHECK-LABEL: define void @caller(
; CHECK:         invoke void @may_throw()
; CHECK-NEXT:            to label %{{.*}} unwind label %[[CLEANUP:[a-z_]+]], !dbg {{![0-9]+}}
; CHECK:         notail call void @__sanitizer_cov_trace_pc_exit(), !dbg [[RET:![0-9]+]]
; CHECK-NEXT:    ret void, !dbg [[RET]]
; CHECK:       [[CLEANUP]]:
; CHECK-NEXT:    landingpad
; CHECK-NEXT:      cleanup
; CHECK-NEXT:    notail call void @__sanitizer_cov_trace_pc_exit(), !dbg [[LINE0:![0-9]+]]
; CHECK-NEXT:    resume
; CHECK-DAG:   [[SP:![0-9]+]] = distinct !DISubprogram(name: "caller"
; CHECK-DAG:   [[LINE0]] = !DILocation(line: 0, scope: [[SP]])
define void @caller() personality ptr @__gxx_personality_v0 !dbg !5 {
  call void @may_throw(), !dbg !8
  ret void, !dbg !9
}

; The hooks, defined with debug info: calls to them are inlinable.
define void @__sanitizer_cov_trace_pc_entry() nounwind !dbg !10 {
  ret void, !dbg !11
}

define void @__sanitizer_cov_trace_pc_exit() nounwind !dbg !12 {
  ret void, !dbg !13
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, producer: "test", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "cleanup.cpp", directory: "/tmp")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "caller", scope: !1, file: !1, line: 3, type: !6, scopeLine: 3, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!8 = !DILocation(line: 4, column: 3, scope: !5)
!9 = !DILocation(line: 5, column: 1, scope: !5)
!10 = distinct !DISubprogram(name: "__sanitizer_cov_trace_pc_entry", scope: !1, file: !1, line: 8, type: !6, scopeLine: 8, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = !DILocation(line: 8, column: 1, scope: !10)
!12 = distinct !DISubprogram(name: "__sanitizer_cov_trace_pc_exit", scope: !1, file: !1, line: 9, type: !6, scopeLine: 9, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!13 = !DILocation(line: 9, column: 1, scope: !12)
