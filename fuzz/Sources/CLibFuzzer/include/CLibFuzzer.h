// libFuzzer's entry for programs that have their own main (libclang_rt.fuzzer, linked by
// -sanitize=fuzzer). SwiftPM links every executable with main = <module>_main, so each
// fuzz target defines that and hands over to libFuzzer here.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
