; The verbose option, as GCC's -fplugin-arg-kcov_ext-verbose: one line per
; instrumented function on stderr, none without it. opt takes it as a
; pass parameter; clang as -mllvm -kcov-ext-verbose (verbose-clang.c).
; REQUIRES: clang
; RUN: %opt %load_pass -passes='kcov-ext<verbose>' -disable-output %s 2>&1 | %FileCheck %s
; RUN: %opt %load_pass -passes=kcov-ext -disable-output %s 2>&1 | %count 0

; CHECK:      kcov-ext: instrument f(): entry added, 2 exits
; CHECK-NEXT: kcov-ext: instrument g(): entry added, 1 exit
; CHECK-NOT:  kcov-ext:

define i32 @f(i32 %x) {
entry:
  %c = icmp eq i32 %x, 0
  br i1 %c, label %a, label %b
a:
  ret i32 1
b:
  ret i32 2
}

define void @g() {
  ret void
}

define void @naked() naked {
  unreachable
}
