; An added entry hook takes the function's scope line, like sancov's entry
; block call; a replaced one keeps sancov's; exit hooks take their return's
; location.
; REQUIRES: clang
; RUN: %opt %load_pass -passes=kcov-ext -S %s | %FileCheck %s
; RUN: %opt %load_pass -passes='module(sancov-module),kcov-ext' -sanitizer-coverage-level=1 -sanitizer-coverage-trace-pc -S %s | %FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define i32 @located(
; CHECK:         call void @__sanitizer_cov_trace_pc_entry(){{.*}}, !dbg [[ENTRY:![0-9]+]]
; CHECK:         notail call void @__sanitizer_cov_trace_pc_exit(), !dbg [[RET:![0-9]+]]
; CHECK-NEXT:    ret i32 %y, !dbg [[RET]]
; CHECK-DAG:   [[SP:![0-9]+]] = distinct !DISubprogram(name: "located"{{.*}}scopeLine: 12
; CHECK-DAG:   [[ENTRY]] = !DILocation(line: 12, scope: [[SP]])
; CHECK-DAG:   [[RET]] = !DILocation(line: 15, column: 3, scope: [[SP]])
define i32 @located(i32 %x) nounwind !dbg !5 {
  %y = add i32 %x, 1, !dbg !8
  ret i32 %y, !dbg !9
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "test", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "located.c", directory: "/tmp")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "located", scope: !1, file: !1, line: 11, type: !6, scopeLine: 12, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!8 = !DILocation(line: 14, column: 7, scope: !5)
!9 = !DILocation(line: 15, column: 3, scope: !5)
