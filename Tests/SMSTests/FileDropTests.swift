import FileDrop
import Foundation
import XCTest

final class FileDropTests: XCTestCase {
    /// A file is written nameless and linked in; a name written again is replaced (through a
    /// temporary name, as the link cannot replace), and neither leaves anything else behind.
    func testAFileIsWholeUnderItsNameAndANameWrittenAgainIsReplaced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drop-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let drop = FileDrop(directory: folder.path)
        let path = try drop.write(Array("first".utf8), named: "a.txt")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "first")
        _ = try drop.write(Array("second".utf8), named: "a.txt")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["a.txt"])
        let mask = umask(0)
        umask(mask)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o644 & ~Int(mask))
    }
}
