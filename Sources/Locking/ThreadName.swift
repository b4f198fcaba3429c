#if canImport(Glibc)
    import Glibc
#endif

/// The name the system shows for a thread (`top -H`, `ps -L`, profiles), at most 15 bytes.
public enum ThreadName {
    /// Names the calling thread; does nothing where the system offers no way (Glibc's
    /// `pthread_setname_np` is not visible to Swift, so Linux's `/proc/thread-self/comm` is written).
    public static func set(_ name: String) {
        #if os(Linux)
            let descriptor = open("/proc/thread-self/comm", O_WRONLY)
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            let bytes = Array(name.utf8.prefix(15))
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        #endif
    }
}
