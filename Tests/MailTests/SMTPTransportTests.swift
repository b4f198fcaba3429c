import Foundation
import Glibc
import XCTest

@testable import Mail

/// Sends through libcurl to a real SMTP server (aiosmtpd) started by the test.
final class SMTPTransportTests: XCTestCase {
    private func startSink() throws -> SMTPSink {
        let sink = try SMTPSink()
        addTeardownBlock { sink.stop() }
        return sink
    }

    func testDeliversTextAndHTMLWithUTF8SubjectIntact() throws {
        let sink = try startSink()
        let subject = "Kodi ya Mei 🏠 imepokelewa — asante, Wanjirũ! " + String(repeating: "ñ", count: 30)
        let text = "Jambo,\n.\nFrom the landlord: KSh 25,000 received.\n..\n" + String(repeating: "ü", count: 100)
        let html = "<p>Jambo</p>\n.\nFrom the landlord: <b>KSh 25,000</b>\n"
        let message = EmailMessage(
            from: Fixtures.address("landlord@nyumba.example", "Nyumba Rentals"),
            to: [Fixtures.address("tenant@example.co.ke", "Wanjirũ Kamau"), Fixtures.address("agent@example.com")],
            replyTo: Fixtures.address("office@nyumba.example", "Nyumba Office"), subject: subject, textBody: text,
            htmlBody: html)

        try SMTPTransport(url: "smtp://127.0.0.1:\(sink.port)").send(message)

        let files = sink.deliveredFiles()
        XCTAssertEqual(files.count, 1)
        let parsed = try Python.parseEmail(at: try XCTUnwrap(files.first))
        XCTAssertEqual(parsed.defects, [])
        XCTAssertEqual(parsed.subject, subject)
        XCTAssertEqual(parsed.mailFrom, "landlord@nyumba.example")
        XCTAssertEqual(parsed.rcptTo, "tenant@example.co.ke, agent@example.com")
        XCTAssertEqual(parsed.to ?? [], [["Wanjirũ Kamau", "tenant@example.co.ke"], ["", "agent@example.com"]])
        XCTAssertEqual(parsed.replyTo ?? [], [["Nyumba Office", "office@nyumba.example"]])
        XCTAssertEqual(parsed.messageID, message.messageID)
        XCTAssertEqual(parsed.contentType, "multipart/alternative")
        XCTAssertEqual(parsed.plain, text, "the lone '.' and '..' lines survive SMTP dot-stuffing")
        XCTAssertEqual(parsed.html, html)
    }

    func testServerDownIsATemporaryErrorAndQuick() throws {
        let port = SMTPSink.freePort()
        let started = Date()
        XCTAssertThrowsError(try SMTPTransport(url: "smtp://127.0.0.1:\(port)").send(Fixtures.message())) { error in
            guard case .transport(let code, let message, let permanent)? = error as? MailError else {
                return XCTFail("\(error)")
            }
            XCTAssertFalse(permanent)
            XCTAssertEqual(code, 7, "CURLE_COULDNT_CONNECT")
            XCTAssertFalse(message.isEmpty)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 6)
    }

    func testSilentServerTimesOutAsATemporaryError() throws {
        let (fd, port) = SMTPSink.silentListener()
        defer { close(fd) }
        let transport = try SMTPTransport(url: "smtp://127.0.0.1:\(port)", timeout: .seconds(1))
        let started = Date()
        XCTAssertThrowsError(try transport.send(Fixtures.message())) { error in
            guard case .transport(let code, _, let permanent)? = error as? MailError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(code, 28, "CURLE_OPERATION_TIMEDOUT")
            XCTAssertFalse(permanent)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
    }

    func testRefusedRecipientIsPermanentAndNothingIsDelivered() throws {
        let sink = try startSink()
        var message = Fixtures.message()
        message.to.append(Fixtures.address("nobody@example.co.ke"))
        XCTAssertThrowsError(try SMTPTransport(url: "smtp://127.0.0.1:\(sink.port)").send(message)) { error in
            guard case .transport(let code, let text, let permanent)? = error as? MailError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(code, 550)
            XCTAssertTrue(permanent)
            XCTAssertTrue(text.contains("No such user"), text)
        }
        XCTAssertEqual(sink.deliveredFiles(), [])
    }

    func testBusyRecipientIsTemporary() throws {
        let sink = try startSink()
        let message = EmailMessage(
            from: Fixtures.address("landlord@nyumba.example"), to: [Fixtures.address("busy@example.co.ke")],
            subject: "Later", textBody: "x")
        XCTAssertThrowsError(try SMTPTransport(url: "smtp://127.0.0.1:\(sink.port)").send(message)) { error in
            XCTAssertEqual((error as? MailError)?.isPermanent, false)
            guard case .transport(let code, _, _)? = error as? MailError else { return XCTFail("\(error)") }
            XCTAssertEqual(code, 451)
        }
    }

    func testRequiredSTARTTLSFailsAgainstAPlainServer() throws {
        let sink = try startSink()
        let transport = try SMTPTransport(url: "smtp://127.0.0.1:\(sink.port)?starttls=required")
        XCTAssertThrowsError(try transport.send(Fixtures.message())) { error in
            XCTAssertEqual((error as? MailError)?.isPermanent, false)
        }
        XCTAssertEqual(sink.deliveredFiles(), [])
    }

    func testSeveralThreadsShareOneTransport() throws {
        let sink = try startSink()
        let transport = try SMTPTransport(url: "smtp://127.0.0.1:\(sink.port)")
        let failures = LockedCount()
        DispatchQueue.concurrentPerform(iterations: 6) { index in
            do {
                try transport.send(Fixtures.message(subject: "Parallel \(index)"))
            } catch {
                failures.increment()
            }
        }
        XCTAssertEqual(failures.value, 0)
        XCTAssertEqual(sink.deliveredFiles().count, 6)
    }
}

/// A counter safe to bump from several threads.
private final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
