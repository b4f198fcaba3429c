import Foundation
import Locking
import XCTest

final class ThreadNameTests: XCTestCase {
    /// The name the system shows for the calling thread.
    private static func systemName() -> String? {
        (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
    }

    /// The calling thread gets the name (cut to the 15 bytes Linux keeps); no other thread does.
    func testNamesTheCallingThreadOnly() throws {
        #if os(Linux)
            let seen = Locked<String?>(nil)
            let done = DispatchGroup()
            done.enter()
            let thread = Thread {
                ThreadName.set("a-very-long-thread-name")
                seen.withLock { $0 = Self.systemName() }
                done.leave()
            }
            let before = Self.systemName()
            thread.start()
            XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
            XCTAssertEqual(seen.withLock { $0 }, "a-very-long-thr")
            XCTAssertEqual(Self.systemName(), before)
        #else
            throw XCTSkip("thread names are read from /proc")
        #endif
    }
}
