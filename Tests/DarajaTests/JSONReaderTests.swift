import Foundation
import XCTest

@testable import Daraja

/// `JSONReader` reads what `JSONSerialization` reads, the same way, and refuses what it refuses.
final class JSONReaderTests: XCTestCase {
    private func foundation(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    func testValidBodiesReadAsJSONSerializationReadsThem() throws {
        let bodies = [
            #"{"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"ws_CO_191220191020363925","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":1.00},{"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},{"Name":"Balance"},{"Name":"TransactionDate","Value":20191219102115},{"Name":"PhoneNumber","Value":254708374149}]}}}}"#,
            #" { "a" : [ 1 , -2.5e3 , 0 , -0 , 1E+2 , true , false , null , "" , [ ] , { } ] } "#,
            #"{"escapes":"\"\\\/\b\f\n\r\t\u00e9\u20AC\ud83c\udfe0 ✓ Ngũgĩ","dup":1,"dup":2}"#,
            #"{"big":12345678901234567890,"small":-9223372036854775808}"#,
        ]
        for body in bodies {
            let mine = try XCTUnwrap(JSONReader.value(Array(body.utf8)) as? NSDictionary, body)
            let theirs = try XCTUnwrap(foundation(body) as? NSDictionary, body)
            XCTAssertEqual(mine, theirs, body)
        }
        let flags = try XCTUnwrap(JSONReader.value(Array(#"{"t":true,"n":1}"#.utf8)) as? [String: Any])
        XCTAssertNil(JSONValue.integer(flags["t"]), "a boolean is no number")
        XCTAssertEqual(JSONValue.integer(flags["n"]), 1)
    }

    /// Numbers and booleans come out as Swift values, so reading them needs no Foundation bridging;
    /// `JSONValue` reads each kind the way it read `NSNumber`s before.
    func testNumbersAndBooleansAreSwiftValues() throws {
        let body =
            #"{"int":254708374149,"neg":-0,"real":1.00,"frac":1.5,"big":12345678901234567890,"yes":true,"no":false,"text":"7"}"#
        let object = try XCTUnwrap(JSONValue.object(Array(body.utf8)))
        XCTAssertTrue(type(of: object["int"]!) == Int.self, "not an NSNumber")
        XCTAssertTrue(type(of: object["real"]!) == Double.self, "not an NSNumber")
        XCTAssertTrue(type(of: object["yes"]!) == Bool.self, "not an NSNumber")
        XCTAssertEqual(object["int"] as? Int, 254_708_374_149)
        XCTAssertEqual(object["neg"] as? Int, 0)
        XCTAssertEqual(object["real"] as? Double, 1.0)
        XCTAssertEqual(object["big"] as? Double, 12_345_678_901_234_567_890)
        XCTAssertEqual(object["yes"] as? Bool, true)
        XCTAssertEqual(object["no"] as? Bool, false)
        XCTAssertEqual(JSONValue.integer(object["int"]), 254_708_374_149)
        XCTAssertEqual(JSONValue.integer(object["real"]), 1, "a whole number written with decimals")
        XCTAssertNil(JSONValue.integer(object["frac"]), "a fraction is no whole number")
        XCTAssertNil(JSONValue.integer(object["yes"]), "a boolean is no number")
        XCTAssertNil(JSONValue.integer(object["no"]), "a boolean is no number")
        XCTAssertEqual(JSONValue.integer(object["text"]), 7)
        XCTAssertEqual(JSONValue.digits(object["int"]), "254708374149")
        XCTAssertNil(JSONValue.string(object["int"]), "a number is no string")
    }

    func testNullIsToldFromEveryOtherValue() throws {
        let object = try XCTUnwrap(
            JSONValue.object(Array(#"{"n":null,"o":{"a":null},"l":[null],"s":"null","z":0}"#.utf8)))
        XCTAssertTrue(JSONValue.isNull(try XCTUnwrap(object["n"])))
        for name in ["o", "l", "s", "z"] { XCTAssertFalse(JSONValue.isNull(try XCTUnwrap(object[name])), name) }
        XCTAssertTrue(JSONValue.isNull(try XCTUnwrap((object["l"] as? [Any])?.first)))
    }

    func testWhatIsNotJSONIsRefused() {
        let bad = [
            "", " ", "{", "}", #"{"a":1,}"#, "[1,]", #"{"a" 1}"#, "{a:1}", "{'a':1}", #"{"a":01}"#, #"{"a":1.}"#,
            #"{"a":.5}"#, #"{"a":+1}"#, #"{"a":-}"#, #"{"a":1e}"#, #"{"a":NaN}"#, #"{"a":tru}"#, #"{"a":"x"} x"#,
            "{\"a\":\"line\nbreak\"}", #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":"\ud83c"}"#, #"{"a":"open}"#,
            String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
        ]
        for text in bad {
            XCTAssertNil(JSONReader.value(Array(text.utf8)), text)
        }
        XCTAssertNil(JSONReader.value([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]), "invalid UTF-8")
        XCTAssertNil(JSONValue.object(Array("[1]".utf8)), "an object is expected")
    }
}
