import FuzzSupport
import SMS

/// An Africa's Talking delivery report → `SMSDeliveryReport.parse`, as a form body and as a JSON
/// body: what either accepts must keep its promises, and a report written out as a form (as the
/// gateway posts it) must read back the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = bytes(data, size)
    for report in [try? SMSDeliveryReport.parse(formBody: body), try? SMSDeliveryReport.parse(jsonBody: body)] {
        guard let report else { continue }
        require(
            (1...100).contains(report.messageID.utf8.count)
                && only(report.messageID, visible),
            "id \(report.messageID.debugDescription)")
        let phone = report.phoneNumber.international
        require(
            phone.utf8.count == 13 && (phone.hasPrefix("+2547") || phone.hasPrefix("+2541")), "phone \(phone)")
        require(SMSNumber(phone) == report.phoneNumber, "\(phone) does not read back as itself")
        if let network = report.networkCode {
            require(
                (1...8).contains(network.utf8.count) && only(network, digit),
                "network \(network)")
        }
        if let reason = report.failureReason {
            require(
                reason.utf8.count <= 100 && only(reason, 32...32, visible),
                "reason \(reason.debugDescription)")
        }
        if let retries = report.retryCount { require((0...999_999).contains(retries), "retries \(retries)") }
        var fields = [("id", report.messageID), ("status", report.status.rawValue), ("phoneNumber", phone)]
        fields += [
            report.networkCode.map { ("networkCode", $0) }, report.failureReason.map { ("failureReason", $0) },
            report.retryCount.map { ("retryCount", String($0)) },
        ].compactMap { $0 }
        require(
            (try? SMSDeliveryReport.parse(formBody: Array(SMSForm.encode(fields).utf8))) == report,
            "written out as a form and read again: \(report)")
    }
    return 0
}

/// SwiftPM links executables with `main` = `fuzz_sms_report_main`; libFuzzer takes over from here.
@_cdecl("fuzz_sms_report_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
