/// Writes a tree of plain values (String, Int, Int64, Bool, a finite Double, arrays and
/// `[String: Any]` of them) as compact JSON with sorted keys: what a notification's parameters
/// are stored as. Several times cheaper than `JSONSerialization`, which first bridges the whole
/// tree to Foundation objects. Nil for anything else, as `JSONSerialization` refuses it.
enum PlainJSON {
    static func text(_ value: [String: Any]) -> String? {
        var output = ""
        return write(value, to: &output) ? output : nil
    }

    private static func write(_ value: Any, to output: inout String) -> Bool {
        switch value {
        case let text as String: string(text, to: &output)
        case let flag as Bool: output += flag ? "true" : "false"
        case let number as Int: output += String(number)
        case let number as Int64: output += String(number)
        case let number as Double:
            guard number.isFinite else { return false }
            output += "\(number)"
        case let list as [Any]:
            output += "["
            for (index, element) in list.enumerated() {
                if index > 0 { output += "," }
                guard write(element, to: &output) else { return false }
            }
            output += "]"
        case let object as [String: Any]:
            output += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                string(key, to: &output)
                output += ":"
                guard write(object[key]!, to: &output) else { return false }
            }
            output += "}"
        default: return false
        }
        return true
    }

    private static func string(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
