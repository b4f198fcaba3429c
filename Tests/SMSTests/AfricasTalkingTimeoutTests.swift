import DarajaSimulator
import Foundation
import Locking
import SMS
import SMSSimulator
import XCTest

final class AfricasTalkingTimeoutTests: XCTestCase {
    func testASlowGatewayTimesOutAsARetryableTransportError() throws {
        let slow = SimpleHTTPServer(port: 0) { _ in
            Thread.sleep(forTimeInterval: 1.5)
            return .json(201, #"{"SMSMessageData":{"Message":"late","Recipients":[]}}"#)
        }
        let port = try slow.start()
        defer { slow.stop() }
        let transport = try AfricasTalkingTransport(
            baseURL: "http://127.0.0.1:\(port)", username: "u", apiKey: "k", connectTimeout: .seconds(1),
            timeout: .milliseconds(300))
        let started = ContinuousClock.now
        XCTAssertThrowsError(try transport.send(try SMSMessage(to: ["0712345678"], text: "x"))) { error in
            guard let error = error as? SMSError, case .transport = error else { return XCTFail("\(error)") }
            XCTAssertFalse(error.isPermanent)
        }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(1.2))
    }

    func testConcurrentSendsEachGetTheirAnswer() throws {
        let simulator = SMSSimulator(port: 0, username: "u", apiKey: "k")
        try simulator.start()
        defer { simulator.stop() }
        let transport = try AfricasTalkingTransport(baseURL: simulator.baseURL, username: "u", apiKey: "k")
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            do {
                let message = try SMSMessage(to: ["07123456\(10 + index)"], text: "Habari \(index)")
                let results = try transport.send(message)
                if results.map(\.number) != ["+2547123456\(10 + index)"] { failures.withLock { $0 += 1 } }
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, 0)
        XCTAssertEqual(Set(simulator.received.map(\.message)).count, 8)
    }
}
