import DarajaSimulator
import Foundation
import Locking
import SMS
import SMSSimulator
import XCTest

final class SimulatorDeliveryReportTests: XCTestCase {
    func testAcceptedRecipientsGetAReportThatParses() throws {
        let bodies = Locked<[[UInt8]]>([])
        let listener = SimpleHTTPServer(port: 0) { request in
            bodies.withLock { $0.append(request.body) }
            return .json(200, "{}")
        }
        try listener.start()
        defer { listener.stop() }
        let simulator = SMSSimulator(
            port: 0, username: "nyumba", apiKey: "k", reportURL: "http://127.0.0.1:\(listener.port)/sms/reports/t",
            reportDelay: .milliseconds(50))
        try simulator.start()
        defer { simulator.stop() }
        let transport = try AfricasTalkingTransport(baseURL: simulator.baseURL, username: "nyumba", apiKey: "k")

        let numbers = ["0712345678", "0700000600", "0700000601", "0700000602", "0700000403"]
        let results = try transport.send(try SMSMessage(to: numbers, text: "Habari"))
        XCTAssertEqual(results.map(\.statusCode), [101, 101, 101, 101, 403])

        let deadline = Date().addingTimeInterval(5)
        while simulator.reportsPosted.count < 3, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        XCTAssertEqual(simulator.reportsPosted.count, 3)
        XCTAssertTrue(simulator.reportsPosted.allSatisfy { $0.httpStatus == 200 })
        let reports = try bodies.withLock { $0 }.map { try SMSDeliveryReport.parse(formBody: $0) }
        let byNumber = Dictionary(uniqueKeysWithValues: reports.map { ($0.phoneNumber.international, $0) })
        XCTAssertEqual(byNumber["+254712345678"]?.status, .success)
        XCTAssertEqual(byNumber["+254712345678"]?.messageID, results[0].messageID)
        XCTAssertEqual(byNumber["+254700000600"]?.status, .failed)
        XCTAssertEqual(byNumber["+254700000600"]?.failureReason, "DeliveryFailure")
        XCTAssertEqual(byNumber["+254700000601"]?.status, .rejected)
        XCTAssertNil(byNumber["+254700000602"])
        XCTAssertNil(byNumber["+254700000403"])
    }
}
