import Foundation
import PDF
import XCTest

/// A document opens in poppler's `pdftotext` with its lines in place, on as many pages as drawn.
final class PDFDocumentTests: XCTestCase {
    private func extracted(_ bytes: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("doc.pdf")
        try Data(bytes).write(to: file)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            throw XCTSkip("pdftotext (poppler-utils) is not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-layout", file.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return String(decoding: output, as: UTF8.self)
    }

    func testTextAndPagesComeOutAsDrawn() throws {
        let document = try PDFDocument(title: "Statement")
        document.text("Wanjiru Kamau — Kilimani", x: 40, y: 60, size: 14, bold: true)
        document.text("KES 12,500", x: 555, y: 80, alignRight: true)
        document.rule(y: 90, from: 40, to: 555)
        document.text("Water: meter 100 → 112", x: 40, y: 110)
        document.newPage()
        document.text("Second page, ünïcödé 水", x: 40, y: 60)
        let bytes = try document.bytes()
        XCTAssertEqual(Array(bytes.prefix(5)), Array("%PDF-".utf8))
        let text = try extracted(bytes)
        XCTAssertTrue(text.contains("Wanjiru Kamau — Kilimani"), text)
        XCTAssertTrue(text.contains("KES 12,500"))
        XCTAssertTrue(text.contains("Water: meter 100 -> 112"))
        XCTAssertTrue(text.contains("Second page, ünïcödé ?"), text)
        XCTAssertEqual(text.components(separatedBy: "\u{0C}").filter { !$0.isEmpty }.count, 2, "two pages")
    }
}
