import Daraja
import DarajaSimulator
import Foundation
import XCTest

final class DarajaClientSimulatorTests: XCTestCase {
    func testPushSucceedsAndCallbackArrives() throws {
        let sim = try SimulatorHarness()
        let accepted = try sim.push(amount: 1500)
        XCTAssertTrue(accepted.checkoutRequestID.hasPrefix("ws_CO_"))
        XCTAssertEqual(accepted.customerMessage, "Success. Request accepted for processing")
        let bodies = sim.callbacks(for: accepted.checkoutRequestID)
        XCTAssertEqual(bodies.count, 1)
        XCTAssertTrue(String(decoding: bodies[0], as: UTF8.self).contains(#"{"Name":"Balance"}"#))
        XCTAssertTrue(String(decoding: bodies[0], as: UTF8.self).contains(#""Value":1500.00"#))
        let callback = try STKCallback.parse(bodies[0])
        XCTAssertEqual(callback.checkoutRequestID, accepted.checkoutRequestID)
        XCTAssertEqual(callback.merchantRequestID, accepted.merchantRequestID)
        XCTAssertEqual(callback.resultCode, 0)
        XCTAssertEqual(callback.amount, 1500)
        XCTAssertEqual(callback.phone, "254708374149")
        XCTAssertEqual(callback.receipt?.count, 10)
        XCTAssertEqual(callback.transactionDate?.count, 14)
        // The simulator records our answer only after we sent it: wait for it (slow under TSan).
        let deadline = Date().addingTimeInterval(5)
        while sim.simulator.pushes.first?.callbackStatuses.isEmpty ?? true, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTAssertEqual(sim.simulator.pushes.first?.callbackStatuses, [200])
        XCTAssertEqual(
            try sim.query(accepted.checkoutRequestID),
            .completed(resultCode: 0, resultDesc: "The service request is processed successfully."))
    }

    func testPushAnsweredAfterTheTimeoutMayHaveBeenAppliedAndIsStillCalledBack() throws {
        let sim = try SimulatorHarness(lateAnswer: .milliseconds(2500), timeout: .seconds(1))
        XCTAssertThrowsError(try sim.push(phone: "254708379995")) { error in
            XCTAssertEqual((error as? DarajaError)?.mayHaveBeenApplied, true, "\(error)")
        }
        let push = try XCTUnwrap(sim.simulator.pushes.first)
        XCTAssertEqual(push.outcome, "9995")
        let callback = try STKCallback.parse(try XCTUnwrap(sim.callbacks(for: push.checkoutRequestID).first))
        XCTAssertEqual(callback.resultCode, 0)
        XCTAssertEqual(callback.phone, "254708379995")
    }

    func testOnlyUnclearErrorsMayHaveBeenApplied() {
        XCTAssertTrue(DarajaError.transport("timeout").mayHaveBeenApplied)
        XCTAssertTrue(DarajaError.malformedResponse(.notAnObject).mayHaveBeenApplied)
        XCTAssertTrue(DarajaError.api(httpStatus: 502, errorCode: "", message: "Bad Gateway").mayHaveBeenApplied)
        XCTAssertFalse(DarajaError.api(httpStatus: 500, errorCode: "500.003.02", message: "busy").mayHaveBeenApplied)
        XCTAssertFalse(DarajaError.api(httpStatus: 400, errorCode: "400.002.02", message: "bad").mayHaveBeenApplied)
        XCTAssertFalse(DarajaError.invalidRequest(.amount).mayHaveBeenApplied)
    }

    func testTokenFetchedOnceAndReusedAcrossPushes() throws {
        let sim = try SimulatorHarness()
        for _ in 0..<3 { _ = try sim.push() }
        _ = try sim.query(sim.simulator.pushes[0].checkoutRequestID)
        XCTAssertEqual(sim.simulator.oauthRequestCount, 1)
    }

    func testConcurrentPushesShareOneTokenFetch() throws {
        let sim = try SimulatorHarness()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in _ = try? sim.push() }
        XCTAssertEqual(sim.simulator.pushes.count, 8)
        XCTAssertEqual(sim.simulator.oauthRequestCount, 1)
    }

    func testTokenRefetchedOnceAfterInvalidAccessToken() throws {
        let sim = try SimulatorHarness()
        _ = try sim.push()
        sim.simulator.expireTokens()
        _ = try sim.push()
        XCTAssertEqual(sim.simulator.oauthRequestCount, 2)
        XCTAssertEqual(sim.simulator.pushes.count, 2)
    }

    func testWrongPasskeyIsInvalidPassword() throws {
        let sim = try SimulatorHarness()
        let wrong = DarajaShortcode(shortcode: "174379", passkey: "wrong", transactionType: .payBill, partyB: "174379")
        XCTAssertThrowsError(try sim.client.stkPush(sim.request(), shortcode: wrong, credentials: sim.credentials)) {
            XCTAssertEqual(
                $0 as? DarajaError,
                .api(httpStatus: 400, errorCode: "400.002.02", message: "Bad Request - Invalid Password"))
        }
        XCTAssertTrue(sim.simulator.pushes.isEmpty)
    }

    func testTimestampOutsideTheWindowIsRefused() throws {
        let sim = try SimulatorHarness()
        XCTAssertThrowsError(
            try sim.client.stkPush(
                sim.request(), shortcode: sim.shortcode, credentials: sim.credentials, now: Date() - 3600)
        ) {
            XCTAssertEqual(
                $0 as? DarajaError,
                .api(httpStatus: 400, errorCode: "400.002.02", message: "Bad Request - Invalid Timestamp"))
        }
    }

    func testWrongConsumerSecret() throws {
        let sim = try SimulatorHarness()
        let credentials = DarajaCredentials(
            baseURL: sim.credentials.baseURL, consumerKey: "test-key", consumerSecret: "nope")
        XCTAssertThrowsError(try sim.client.stkPush(sim.request(), shortcode: sim.shortcode, credentials: credentials))
        {
            guard case .api(400, "400.008.01", _) = $0 as? DarajaError else { return XCTFail("\($0)") }
        }
    }

    func testInvalidRequestIsRefusedBeforeSending() throws {
        let sim = try SimulatorHarness()
        XCTAssertThrowsError(try sim.push(amount: 0)) {
            guard case .invalidRequest = $0 as? DarajaError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(sim.simulator.oauthRequestCount, 0)
        XCTAssertNoThrow(try sim.push(phone: "254110000123"))
    }

    func testQueryStillProcessing4999ThenCompleted() throws {
        let sim = try SimulatorHarness()
        let accepted = try sim.push(phone: "254700004999")
        XCTAssertEqual(try sim.query(accepted.checkoutRequestID), .stillProcessing)
        XCTAssertEqual(try sim.query(accepted.checkoutRequestID), .stillProcessing)
        _ = sim.callbacks(for: accepted.checkoutRequestID)
        guard case .completed(0, _) = try sim.query(accepted.checkoutRequestID) else { return XCTFail() }
    }

    func testQueryHTTP500ThenCompletedWithoutCallback() throws {
        let sim = try SimulatorHarness()
        let accepted = try sim.push(phone: "254700005001")
        XCTAssertEqual(try sim.query(accepted.checkoutRequestID), .stillProcessing)
        XCTAssertEqual(try sim.query(accepted.checkoutRequestID), .stillProcessing)
        Thread.sleep(forTimeInterval: 0.3)
        guard case .completed(0, _) = try sim.query(accepted.checkoutRequestID) else { return XCTFail() }
        XCTAssertTrue(sim.callbacks(for: accepted.checkoutRequestID, seconds: 0.2).isEmpty)
        XCTAssertEqual(sim.simulator.pushes[0].callbacksSent, 0)
    }

    func testUnknownCheckoutIsStillProcessing() throws {
        let sim = try SimulatorHarness()
        XCTAssertEqual(try sim.query("ws_CO_unknown"), .stillProcessing)
    }

    func testClosedPortIsTransportErrorWithinConnectTimeout() throws {
        let server = SimpleHTTPServer(port: 0) { _ in .json(200, "{}") }
        let port = try server.start()
        server.stop()
        let client = DarajaClient(connectTimeout: .seconds(2), timeout: .seconds(5))
        let credentials = DarajaCredentials(baseURL: "http://127.0.0.1:\(port)", consumerKey: "k", consumerSecret: "s")
        let shortcode = DarajaShortcode(shortcode: "174379", passkey: "p", transactionType: .payBill, partyB: "174379")
        let started = Date()
        XCTAssertThrowsError(
            try client.stkQuery(checkoutRequestID: "ws_CO_1", shortcode: shortcode, credentials: credentials)
        ) {
            guard case .transport = $0 as? DarajaError else { return XCTFail("\($0)") }
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.5)
    }
}
