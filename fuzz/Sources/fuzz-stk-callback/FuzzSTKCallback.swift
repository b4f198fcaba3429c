import Daraja
import FuzzSupport

/// A Daraja STK callback body → `STKCallback.parse`; what it accepts must keep its promises.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let callback = try? STKCallback.parse(bytes(data, size)) else { return 0 }
    require(!callback.checkoutRequestID.isEmpty, "empty CheckoutRequestID")
    if let date = callback.transactionDate {
        require(date.utf8.count == 14 && date.utf8.allSatisfy { (48...57).contains($0) }, "date \(date)")
    }
    if let phone = callback.phone {
        require(!phone.isEmpty && phone.utf8.allSatisfy { (48...57).contains($0) }, "phone \(phone)")
    }
    _ = STKOutcome(resultCode: callback.resultCode)
    return 0
}

/// SwiftPM links executables with `main` = `fuzz_stk_callback_main`; libFuzzer takes over from here.
@_cdecl("fuzz_stk_callback_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
