import Daraja
import DarajaSimulator
import Foundation
import Locking
import XCTest

/// A simulator on a free port, a callback listener, and a client pointed at both.
final class SimulatorHarness: Sendable {
    static let passkey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"

    let simulator: DarajaSimulator
    let inbox = Inbox()
    let listener: SimpleHTTPServer
    let client: DarajaClient
    let shortcode = DarajaShortcode(shortcode: "174379", passkey: passkey, transactionType: .payBill, partyB: "174379")

    /// `lateAnswer`: how long pushes with a late-answer outcome wait; `timeout`: the client's.
    init(lateAnswer: Duration = .seconds(20), timeout: Duration = .seconds(5)) throws {
        simulator = DarajaSimulator(
            port: 0, consumerKey: "test-key", consumerSecret: "test-secret", passkey: Self.passkey,
            callbackDelay: .milliseconds(100), lateAnswerDelay: lateAnswer)
        client = DarajaClient(connectTimeout: .seconds(2), timeout: timeout)
        let inbox = self.inbox
        listener = SimpleHTTPServer(port: 0) { request in
            inbox.bodies.withLock { $0.append(request.body) }
            return .json(200, #"{"ResultCode":0,"ResultDesc":"Accepted"}"#)
        }
        try simulator.start()
        try listener.start()
    }

    deinit {
        simulator.stop()
        listener.stop()
    }

    var credentials: DarajaCredentials {
        DarajaCredentials(
            baseURL: "http://127.0.0.1:\(simulator.port)", consumerKey: "test-key", consumerSecret: "test-secret")
    }

    var callbackURL: String { "http://127.0.0.1:\(listener.port)/daraja/stk/secret-token" }

    func request(phone: String = "254708374149", amount: Int = 1500) -> STKPushRequest {
        STKPushRequest(
            phone: phone, amount: amount, callbackURL: callbackURL, accountReference: "A12", description: "Rent")
    }

    func push(phone: String = "254708374149", amount: Int = 1500) throws -> STKPushAccepted {
        try client.stkPush(request(phone: phone, amount: amount), shortcode: shortcode, credentials: credentials)
    }

    func query(_ checkout: String) throws -> STKQueryResult {
        try client.stkQuery(checkoutRequestID: checkout, shortcode: shortcode, credentials: credentials)
    }

    /// The callbacks received so far for `checkout`, waiting up to `seconds` for `count` of them.
    func callbacks(for checkout: String, count: Int = 1, seconds: Double = 5) -> [[UInt8]] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let found = inbox.bodies.withLock { bodies in
                bodies.filter { String(decoding: $0, as: UTF8.self).contains(checkout) }
            }
            if found.count >= count || Date() > deadline { return found }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}

/// The bodies the callback listener received.
final class Inbox: Sendable {
    let bodies = Locked<[[UInt8]]>([])
}
