import Daraja
import DarajaSimulator
import Foundation
import XCTest

final class SimulatorOutcomeTests: XCTestCase {
    private func outcome(_ phone: String, sim: SimulatorHarness) throws -> STKCallback {
        let accepted = try sim.push(phone: phone)
        let bodies = sim.callbacks(for: accepted.checkoutRequestID)
        XCTAssertEqual(bodies.count, 1)
        return try STKCallback.parse(bodies.first ?? [])
    }

    func testPhoneSuffixChoosesTheOutcome() throws {
        let sim = try SimulatorHarness()
        XCTAssertEqual(try outcome("254700001032", sim: sim).resultCode, 1032)
        XCTAssertEqual(try outcome("254700001037", sim: sim).resultCode, 1037)
        XCTAssertEqual(try outcome("254700002001", sim: sim).resultCode, 2001)
        let poor = try outcome("254700000001", sim: sim)
        XCTAssertEqual(poor.resultCode, 1)
        XCTAssertNil(poor.amount)
    }

    func testNoCallbackAtAll() throws {
        let sim = try SimulatorHarness()
        let accepted = try sim.push(phone: "254700009998")
        XCTAssertTrue(sim.callbacks(for: accepted.checkoutRequestID, seconds: 0.5).isEmpty)
        guard case .completed(0, _) = try sim.query(accepted.checkoutRequestID) else { return XCTFail() }
    }

    func testDuplicateCallbackIsTheSameBody() throws {
        let sim = try SimulatorHarness()
        let accepted = try sim.push(phone: "254700009997")
        let bodies = sim.callbacks(for: accepted.checkoutRequestID, count: 2)
        XCTAssertEqual(bodies.count, 2)
        XCTAssertEqual(bodies.first, bodies.last)
    }

    func testCallbackWithADifferentAmount() throws {
        let sim = try SimulatorHarness()
        XCTAssertEqual(try sim.push(phone: "254700009996", amount: 500).checkoutRequestID.isEmpty, false)
        let callback = try STKCallback.parse(sim.callbacks(for: sim.simulator.pushes[0].checkoutRequestID).first ?? [])
        XCTAssertEqual(callback.amount, 501)
    }

    func testOverrideOverHTTPAndRequestsListing() throws {
        let sim = try SimulatorHarness()
        let base = sim.credentials.baseURL
        let set = try DarajaHTTP.postJSON(
            Array(#"{"phone":"254708374149","outcome":"2001"}"#.utf8), to: base + "/sim/outcomes")
        XCTAssertEqual(set.status, 200)
        XCTAssertEqual(try outcome("254708374149", sim: sim).resultCode, 2001)
        let listing = try DarajaHTTP.get(base + "/sim/requests")
        let pushes = try JSONSerialization.jsonObject(with: Data(listing.body)) as? [[String: Any]]
        XCTAssertEqual(pushes?.count, 1)
        XCTAssertEqual(pushes?.first?["outcome"] as? String, "2001")
        XCTAssertEqual(pushes?.first?["accountReference"] as? String, "A12")
    }

    func testPayBillWithAnotherPartyBFails2028() throws {
        let sim = try SimulatorHarness()
        let shortcode = DarajaShortcode(
            shortcode: "174379", passkey: SimulatorHarness.passkey, transactionType: .payBill, partyB: "600000")
        let accepted = try sim.client.stkPush(sim.request(), shortcode: shortcode, credentials: sim.credentials)
        let callback = try STKCallback.parse(sim.callbacks(for: accepted.checkoutRequestID).first ?? [])
        XCTAssertEqual(callback.resultCode, 2028)
        XCTAssertEqual(STKOutcome(resultCode: callback.resultCode), .failed)
    }

    func testReceiptsAreUnique() throws {
        let sim = try SimulatorHarness()
        for _ in 0..<20 { _ = try sim.push() }
        let receipts = sim.simulator.pushes.compactMap(\.receipt)
        XCTAssertEqual(Set(receipts).count, 20)
        XCTAssertTrue(receipts.allSatisfy { $0.count == 10 && $0.allSatisfy { $0.isUppercase || $0.isNumber } })
    }
}
