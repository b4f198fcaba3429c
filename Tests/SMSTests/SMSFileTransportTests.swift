import Foundation
import XCTest

@testable import SMS

final class SMSFileTransportTests: XCTestCase {
    func testWritesOneFilePerMessageIntoANewFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sms-\(UUID().uuidString)/dev")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let transport = SMSFileTransport(directory: folder.path)
        let message = try SMSMessage(
            to: ["0712345678", "0110000001"], text: "Habari, kodi ya Mei imepokelewa. Asante!", senderID: "NYUMBA")

        let results = try transport.send(message)
        _ = try transport.send(try SMSMessage(to: ["0712345678"], text: "Asante \u{2019}"))

        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names.count, 2)
        for name in names {
            XCTAssertNotNil(name.range(of: #"^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{16}\.txt$"#, options: .regularExpression))
        }
        XCTAssertEqual(results.map(\.number), ["+254712345678", "+254110000001"])
        XCTAssertEqual(results.map(\.statusCode), [100, 100])
        let stem = try XCTUnwrap(results.first?.messageID.dropLast(2))
        XCTAssertEqual(results.map(\.messageID), ["\(stem).1", "\(stem).2"])
        let written = try String(contentsOf: folder.appendingPathComponent("\(stem).txt"), encoding: .utf8)
        XCTAssertEqual(
            written,
            "To: +254712345678, +254110000001\nFrom: NYUMBA\nEncoding: GSM-7\nParts: 1\n\n"
                + "Habari, kodi ya Mei imepokelewa. Asante!\n")
    }

    func testUnwritableFolderIsARetryableFileError() throws {
        let transport = SMSFileTransport(directory: "/proc/nyumba-cannot-write-here")
        XCTAssertThrowsError(try transport.send(try SMSMessage(to: ["0712345678"], text: "x"))) { error in
            guard let error = error as? SMSError, case .file = error else { return XCTFail("\(error)") }
            XCTAssertFalse(error.isPermanent)
        }
    }
}
