# Hand-written functions, each breaking one invariant objcheck enforces.
	.text
	.globl good, sibcall, uncovered, hook_jump, two_entries, call_after_exit, skip_exit
good:
	call	__sanitizer_cov_trace_pc_entry
	test	%edi, %edi
	je	1f
	call	__sanitizer_cov_trace_pc_exit
	ret
1:	call	__sanitizer_cov_trace_pc_exit
	pop	%rbx
	ret
sibcall:
	call	__sanitizer_cov_trace_pc_entry
	jmp	other
uncovered:
	call	__sanitizer_cov_trace_pc_entry
	call	__sanitizer_cov_trace_pc_exit
	ret
	ret
hook_jump:
	call	__sanitizer_cov_trace_pc_entry
	jmp	__sanitizer_cov_trace_pc_exit
two_entries:
	call	__sanitizer_cov_trace_pc_entry
	call	__sanitizer_cov_trace_pc_entry
	call	__sanitizer_cov_trace_pc_exit
	ret
call_after_exit:
	call	__sanitizer_cov_trace_pc_entry
	call	__sanitizer_cov_trace_pc_exit
	call	other
	ret
skip_exit:
	call	__sanitizer_cov_trace_pc_entry
	test	%edi, %edi
	je	2f
	call	__sanitizer_cov_trace_pc_exit
2:	ret
noreturn_fallthrough:
	call	__sanitizer_cov_trace_pc_entry
	test	%edi, %edi
	je	3f
	call	__sanitizer_cov_trace_pc_exit
	call	abort
3:	call	__sanitizer_cov_trace_pc_exit
	ret
asan_report:
	call	__sanitizer_cov_trace_pc_entry
	test	%edi, %edi
	jne	5f
	call	__sanitizer_cov_trace_pc_exit
	test	%esi, %esi
	jne	6f
4:	ret
5:	call	__asan_report_load4
6:	xor	%eax, %eax
	jmp	4b
asan_report_noabort:
	call	__sanitizer_cov_trace_pc_entry
	test	%edi, %edi
	jne	8f
	call	__sanitizer_cov_trace_pc_exit
	test	%esi, %esi
	jne	9f
7:	ret
8:	call	__asan_report_load4_noabort
9:	xor	%eax, %eax
	jmp	7b
retpoline_jump:
	call	__sanitizer_cov_trace_pc_entry
	test	%edi, %edi
	jne	10f
	movq	table(,%rsi,8), %rax
	jmp	__x86_indirect_thunk_rax
10:	call	__sanitizer_cov_trace_pc_exit
	ret
trace_pc_only:
	call	__sanitizer_cov_trace_pc
	ret
	.section .noinstr.text,"ax"
noinstr:
	call	__sanitizer_cov_trace_pc
	ret
noinstr_nopped:
	.reloc .+1, R_X86_64_NONE, __sanitizer_cov_trace_pc_entry
	nopl	0(%rax,%rax,1)
	ret
