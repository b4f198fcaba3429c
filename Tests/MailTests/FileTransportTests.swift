import Foundation
import XCTest

@testable import Mail

final class FileTransportTests: XCTestCase {
    func testWritesAParseableEMLIntoANewFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)/dev")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let transport = FileTransport(directory: folder.path)
        let message = Fixtures.message(subject: "Risiti ya kodi — Mei", text: "Asante!\n.\n", html: "<p>Asante!</p>")

        let path = try transport.write(message)
        try transport.send(Fixtures.message())

        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names.count, 2)
        XCTAssertTrue(names.allSatisfy { $0.hasSuffix(".eml") && !$0.hasPrefix(".") })
        // Both may carry the same millisecond, so the returned path is one of the two, not the first.
        XCTAssertTrue(names.contains(URL(fileURLWithPath: path).lastPathComponent))
        for name in names {
            XCTAssertNotNil(name.range(of: #"^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{32}\.eml$"#, options: .regularExpression))
        }
        let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        XCTAssertTrue(written.hasPrefix("Date: "))
        XCTAssertTrue(written.contains("\r\nMessage-ID: \(message.messageID)\r\n"))

        try Python.require(module: "email")
        let parsed = try Python.parseEmail(at: path)
        XCTAssertEqual(parsed.defects, [])
        XCTAssertEqual(parsed.subject, "Risiti ya kodi — Mei")
        XCTAssertEqual(parsed.plain, "Asante!\n.\n")
        XCTAssertEqual(parsed.html, "<p>Asante!</p>")
    }

    func testFlushSyncsTheFolderAndFailsForAMissingOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let transport = FileTransport(directory: folder.path)
        XCTAssertThrowsError(try transport.flush(), "nothing written yet: no folder to sync")
        try transport.send(Fixtures.message())
        try transport.flush()
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).count, 1, "no temporary file left")
    }

    func testUnwritableFolderIsAFileError() {
        let transport = FileTransport(directory: "/proc/nyumba-cannot-write-here")
        XCTAssertThrowsError(try transport.send(Fixtures.message())) { error in
            guard case .file? = error as? MailError else { return XCTFail("\(error)") }
        }
    }
}
