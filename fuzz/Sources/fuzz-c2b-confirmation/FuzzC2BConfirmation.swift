import Daraja
import FuzzSupport

/// A paybill confirmation (or validation) body → `C2BNotification.parse`, then the payer's phone
/// read from it (`C2BPayerPhone`): what the parser accepts must keep its promises, and must come
/// back the same when written out as the simulator posts it and parsed again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let payment = try? C2BNotification.parse(bytes(data, size)) else { return 0 }
    require(
        (1...20).contains(payment.transID.utf8.count) && only(payment.transID, digit, upper, lower),
        "TransID \(payment.transID)")
    require(payment.transTime.utf8.count == 14 && only(payment.transTime, digit), "TransTime \(payment.transTime)")
    require((1...999_999_999).contains(payment.amount), "amount \(payment.amount)")
    require(
        (5...7).contains(payment.businessShortCode.utf8.count) && only(payment.businessShortCode, digit),
        "shortcode \(payment.businessShortCode)")
    for (field, limit) in [
        (payment.transactionType, 40), (payment.billRefNumber, 40), (payment.invoiceNumber, 40),
        (payment.orgAccountBalance, 24), (payment.thirdPartyTransID, 40), (payment.msisdn, 64),
        (payment.firstName, 60), (payment.middleName, 60), (payment.lastName, 60),
    ] {
        require(field.count <= limit, "\(field.debugDescription) longer than \(limit)")
        require(
            field.first?.isWhitespace != true && field.last?.isWhitespace != true,
            "untrimmed \(field.debugDescription)")
    }
    require((try? C2BNotification.parse(payment.body)) == payment, "written out and read again: \(payment)")
    let payer = C2BPayerPhone(payment.msisdn)
    switch payer {
    case .plain(let phone):
        require(phone.utf8.count == 12 && phone.hasPrefix("254") && only(phone, digit), "plain \(phone)")
        require(payer.matches(phone), "\(phone) does not match itself")
    case .hashed(let hash):
        require(hash.utf8.count == 64 && only(hash, digit, 97...102), "hash \(hash)")
    case .masked(let mask):
        require(mask == payment.msisdn, "mask \(mask) is not the MSISDN \(payment.msisdn)")
    }
    _ = payer.matches("254722000111")
    return 0
}

/// SwiftPM links executables with `main` = `fuzz_c2b_confirmation_main`; libFuzzer takes over from here.
@_cdecl("fuzz_c2b_confirmation_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
