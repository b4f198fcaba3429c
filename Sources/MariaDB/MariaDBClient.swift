import CMariaDB

/// Process- and thread-level set-up of the MariaDB client library.
///
/// Call `libraryInit()` once before starting threads (a `Connection` also calls it), and
/// `threadInit()` in every thread that uses the client before its first call (a
/// `Connection` calls it for the thread that creates it); call `threadEnd()` before such a
/// thread exits. A connection and its statements belong to the thread that uses them.
public enum MariaDBClient {
    /// Initialises the client library once per process; safe to call from any thread.
    /// Returns false if the library could not be initialised.
    @discardableResult
    public static func libraryInit() -> Bool {
        libraryInitialized
    }

    /// Initialises the client library's per-thread state for the calling thread.
    public static func threadInit() {
        _ = libraryInitialized
        mysql_thread_init()
    }

    /// Releases the client library's per-thread state of the calling thread.
    public static func threadEnd() {
        mysql_thread_end()
    }
}

/// Swift runs a global's initialiser exactly once, thread-safely: `mysql_library_init`
/// is not thread-safe and is a macro Swift cannot import, hence `mysql_server_init`.
private let libraryInitialized: Bool = mysql_server_init(0, nil, nil) == 0
