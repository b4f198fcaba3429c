import Daraja
import DarajaSimulator
import Foundation
import SMS
import SMSSimulator
import XCTest

final class AfricasTalkingSimulatorTests: XCTestCase {
    private var simulator: SMSSimulator!

    override func setUpWithError() throws {
        simulator = SMSSimulator(port: 0, username: "nyumba", apiKey: "test-api-key", senderIDs: ["NYUMBA"])
        try simulator.start()
    }

    override func tearDown() {
        simulator.stop()
    }

    private func transport(key: String = "test-api-key", base: String? = nil) throws -> AfricasTalkingTransport {
        try AfricasTalkingTransport(
            baseURL: base ?? simulator.baseURL + "/", username: "nyumba", apiKey: key, connectTimeout: .seconds(2),
            timeout: .seconds(5))
    }

    func testSendsToEveryRecipientAndReadsTheirResults() throws {
        let text = "Habari Amina, kodi ya Mei: Ksh 12,500 imepokelewa. Risiti QWE123RTY. Salio Ksh 0. Asante! & 100%+"
        let message = try SMSMessage(to: ["0712345678", "+254700000102"], text: text, senderID: "NYUMBA")
        let results = try transport().send(message)

        XCTAssertEqual(results.map(\.number), ["+254712345678", "+254700000102"])
        XCTAssertEqual(results.map(\.statusCode), [101, 102])
        XCTAssertEqual(results.map(\.status), ["Success", "Queued"])
        XCTAssertTrue(
            results.allSatisfy { $0.isAccepted && $0.messageID.hasPrefix("ATXid_") && $0.cost == "KES 0.8000" })
        XCTAssertNotEqual(results[0].messageID, results[1].messageID)
        XCTAssertEqual(
            simulator.received,
            [SimulatedSMS(to: ["+254712345678", "+254700000102"], message: text, from: "NYUMBA", results: results)])
    }

    func testPerRecipientFailureLeavesTheOthersSent() throws {
        let message = try SMSMessage(to: ["0712345678", "0700000403", "0700000405"], text: "Asante \u{2019}")
        let results = try transport().send(message)
        XCTAssertEqual(results.map(\.statusCode), [101, 403, 405])
        XCTAssertEqual(results.map(\.isAccepted), [true, false, false])
        XCTAssertEqual(results.map(\.isRetryable), [false, false, true])
        XCTAssertEqual(results[1].status, "InvalidPhoneNumber")
        XCTAssertEqual(simulator.received.first?.from, nil)
    }

    func testLongTextIsBilledPerPart() throws {
        let results = try transport().send(try SMSMessage(to: ["0712345678"], text: String(repeating: "a", count: 161)))
        XCTAssertEqual(results.first?.cost, "KES 1.6000")
        XCTAssertEqual(results.first?.parts, 2)
    }

    func testUnknownSenderIDIsAPermanentRejection() throws {
        let message = try SMSMessage(to: ["0712345678"], text: "x", senderID: "OTHER")
        XCTAssertThrowsError(try transport().send(message)) { error in
            XCTAssertEqual(error as? SMSError, .rejected("InvalidSenderId"))
            XCTAssertEqual((error as? SMSError)?.isPermanent, true)
        }
    }

    func testWrongKeyIsUnauthorizedAndRetryable() throws {
        let message = try SMSMessage(to: ["0712345678"], text: "x")
        XCTAssertThrowsError(try transport(key: "wrong").send(message)) { error in
            guard let error = error as? SMSError, case .unauthorized = error else { return XCTFail("\(error)") }
            XCTAssertFalse(error.isPermanent)
            XCTAssertFalse(error.description.contains("wrong"))
        }
        XCTAssertEqual(simulator.received, [])
    }

    func testServiceUnavailableIsRetryableThenSendsOnce() throws {
        let message = try SMSMessage(to: ["0712345678"], text: "x")
        simulator.failNext(1)
        XCTAssertThrowsError(try transport().send(message)) { error in
            XCTAssertEqual((error as? SMSError)?.isPermanent, false)
            guard case .http(503, _)? = error as? SMSError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(simulator.received.count, 0)
        XCTAssertEqual(try transport().send(message).map(\.statusCode), [101])
        XCTAssertEqual(simulator.received.count, 1)
    }

    func testUnreachableGatewayIsARetryableTransportError() throws {
        let closed = SimpleHTTPServer(port: 0) { _ in .json(200, "{}") }
        let port = try closed.start()
        closed.stop()
        let message = try SMSMessage(to: ["0712345678"], text: "x")
        XCTAssertThrowsError(try transport(base: "http://127.0.0.1:\(port)").send(message)) { error in
            guard let error = error as? SMSError, case .transport = error else { return XCTFail("\(error)") }
            XCTAssertFalse(error.isPermanent)
        }
    }

    func testListingAndFailureKnobsOverHTTP() throws {
        _ = try transport().send(try SMSMessage(to: ["0712345678"], text: "Habari"))
        let listing = try get("/sim/messages")
        XCTAssertEqual(listing.status, 200)
        let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listing.body)) as? [[String: Any]])
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list.first?["message"] as? String, "Habari")
        XCTAssertEqual(list.first?["to"] as? [String], ["+254712345678"])

        XCTAssertEqual(try post("/sim/fail", "count=2"), 200)
        let message = try SMSMessage(to: ["0712345678"], text: "x")
        for _ in 0..<2 { XCTAssertThrowsError(try transport().send(message)) }
        XCTAssertNoThrow(try transport().send(message))
        XCTAssertEqual(try post("/sim/fail", "count=x"), 400)
    }

    func testRequestsWithoutRequiredFieldsAreRefused() throws {
        XCTAssertEqual(try post("/version1/messaging", "username=nyumba&to=%2B254712345678", key: "test-api-key"), 400)
        XCTAssertEqual(
            try post("/version1/messaging", "username=other&to=0712345678&message=x", key: "test-api-key"), 401)
        XCTAssertEqual(try post("/version1/messaging", "username=nyumba&to=0712345678&message=x"), 401)
        let valid = "username=nyumba&to=0712345678&message=x"
        XCTAssertEqual(try post("/version1/messaging", valid, key: "test-api-key", accept: "application/xml"), 406)
        XCTAssertEqual(try post("/version1/messaging", valid, key: "test-api-key"), 201)
        XCTAssertEqual(simulator.received.count, 1)
        simulator.clear()
        XCTAssertEqual(simulator.received, [])
    }

    // Daraja's plain HTTP helper reaches the simulator's test endpoints; the simulator reads
    // the form whatever the Content-Type says.
    private func get(_ path: String) throws -> (status: Int, body: [UInt8]) {
        try DarajaHTTP.get(simulator.baseURL + path)
    }

    private func post(_ path: String, _ body: String, key: String? = nil, accept: String = "application/json") throws
        -> Int
    {
        let headers = (key.map { ["apiKey: \($0)"] } ?? []) + ["Accept: \(accept)"]
        return try DarajaHTTP.postJSON(Array(body.utf8), to: simulator.baseURL + path, headers: headers).status
    }
}
